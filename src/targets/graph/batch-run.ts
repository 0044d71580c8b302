/**
 * One pass of writes through `$batch`: workers (one per batch in flight) take the writes that are due,
 * wait for the pacer, send, and settle or re-queue each item. A write that must wait (Retry-After,
 * back-off) stays queued with a not-before time, so other writes keep going meanwhile.
 * Cancelling stops new batches; batches in flight are allowed to finish, because abandoning a
 * create halfway would make its outcome unknowable.
 */
import type { Attributes, PlannedWrite } from '../../core/index.ts';
import { isHrsyncError } from '../../core/index.ts';
import type { WriteOutcome } from '../../engine/ports.ts';
import { answerVerdict, uncertainVerdict, type Verdict } from './batch-outcome.ts';
import type { BatchPacer } from './batch-pacer.ts';
import { backoffMs, headerOf, isObject, retryAfterMs } from './graph-errors.ts';
import { type GraphHttp, GraphNetworkError, type Sleep, unreachable } from './graph-http.ts';
import type { GraphRequest } from './graph-requests.ts';

export interface Job {
  readonly index: number;
  readonly write: PlannedWrite;
  readonly request: GraphRequest;
  readonly applied: Attributes | undefined;
  attempts: number;
  notBefore: number;
}

export interface BatchRunOptions {
  readonly http: GraphHttp;
  readonly pacer: BatchPacer;
  readonly clock: () => number;
  readonly sleep: Sleep;
  readonly stats: { requests: number; throttled: number; batches: number };
  readonly settle: (index: number, outcome: WriteOutcome) => void;
  readonly report: () => void;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly maxRetryAfterMs: number;
  /** The application permissions of the app's token: tells a refused account from a refused app. */
  readonly appRoles?: ReadonlySet<string>;
}

export class BatchRun {
  /** Writes not sent yet, in plan order; `#next` is the first one left. */
  readonly #fresh: readonly Job[];
  #next = 0;
  /** Writes waiting to be sent again (few, each with its not-before time). */
  readonly #retries: Job[] = [];
  readonly #o: BatchRunOptions;
  #inFlight = 0;
  #wake: () => void = () => undefined;
  #changed: Promise<void>;

  constructor(jobs: Job[], options: BatchRunOptions) {
    this.#fresh = jobs;
    this.#o = options;
    this.#changed = this.#nextChange();
  }

  async done(signal: AbortSignal | undefined): Promise<void> {
    if (this.#fresh.length === 0) return;
    await Promise.all(Array.from({ length: this.#o.concurrency }, () => this.#worker(signal)));
  }

  #nextChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#wake = resolve;
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#changed = this.#nextChange();
    wake();
  }

  async #worker(signal: AbortSignal | undefined): Promise<void> {
    while (!signal?.aborted) {
      const now = this.#o.clock();
      const batch = this.#takeDue(now);
      if (batch.length === 0) {
        if (this.#retries.length === 0 && this.#inFlight === 0) return;
        const soonest = Math.min(...this.#retries.map((j) => j.notBefore));
        // Short naps: a batch finishing elsewhere may re-queue writes that are due sooner.
        const nap = this.#retries.length === 0 ? 250 : Math.min(250, Math.max(1, soonest - now));
        await Promise.race([this.#o.sleep(nap, signal).catch(() => undefined), this.#changed]);
        continue;
      }
      this.#inFlight++;
      try {
        await this.#o.pacer.acquire(batch.length, signal);
      } catch {
        this.#retries.unshift(...batch);
        this.#inFlight--;
        this.#notify();
        return;
      }
      try {
        await this.#send(batch);
      } finally {
        this.#inFlight--;
        this.#o.report();
        this.#notify();
      }
    }
  }

  /** Due retries first (they have waited longest), then fresh writes in plan order. */
  #takeDue(now: number): Job[] {
    const batch: Job[] = [];
    for (let i = 0; i < this.#retries.length && batch.length < this.#o.batchSize; ) {
      const job = this.#retries[i] as Job;
      if (job.notBefore <= now) {
        batch.push(job);
        this.#retries.splice(i, 1);
      } else i++;
    }
    while (batch.length < this.#o.batchSize && this.#next < this.#fresh.length) {
      batch.push(this.#fresh[this.#next++] as Job);
    }
    return batch;
  }

  async #send(batch: Job[]): Promise<void> {
    const { http, stats } = this.#o;
    const requests = batch.map((job, i) => ({
      id: String(i + 1),
      method: job.request.method,
      url: job.request.url,
      // Graph refuses a batch item with a body but no Content-Type.
      ...(job.request.body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: job.request.body }),
    }));
    stats.batches++;
    stats.requests += batch.length;
    let response: Awaited<ReturnType<GraphHttp['send']>>;
    try {
      response = await http.send('POST', '/$batch', { body: { requests } });
    } catch (error) {
      if (error instanceof GraphNetworkError && error.permanent) {
        const failed = unreachable(error, 'POST $batch');
        for (const job of batch)
          this.#o.settle(job.index, {
            ok: false,
            code: failed.code,
            message: failed.message,
            retryable: false,
            ambiguous: false,
          });
      } else if (error instanceof GraphNetworkError && !error.connectFailed) {
        for (const job of batch) this.#apply(job, uncertainVerdict(job, error.message));
      } else if (error instanceof GraphNetworkError) {
        // The connection was never made: nothing reached Graph, so every write may simply be repeated.
        for (const job of batch)
          this.#apply(job, { kind: 'retry', afterMs: undefined, reason: error.message, throttled: false });
      } else {
        const message = error instanceof Error ? error.message : String(error);
        const code = isHrsyncError(error) ? error.code : 'HRS_TARGET_WRITE_FAILED';
        const retryable = isHrsyncError(error) ? error.retryable : false;
        for (const job of batch)
          this.#o.settle(job.index, { ok: false, code, message, retryable, ambiguous: false });
      }
      return;
    }
    const now = this.#o.clock();
    const batchRetryAfter = retryAfterMs(response.headers.get('retry-after'), now);
    if (response.status !== 200) {
      // The batch as a whole was refused or throttled: the verdict applies to each item.
      for (const job of batch)
        this.#apply(
          job,
          answerVerdict(job, response.status, response.body, batchRetryAfter, this.#o.appRoles),
        );
      return;
    }
    const answers = new Map<string, Record<string, unknown>>();
    const list =
      isObject(response.body) && Array.isArray(response.body.responses) ? response.body.responses : [];
    for (const answer of list) if (isObject(answer)) answers.set(String(answer.id).toLowerCase(), answer);
    batch.forEach((job, i) => {
      const answer = answers.get(String(i + 1));
      if (answer === undefined) {
        this.#apply(job, uncertainVerdict(job, 'the $batch response has no answer for this request'));
        return;
      }
      const status = Number(answer.status);
      const after = retryAfterMs(headerOf(answer.headers, 'Retry-After'), now);
      this.#apply(job, answerVerdict(job, status, answer.body, after, this.#o.appRoles));
    });
  }

  #apply(job: Job, verdict: Verdict): void {
    if (verdict.kind === 'done') {
      this.#o.settle(job.index, verdict.outcome);
      return;
    }
    const now = this.#o.clock();
    if (verdict.throttled) {
      this.#o.stats.throttled++;
      this.#o.pacer.throttled(verdict.afterMs ?? 1000);
    }
    job.attempts++;
    const wait = verdict.afterMs ?? backoffMs(job.attempts, 500, 30_000);
    if (job.attempts >= this.#o.maxAttempts || wait > this.#o.maxRetryAfterMs) {
      this.#o.settle(job.index, {
        ok: false,
        code: 'HRS_TARGET_UNAVAILABLE',
        message: `${job.write.kind} for employee ${job.write.employeeNumber}: Graph kept refusing (${verdict.reason}) after ${job.attempts} tries`,
        retryable: true,
        ambiguous: false,
      });
      return;
    }
    job.notBefore = now + wait;
    this.#retries.push(job);
  }
}
