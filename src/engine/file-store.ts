/**
 * The CLI's EngineStore: links and run state in one JSON file beside the configuration. Written
 * atomically (temp file + rename) on every change so a crash never leaves half a file — a link is
 * on disk the moment putLink resolves (invariant 4).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeProblem } from '../core/file-problem.ts';
import {
  type Account,
  HrsyncError,
  type Link,
  type MatchOverride,
  type QuarantineEntry,
} from '../core/index.ts';
import type { EngineState, EngineStore, TenantCacheUpdate } from './ports.ts';

interface FileShape {
  readonly version: 1;
  links: Record<string, Link>;
  state: EngineState & { accounts?: readonly Account[] | null };
}

/**
 * The run state could not be written (a full disk, a file-size limit, no permission): the message
 * names the file and says why in words (core/file-problem.ts), for the CLI to print as it is.
 */
export class RunStateWriteError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot write the run state ${path}: ${writeProblem(cause)}`, { cause });
    this.name = 'RunStateWriteError';
  }
}

/** What to do about a run state that cannot be used. */
export const STATE_ADVICE =
  'Name another file with --state, or move this one aside to start without it: accounts are then matched again by the matching attributes.';

const EMPTY_STATE: EngineState = {
  lastSourceCount: null,
  targetCursor: null,
  accountAttributes: null,
};

/** The cache after an update: a replacement, or the old accounts with the changes merged in. */
export function updatedCache(
  accounts: readonly Account[] | null,
  update: TenantCacheUpdate | undefined,
): readonly Account[] | null {
  if (update === undefined) return accounts;
  if (update.kind === 'replace') return update.accounts;
  const byId = new Map((accounts ?? []).map((a) => [a.id, a]));
  for (const id of update.removedIds) byId.delete(id);
  for (const a of update.accounts) byId.set(a.id, a);
  return [...byId.values()];
}

/**
 * Reads the state file's JSON, undefined when there is none yet. The CLI passes one that says in
 * words what is wrong with a file it cannot read (an HrsyncError), as it does for the configuration.
 */
export type ReadStateFile = (path: string) => Promise<unknown>;

const readJsonIfAny: ReadStateFile = (path) =>
  readFile(path, 'utf8').then(
    (text) => JSON.parse(text) as unknown,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    },
  );

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class FileEngineStore implements EngineStore {
  private data: FileShape | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly read: ReadStateFile = readJsonIfAny,
  ) {}

  private async load(): Promise<FileShape> {
    if (this.data) return this.data;
    const parsed = await this.read(this.path);
    if (parsed === undefined) {
      this.data = { version: 1, links: {}, state: EMPTY_STATE };
    } else if (isRecord(parsed) && parsed.version === 1 && isRecord(parsed.links) && isRecord(parsed.state)) {
      this.data = parsed as unknown as FileShape;
    } else {
      // Refused rather than started afresh: writing over it would lose the links it holds.
      throw new HrsyncError(
        'HRS_CONFIG_INVALID',
        `the run state ${this.path} is not one this version of hrsync wrote (it has no "version": 1 with "links" and "state"). ${STATE_ADVICE}`,
      );
    }
    return this.data;
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(this.data);
    this.writing = this.writing.then(async () => {
      const tmp = `${this.path}.${process.pid}.tmp`;
      try {
        await mkdir(dirname(this.path), { recursive: true });
        await writeFile(tmp, snapshot, { mode: 0o600 });
        await rename(tmp, this.path);
      } catch (error) {
        // A full disk or a file-size limit: the half-written copy goes, the file as it was stays.
        await rm(tmp, { force: true }).catch(() => undefined);
        throw new RunStateWriteError(this.path, error);
      }
    });
    return this.writing;
  }

  async links(): Promise<readonly Link[]> {
    return Object.values((await this.load()).links);
  }

  async putLink(link: Link): Promise<void> {
    (await this.load()).links[link.employeeNumber] = link;
    await this.save();
  }

  async removeLink(employeeNumber: string): Promise<void> {
    delete (await this.load()).links[employeeNumber];
    await this.save();
  }

  async getState(): Promise<EngineState> {
    const { accounts: _accounts, ...state } = (await this.load()).state;
    return state;
  }

  async cachedAccounts(): Promise<readonly Account[] | null> {
    return (await this.load()).state.accounts ?? null;
  }

  async setState(state: EngineState, cache?: TenantCacheUpdate): Promise<void> {
    const data = await this.load();
    data.state = { ...state, accounts: updatedCache(data.state.accounts ?? null, cache) };
    await this.save();
  }
}

/** An in-memory store, for simulations from the CLI that must not touch any file, and for tests. */
export class MemoryEngineStore implements EngineStore {
  private readonly map = new Map<string, Link>();
  /** Overrides, as a test or a caller sets them. */
  overrideList: MatchOverride[] = [];
  readonly quarantined = new Map<string, QuarantineEntry>();
  async overrides() {
    return this.overrideList;
  }
  async readQuarantine() {
    return [...this.quarantined.values()];
  }
  async updateQuarantine(change: { put: readonly QuarantineEntry[]; remove: readonly string[] }) {
    for (const n of change.remove) this.quarantined.delete(n);
    for (const q of change.put) this.quarantined.set(q.employeeNumber, q);
  }
  private state: EngineState = EMPTY_STATE;
  private accounts: readonly Account[] | null = null;
  async links() {
    return [...this.map.values()];
  }
  async putLink(link: Link) {
    this.map.set(link.employeeNumber, link);
  }
  async removeLink(n: string) {
    this.map.delete(n);
  }
  async putLinks(links: readonly Link[]) {
    for (const link of links) this.map.set(link.employeeNumber, link);
  }
  async getState() {
    return this.state;
  }
  async cachedAccounts() {
    return this.accounts;
  }
  async setState(s: EngineState, cache?: TenantCacheUpdate) {
    this.state = s;
    this.accounts = updatedCache(this.accounts, cache);
  }
}
