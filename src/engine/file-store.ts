/**
 * The CLI's EngineStore: links and run state in one JSON file beside the configuration. Written
 * atomically (temp file + rename) on every change so a crash never leaves half a file — a link is
 * on disk the moment putLink resolves (invariant 4).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Link } from '../core/index.ts';
import type { EngineState, EngineStore } from './ports.ts';

interface FileShape {
  readonly version: 1;
  links: Record<string, Link>;
  state: EngineState;
}

const EMPTY_STATE: EngineState = {
  lastSourceCount: null,
  targetCursor: null,
  accounts: null,
  accountAttributes: null,
};

export class FileEngineStore implements EngineStore {
  private data: FileShape | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  private async load(): Promise<FileShape> {
    if (this.data) return this.data;
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as FileShape;
      if (parsed.version !== 1) throw new Error(`unsupported store version in ${this.path}`);
      this.data = parsed;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.data = { version: 1, links: {}, state: EMPTY_STATE };
    }
    return this.data;
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(this.data);
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, snapshot, { mode: 0o600 });
      await rename(tmp, this.path);
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
    return (await this.load()).state;
  }

  async setState(state: EngineState): Promise<void> {
    (await this.load()).state = state;
    await this.save();
  }
}

/** An in-memory store, for simulations from the CLI that must not touch any file, and for tests. */
export class MemoryEngineStore implements EngineStore {
  private readonly map = new Map<string, Link>();
  private state: EngineState = EMPTY_STATE;
  async links() {
    return [...this.map.values()];
  }
  async putLink(link: Link) {
    this.map.set(link.employeeNumber, link);
  }
  async removeLink(n: string) {
    this.map.delete(n);
  }
  async getState() {
    return this.state;
  }
  async setState(s: EngineState) {
    this.state = s;
  }
}
