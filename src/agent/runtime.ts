/**
 * `hrsync agent run`: holds a work request open to the service (outbound HTTPS only), carries out the
 * operations it is given against the local directory, and posts the answers — retrying until the
 * service has them, so a dropped connection loses no write and (with the journal) repeats none.
 * After network loss or a service restart it reconnects with exponential back-off and jitter.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Target } from '../engine/ports.ts';
import { OPERATION_KINDS, type OperationKind, type RemoteTargetSettings } from '../targets/remote/index.ts';
import { type AgentClient, AgentRequestError } from './client.ts';
import { type Executed, execute } from './executor.ts';
import type { WriteJournal } from './journal.ts';
import { inBytes } from './read-pages.ts';
import type { AgentSecrets } from './state.ts';

export interface AgentLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

/** Builds the local target from the settings the service sends and the secrets kept on the agent. */
export type AgentTargetFactory = (settings: RemoteTargetSettings, secrets: AgentSecrets) => Target;

export interface AgentRuntimeOptions {
  readonly client: AgentClient;
  readonly targetFactory: AgentTargetFactory;
  readonly secrets: AgentSecrets;
  readonly journal: WriteJournal;
  readonly log: AgentLog;
  /** Operations carried out at once. */
  readonly concurrency?: number;
  /** How often the domain controllers are checked between operations. */
  readonly controllersCheckMs?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

interface Timings {
  heartbeatMs: number;
  silenceMs: number;
}

interface WireOperation {
  readonly id: string;
  readonly kind: string;
  readonly payload: unknown;
}

export class AgentRuntime {
  readonly #o: AgentRuntimeOptions;
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #writeAborts = new Set<AbortController>();
  readonly #targets = new Map<string, Target>();
  readonly #stopping = new AbortController();
  #timings: Timings = { heartbeatMs: 5_000, silenceMs: 30_000 };
  /** The largest page body the service takes, as its last work answer said (null: it did not say). */
  #pageBytes: number | null = null;
  #lastContact = Date.now();
  #failures = 0;
  #settings: RemoteTargetSettings | null = null;
  #directoryKey = '';
  #controllers: { ok: boolean; message: string } | undefined;
  /** The controllers' state as the service last heard it (JSON), so that a change is told at once. */
  #reportedControllers = '';
  /** Ends the work request being held, to tell the service a change without waiting out the hold. */
  #held: AbortController | null = null;
  #stopReason: string | null = null;
  #wake: (() => void) | null = null;
  #connected = false;

  constructor(options: AgentRuntimeOptions) {
    this.#o = options;
  }

  /**
   * Why the agent stopped by itself, in one line: the service refused it (revoked, unknown), or the
   * service's address cannot work (bad port, unknown host, untrusted certificate). Null otherwise.
   */
  get stopReason(): string | null {
    return this.#stopReason;
  }

  /** Runs until stop(), until the service refuses the agent or until its address proves unusable. */
  async run(): Promise<void> {
    const watchdog = setInterval(() => this.#guardWrites(), 500);
    const checks = setInterval(() => void this.#checkControllers(), this.#o.controllersCheckMs ?? 60_000);
    watchdog.unref();
    checks.unref();
    try {
      while (!this.#stopping.signal.aborted) await this.#poll();
    } finally {
      clearInterval(watchdog);
      clearInterval(checks);
      await this.#settle();
      await this.#closeTargets();
    }
  }

  stop(): void {
    this.#stopping.abort();
    this.#wake?.();
  }

  async #poll(): Promise<void> {
    const max = this.#o.concurrency ?? 2;
    const capacity = Math.max(0, max - this.#inFlight.size);
    // Idle, the request is held open until there is work. Working, the agent reports in every
    // heartbeat instead, so both sides notice a lost connection within the heartbeat, not the hold.
    const working = this.#inFlight.size > 0;
    // Nor is it held when there is news: a new connection (the console shows the agent connected and
    // the agent gets its directory settings at once) or a changed state of the controllers.
    const controllers = this.#controllers ? JSON.stringify(this.#controllers) : '';
    const news = !this.#connected || controllers !== this.#reportedControllers;
    const held = new AbortController();
    this.#held = held;
    try {
      const answer = await this.#o.client.work(
        {
          working: [...this.#inFlight.keys()],
          capacity,
          wait: !working && !news,
          ...(this.#controllers ? { controllers: this.#controllers } : {}),
        },
        AbortSignal.any([this.#stopping.signal, held.signal]),
      );
      this.#reportedControllers = controllers;
      this.#contact();
      this.#timings = { heartbeatMs: answer.timings.heartbeatMs, silenceMs: answer.timings.silenceMs };
      // A service older than this field says nothing: pages are then split by count only.
      const pageBytes = (answer as { limits?: { pageBytes?: unknown } }).limits?.pageBytes;
      this.#pageBytes = typeof pageBytes === 'number' && pageBytes > 0 ? pageBytes : null;
      if (answer.directory) this.#directorySettings(answer.directory as RemoteTargetSettings);
      for (const op of answer.operations) this.#take(op);
      if (this.#inFlight.size > 0 && answer.operations.length === 0)
        await this.#idle(this.#timings.heartbeatMs);
    } catch (error) {
      // Ended early to tell news: operations the service handed out meanwhile come again (it re-sends
      // what an agent does not mention as working).
      if (this.#stopping.signal.aborted || held.signal.aborted) return;
      await this.#failed(error);
    } finally {
      this.#held = null;
    }
  }

  #contact(): void {
    this.#lastContact = Date.now();
    if (this.#failures > 0 || !this.#connected) this.#o.log.info({}, 'connected to the hrsync service');
    this.#failures = 0;
    this.#connected = true;
  }

  async #failed(error: unknown): Promise<void> {
    if (error instanceof AgentRequestError && (error.kind === 'refused' || error.kind === 'unreachable')) {
      this.#stopReason = error.message;
      this.#o.log.error(
        { reason: error.message },
        error.kind === 'refused'
          ? 'the hrsync service refused this agent; stopping'
          : 'the hrsync service cannot be reached at this address; stopping',
      );
      this.stop();
      return;
    }
    this.#connected = false;
    this.#failures++;
    const { initialMs, maxMs } = this.#o.backoff ?? { initialMs: 500, maxMs: 30_000 };
    const wait =
      Math.min(maxMs, initialMs * 2 ** Math.min(this.#failures - 1, 16)) * (0.8 + Math.random() * 0.4);
    this.#o.log.warn(
      { error: (error as Error).message, retryInMs: Math.round(wait), attempt: this.#failures },
      'cannot reach the hrsync service; retrying',
    );
    await this.#idle(wait);
  }

  /** Waits, but wakes early when an operation finishes or the runtime stops. */
  async #idle(ms: number): Promise<void> {
    if (this.#stopping.signal.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
    this.#wake = null;
  }

  #take(op: WireOperation): void {
    if (this.#inFlight.has(op.id)) return;
    if (!OPERATION_KINDS.includes(op.kind as OperationKind)) {
      this.#o.log.warn({ op: op.id, kind: op.kind }, 'unknown operation kind; upgrade the agent');
      this.#track(
        op.id,
        this.#deliver(op.id, {
          result: {
            ok: false,
            error: {
              code: 'HRS_AGENT_UNAVAILABLE',
              message: `this agent does not know the operation "${op.kind}"; upgrade it`,
              retryable: false,
            },
          },
          pages: [],
        }),
      );
      return;
    }
    this.#track(op.id, this.#carryOut(op.id, op.kind as OperationKind, op.payload, this.#pageBytes));
  }

  #track(id: string, work: Promise<void>): void {
    const tracked = work
      .catch((error) => this.#o.log.error({ op: id, error: (error as Error).message }, 'operation failed'))
      .finally(() => {
        this.#inFlight.delete(id);
        this.#wake?.();
      });
    this.#inFlight.set(id, tracked);
  }

  async #carryOut(
    id: string,
    kind: OperationKind,
    payload: unknown,
    pageBytes: number | null,
  ): Promise<void> {
    const writes = kind === 'apply';
    if (writes) {
      const known = this.#o.journal.lookup(id);
      if (known.state === 'finished') {
        this.#o.log.info({ op: id, kind }, 'operation handed out again: answering from the journal');
        return this.#deliver(id, { result: known.result, pages: [] }, pageBytes);
      }
      if (known.state === 'interrupted') {
        this.#o.log.warn({ op: id, kind }, 'operation was interrupted by a restart: its outcome is unknown');
        return this.#deliver(
          id,
          {
            result: {
              ok: false,
              interrupted: true,
              error: {
                code: 'HRS_AGENT_UNAVAILABLE',
                message:
                  'the agent restarted while carrying this out; its creates are re-matched before any retry',
                retryable: true,
              },
            },
            pages: [],
          },
          pageBytes,
        );
      }
      this.#o.journal.start(id);
    }
    const settings = (payload as { target: RemoteTargetSettings }).target;
    this.#rememberSettings(settings);
    const abort = new AbortController();
    if (writes) this.#writeAborts.add(abort);
    const started = Date.now();
    let executed: Executed;
    try {
      executed = await execute(kind, payload, this.#target(settings), abort.signal, pageBytes);
    } finally {
      this.#writeAborts.delete(abort);
    }
    if (writes) this.#o.journal.finish(id, executed.result);
    if (kind === 'test' && executed.result.ok) {
      const value = executed.result.value as { ok: boolean; message: string };
      this.#controllersChecked({ ok: value.ok, message: value.message });
    }
    this.#o.log.info(
      {
        op: id,
        kind,
        ms: Date.now() - started,
        ok: executed.result.ok,
        ...(kind === 'apply' ? { writes: (payload as { writes: unknown[] }).writes.length } : {}),
        ...(executed.pages.length ? { pages: executed.pages.length } : {}),
        ...(executed.result.ok ? {} : { error: executed.result.error.code }),
      },
      'operation carried out',
    );
    return this.#deliver(id, executed, pageBytes);
  }

  /**
   * Posts pages and result until the service has them; a conflict means the operation is not ours any
   * more. A page the service refuses as too large (413) is never sent again: the read fails instead.
   */
  async #deliver(id: string, answer: Executed, pageBytes: number | null = null): Promise<void> {
    let executed = answer;
    let attempt = 0;
    let nextPage = 0;
    for (;;) {
      try {
        for (; nextPage < executed.pages.length; nextPage++) {
          try {
            await this.#o.client.page(id, nextPage, executed.pages[nextPage]);
          } catch (error) {
            if (!(error instanceof AgentRequestError && error.kind === 'too-large')) throw error;
            executed = tooLarge(id, nextPage, executed.pages[nextPage], error, pageBytes, this.#o.log);
            nextPage = 0;
            break;
          }
          this.#contact();
        }
        const ack = await this.#o.client.result(id, executed.result);
        this.#contact();
        if (ack.outcome === 'duplicate') this.#o.log.info({ op: id }, 'result had already arrived');
        return;
      } catch (error) {
        if (error instanceof AgentRequestError && error.kind === 'conflict') {
          this.#o.log.warn(
            { op: id, reason: error.message },
            'the service no longer waits for this operation',
          );
          return;
        }
        if (
          error instanceof AgentRequestError &&
          (error.kind === 'refused' || error.kind === 'unreachable')
        ) {
          await this.#failed(error);
          return;
        }
        attempt++;
        const wait = Math.min(10_000, 250 * 2 ** Math.min(attempt, 6));
        this.#o.log.warn(
          { op: id, error: (error as Error).message, retryInMs: wait },
          'result not delivered; retrying',
        );
        if (this.#stopping.signal.aborted && attempt > 3) return;
        await delay(wait);
      }
    }
  }

  #target(settings: RemoteTargetSettings): Target {
    const key = JSON.stringify(settings);
    let target = this.#targets.get(key);
    if (!target) {
      target = this.#o.targetFactory(settings, this.#o.secrets);
      this.#targets.set(key, target);
    }
    return target;
  }

  /** The tenant's directory settings from the service: checked at once when they are new or changed. */
  #directorySettings(settings: RemoteTargetSettings): void {
    const key = JSON.stringify(settings);
    if (key === this.#directoryKey) return;
    this.#directoryKey = key;
    this.#settings = settings;
    void this.#checkControllers();
  }

  #rememberSettings(settings: RemoteTargetSettings): void {
    const first = this.#settings === null;
    this.#settings = settings;
    if (first) void this.#checkControllers();
  }

  async #checkControllers(): Promise<void> {
    if (this.#settings === null) return;
    try {
      const outcome = await this.#target(this.#settings).test();
      this.#controllersChecked({ ok: outcome.ok, message: outcome.message });
    } catch (error) {
      this.#controllersChecked({ ok: false, message: (error as Error).message });
    }
  }

  /** A new state of the controllers is told at once: a held work request is ended and sent again. */
  #controllersChecked(state: { ok: boolean; message: string }): void {
    this.#controllers = state;
    if (JSON.stringify(state) !== this.#reportedControllers) this.#held?.abort();
  }

  /**
   * A write batch must not go on once the service may have given up on this agent (it hands the
   * batch's creates to another agent after re-matching them): stop at half the silence limit.
   */
  #guardWrites(): void {
    if (this.#writeAborts.size === 0) return;
    if (Date.now() - this.#lastContact < this.#timings.silenceMs / 2) return;
    this.#o.log.warn({}, 'lost the hrsync service mid-write: stopping the write batch');
    for (const abort of this.#writeAborts) abort.abort(new Error('lost contact with the hrsync service'));
  }

  async #settle(): Promise<void> {
    await Promise.race([Promise.allSettled([...this.#inFlight.values()]), delay(10_000)]);
  }

  async #closeTargets(): Promise<void> {
    for (const target of this.#targets.values()) {
      const closable = target as Target & { close?: () => Promise<void> };
      await closable.close?.().catch(() => {});
    }
    this.#targets.clear();
  }
}

/** A read whose page `seq` the service refused as too large: failed, saying so, with no page sent again. */
function tooLarge(
  id: string,
  seq: number,
  page: unknown,
  error: AgentRequestError,
  pageBytes: number | null,
  log: AgentLog,
): Executed {
  const bytes = Buffer.byteLength(JSON.stringify({ seq, data: page }));
  const announced =
    pageBytes === null
      ? ''
      : ` The service announced pages of up to ${inBytes(pageBytes)}; if a proxy in front of it takes less, let it pass request bodies of that size.`;
  log.error({ op: id, page: seq, bytes, error: error.message }, 'page refused as too large; not sent again');
  return {
    result: {
      ok: false,
      error: {
        code: 'HRS_TARGET_READ_FAILED',
        message: `The service refused page ${seq} of this read (${inBytes(bytes)}) as too large, so the read failed; the page was not sent again. It answered: ${error.message}.${announced}`,
        retryable: false,
      },
    },
    pages: [],
  };
}
