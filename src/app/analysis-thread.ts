/**
 * Previews and run comparisons in their own thread, off the API's event loop (as runs are, see
 * run-thread.ts): two simulations of a 50,000-person company are seconds of CPU that must not hold
 * /healthz or anyone's console. The thread starts on the first request and ends after a minute
 * without one, so its memory goes back to the system.
 *
 * Bounds: one analysis at a time, at most `maxWaiting` waiting (more are refused with HRS_BUSY), and
 * each has `timeoutMs`; past it the thread is ended (a plan cannot be interrupted any other way)
 * and the caller gets HRS_BUSY. One organisation holds at most `maxPerOrganisation` of those places
 * (running or waiting), so one operator's clicks or script cannot leave every other organisation
 * HRS_BUSY (five previews of one organisation once did). A refusal carries Retry-After.
 */
import { Worker as Thread } from 'node:worker_threads';
import type { Logger } from 'pino';
import { ERROR_CATALOGUE, type ErrorCode, HrsyncError } from '../core/index.ts';
import type { PlanDifference } from '../engine/index.ts';
import type { Analyses, CompareTask, PreviewOutcome, PreviewTask } from '../jobs/analyses.ts';
import type { AnalysisMessage, AnalysisRequest, AnalysisSettings } from './analysis-thread-main.ts';
import type { ServiceConfig } from './config.ts';

export interface AnalysisThreadOptions {
  readonly config: ServiceConfig;
  readonly secretKey: Buffer;
  readonly extraCa?: string;
  readonly logger?: Logger;
  /** Default 5 minutes. */
  readonly timeoutMs?: number;
  /** Default 4. */
  readonly maxWaiting?: number;
  /** Places (running or waiting) one organisation may hold; default 2. */
  readonly maxPerOrganisation?: number;
  /** Default 60 s. */
  readonly idleMs?: number;
}

const ENTRY = new URL('./analysis-thread-main.ts', import.meta.url).href;
const TSX = import.meta.resolve('tsx/esm/api');
const BOOT = `import(${JSON.stringify(TSX)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); })`;

interface Job {
  readonly id: number;
  readonly request: AnalysisRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class AnalysisThread implements Analyses {
  readonly #o: AnalysisThreadOptions;
  #thread: Thread | undefined;
  #ready: Promise<void> | undefined;
  readonly #waiting: Job[] = [];
  #current: Job | undefined;
  #timer: NodeJS.Timeout | undefined;
  #idle: NodeJS.Timeout | undefined;
  #next = 1;
  #closed = false;

  constructor(options: AnalysisThreadOptions) {
    this.#o = options;
  }

  preview(task: PreviewTask): Promise<PreviewOutcome> {
    return this.#submit({ kind: 'preview', task }) as Promise<PreviewOutcome>;
  }

  compare(task: CompareTask): Promise<PlanDifference> {
    return this.#submit({ kind: 'compare', task }) as Promise<PlanDifference>;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) job.reject(busy('The service is stopping.'));
    await this.#end(true);
  }

  #submit(request: AnalysisRequest): Promise<unknown> {
    if (this.#closed) return Promise.reject(busy('The service is stopping.'));
    const organisationId = request.task.organisationId;
    const perOrganisation = this.#o.maxPerOrganisation ?? 2;
    const held = [this.#current, ...this.#waiting].filter(
      (job) => job?.request.task.organisationId === organisationId,
    ).length;
    if (held >= perOrganisation) {
      return Promise.reject(
        busy(
          `Your organisation already has ${perOrganisation} previews or run comparisons being worked on; try again when one has finished.`,
          30,
        ),
      );
    }
    const max = this.#o.maxWaiting ?? 4;
    if (this.#waiting.length >= max) {
      return Promise.reject(
        busy(`${max + 1} previews or comparisons are already being worked on; try again in a minute.`, 60),
      );
    }
    return new Promise((resolve, reject) => {
      this.#waiting.push({ id: this.#next++, request, resolve, reject });
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    if (this.#current || this.#waiting.length === 0) return;
    const job = this.#waiting.shift() as Job;
    this.#current = job;
    clearTimeout(this.#idle);
    try {
      await this.#start();
    } catch (error) {
      this.#current = undefined;
      job.reject(error instanceof Error ? error : new Error(String(error)));
      void this.#pump();
      return;
    }
    const timeoutMs = this.#o.timeoutMs ?? 5 * 60_000;
    this.#timer = setTimeout(() => {
      this.#finish(
        job,
        busy(`The preview took longer than ${Math.round(timeoutMs / 1000)} seconds and was stopped.`),
      );
      void this.#end(true);
    }, timeoutMs);
    this.#thread?.postMessage({ type: 'task', id: job.id, request: job.request } satisfies AnalysisMessage);
  }

  #finish(job: Job, outcome: Error | { value: unknown }): void {
    if (this.#current !== job) return;
    clearTimeout(this.#timer);
    this.#current = undefined;
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome.value);
    if (this.#waiting.length > 0) void this.#pump();
    else if (!this.#closed) {
      this.#idle = setTimeout(() => void this.#end(false), this.#o.idleMs ?? 60_000);
      this.#idle.unref();
    }
  }

  #start(): Promise<void> {
    if (this.#ready) return this.#ready;
    const { config, secretKey, extraCa, logger } = this.#o;
    const settings: AnalysisSettings = {
      config: { ...config, secretKey: undefined },
      secretKey: new Uint8Array(secretKey),
      extraCa: extraCa ?? null,
    };
    const thread = new Thread(BOOT, { eval: true, workerData: settings });
    this.#thread = thread;
    const ready = new Promise<void>((resolve, reject) => {
      thread.on('message', (message: AnalysisMessage) => {
        if (message.type === 'ready') resolve();
        const job = this.#current;
        if (!job || !('id' in message) || message.id !== job.id) return;
        if (message.type === 'result') this.#finish(job, { value: message.value });
        else if (message.type === 'error') this.#finish(job, fromThread(message.error));
      });
      thread.on('error', (error) => {
        logger?.error({ err: error }, 'analysis thread failed');
        reject(error);
      });
      thread.once('exit', (code) => {
        if (this.#thread === thread) {
          this.#thread = undefined;
          this.#ready = undefined;
        }
        reject(new HrsyncError('HRS_INTERNAL', `the analysis thread ended (${code}) before it was ready`));
        const job = this.#current;
        if (job)
          this.#finish(
            job,
            new HrsyncError('HRS_INTERNAL', 'The preview stopped unexpectedly; it was logged.'),
          );
      });
    });
    ready.catch(() => {});
    this.#ready = ready;
    return ready;
  }

  /** Ends the thread: at once when `force` (a plan cannot be interrupted otherwise), else after its task. */
  async #end(force = false): Promise<void> {
    clearTimeout(this.#idle);
    const thread = this.#thread;
    if (!thread) return;
    this.#thread = undefined;
    this.#ready = undefined;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    if (force) await thread.terminate();
    else {
      thread.postMessage({ type: 'stop' } satisfies AnalysisMessage);
      const timer = setTimeout(() => void thread.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await exited;
  }
}

function busy(message: string, retryAfter?: number): HrsyncError {
  return new HrsyncError('HRS_BUSY', message, retryAfter === undefined ? {} : { retryAfter });
}

function fromThread(error: {
  code: string;
  message: string;
  details: readonly { path: string; message: string }[];
}) {
  const code = (Object.hasOwn(ERROR_CATALOGUE, error.code) ? error.code : 'HRS_INTERNAL') as ErrorCode;
  return new HrsyncError(code, error.message, { details: error.details });
}
