/**
 * Applies planned writes through `$batch` (≤ 20 requests each, several batches in flight), paced to
 * the write quota. Each item is classified on its own — Graph throttles and fails requests inside a
 * batch individually:
 * - 2xx: done;
 * - 429/503: not done, retried in a later batch after its Retry-After;
 * - 500/502/504, timeouts, reset connections: maybe done — repeated for idempotent writes, but a
 *   create is reported `ambiguous` so the engine re-matches before retrying (no duplicate accounts);
 * - anything else (ObjectConflict, invalid value, permission): failed with Graph's code and message.
 * Managers go last: their account or manager may be created by this very call.
 */
import type { PlannedWrite } from '../../core/index.ts';
import type { TargetWriteProgress, WriteOutcome } from '../../engine/ports.ts';
import type { BatchPacer } from './batch-pacer.ts';
import { BatchRun, type Job } from './batch-run.ts';
import type { GraphHttp, Sleep } from './graph-http.ts';
import { prepareWrite, type RequestContext } from './graph-requests.ts';
import { tokenRoles } from './graph-token.ts';

export interface WriterOptions {
  /** Requests per `$batch`; Graph allows 20. */
  readonly batchSize?: number;
  /** Batches in flight at once. */
  readonly concurrency?: number;
  /** Sends per write before it is given up as HRS_TARGET_UNAVAILABLE. */
  readonly maxAttempts?: number;
  /** A Retry-After longer than this gives up at once rather than holding the run. */
  readonly maxRetryAfterMs?: number;
}

export interface WriteStats {
  /** Requests sent inside batches, retries included. */
  requests: number;
  /** Requests answered 429. */
  throttled: number;
  batches: number;
}

export class GraphWriter {
  readonly stats: WriteStats = { requests: 0, throttled: 0, batches: 0 };
  readonly #http: GraphHttp;
  readonly #pacer: BatchPacer;
  readonly #context: RequestContext;
  readonly #options: Required<WriterOptions>;
  readonly #clock: () => number;
  readonly #sleep: Sleep;

  constructor(
    http: GraphHttp,
    pacer: BatchPacer,
    context: RequestContext,
    options: WriterOptions,
    clock: () => number,
    sleep: Sleep,
  ) {
    this.#http = http;
    this.#pacer = pacer;
    this.#context = context;
    this.#options = {
      batchSize: Math.min(20, options.batchSize ?? 20, pacer.capacity),
      concurrency: options.concurrency ?? 4,
      maxAttempts: options.maxAttempts ?? 8,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 300_000,
    };
    this.#clock = clock;
    this.#sleep = sleep;
  }

  async apply(
    writes: readonly PlannedWrite[],
    options: { signal?: AbortSignal; onProgress?: (p: TargetWriteProgress) => void },
  ): Promise<WriteOutcome[]> {
    const outcomes: (WriteOutcome | undefined)[] = new Array(writes.length);
    let done = 0;
    const settle = (index: number, outcome: WriteOutcome) => {
      outcomes[index] = outcome;
      done++;
    };
    const report = () => options.onProgress?.({ done, total: writes.length });
    const jobsFor = (entries: [number, PlannedWrite][]): Job[] =>
      entries.flatMap(([index, write]) => {
        const prepared = prepareWrite(write, this.#context);
        if ('outcome' in prepared) {
          settle(index, prepared.outcome);
          return [];
        }
        return [
          { index, write, request: prepared.request, applied: prepared.applied, attempts: 0, notBefore: 0 },
        ];
      });

    const entries = writes.map((w, i) => [i, w] as [number, PlannedWrite]);
    this.#appRoles = await this.#grantedRoles();
    await this.#run(
      jobsFor(entries.filter(([, w]) => w.kind !== 'set-manager')),
      settle,
      report,
      options.signal,
    );
    const created = new Map<string, string>();
    writes.forEach((w, i) => {
      const o = outcomes[i];
      if (w.kind === 'create' && o?.ok && o.accountId) created.set(w.employeeNumber, o.accountId);
    });
    const managers = entries.flatMap(([i, w]): [number, PlannedWrite][] =>
      w.kind === 'set-manager'
        ? [
            [
              i,
              {
                ...w,
                accountId: w.accountId ?? created.get(w.employeeNumber) ?? null,
                managerAccountId:
                  w.managerAccountId ??
                  (w.managerEmployeeNumber === null ? null : (created.get(w.managerEmployeeNumber) ?? null)),
              },
            ],
          ]
        : [],
    );
    await this.#run(jobsFor(managers), settle, report, options.signal);
    report();
    // Array.from, not map: map skips the holes left by writes that were never settled.
    return Array.from(
      { length: writes.length },
      (_, i): WriteOutcome =>
        outcomes[i] ?? {
          ok: false,
          code: 'HRS_TARGET_WRITE_FAILED',
          message: 'cancelled before it was sent to Graph',
          retryable: true,
          ambiguous: false,
        },
    );
  }

  #appRoles: ReadonlySet<string> = new Set();

  /** The token's application permissions; none when no token comes (the batch then says why). */
  async #grantedRoles(): Promise<ReadonlySet<string>> {
    try {
      return new Set(tokenRoles(await this.#http.tokens.token()));
    } catch {
      return new Set();
    }
  }

  #run(
    jobs: Job[],
    settle: (index: number, outcome: WriteOutcome) => void,
    report: () => void,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const run = new BatchRun(jobs, {
      http: this.#http,
      pacer: this.#pacer,
      clock: this.#clock,
      sleep: this.#sleep,
      stats: this.stats,
      settle,
      report,
      ...this.#options,
      appRoles: this.#appRoles,
    });
    return run.done(signal);
  }
}
