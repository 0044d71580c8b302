/**
 * The service's runs execute in a worker thread (DESIGN.md §6): reading 50,000 persons, planning
 * and recording are CPU work, and on the API's event loop they would hold every request — a
 * /healthz probe, another organisation's console — until the run is done. The thread is a whole
 * `Worker` (claim, heartbeat, finish) with its own store connection, so the queue's semantics are
 * those of any other worker process; the API only nudges it after queueing.
 *
 * After a run that left the thread's heap large, the thread stops claiming and is replaced by a
 * fresh one, so the memory a 50,000-person run needed goes back to the system instead of staying
 * with an idle service.
 */
import { Worker as Thread } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../jobs/index.ts';
import { TENANT_MEMORY_ACCOUNTS } from '../store/index.ts';
import type { ServiceConfig } from './config.ts';
import type { ThreadMessage, ThreadSettings } from './run-thread-main.ts';

export interface RunThreadOptions {
  readonly config: ServiceConfig;
  readonly secretKey: Buffer;
  readonly extraCa?: string;
  readonly metrics: ServiceMetrics;
  readonly logger: Logger;
  /** Heap growth (bytes, over the thread's idle heap) after which the thread is replaced; default 64 MB. */
  readonly recycleHeapBytes?: number;
  /**
   * Accounts of tenant caches the thread keeps decoded between runs, across connections (~1 KB each);
   * default 50,000. A replaced thread starts without any.
   */
  readonly tenantMemoryAccounts?: number;
}

const ENTRY = new URL('./run-thread-main.ts', import.meta.url).href;
// The thread loads the TypeScript sources through tsx, as bin/hrsync does for the main thread.
const TSX = import.meta.resolve('tsx/esm/api');
const BOOT = `import(${JSON.stringify(TSX)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); })`;

export class RunThread {
  readonly #o: RunThreadOptions;
  #thread: Thread | undefined;
  #stopping = false;
  #exited: Promise<void> = Promise.resolve();
  #owner = '';
  /** Set when the current thread has said it is ready (its store is open). */
  #ready: Promise<void> = Promise.resolve();

  constructor(options: RunThreadOptions) {
    this.#o = options;
  }

  /** The worker id of the current thread (as runs record it in their lease). */
  get owner(): string {
    return this.#owner;
  }

  /** Starts the thread; resolves once it has opened its store and begun claiming. */
  async start(): Promise<void> {
    this.#spawn();
    await this.#ready;
  }

  nudge(): void {
    this.#thread?.postMessage({ type: 'nudge' } satisfies ThreadMessage);
  }

  /** Stops claiming; a run in progress is aborted (another worker resumes it after its lease). */
  async stop(): Promise<void> {
    this.#stopping = true;
    const thread = this.#thread;
    thread?.postMessage({ type: 'stop' } satisfies ThreadMessage);
    // A thread stuck in a request past the stop is ended; its run's lease expires as after a crash.
    const timer = setTimeout(() => void thread?.terminate(), 10_000);
    await this.#exited;
    clearTimeout(timer);
  }

  #spawn(): void {
    const { config, secretKey, extraCa, logger } = this.#o;
    const settings: ThreadSettings = {
      config: { ...config, secretKey: undefined },
      secretKey: new Uint8Array(secretKey),
      extraCa: extraCa ?? null,
      recycleHeapBytes: this.#o.recycleHeapBytes ?? 64 * 1024 ** 2,
      tenantMemoryAccounts: this.#o.tenantMemoryAccounts ?? TENANT_MEMORY_ACCOUNTS,
    };
    const thread = new Thread(BOOT, { eval: true, workerData: settings });
    this.#thread = thread;
    let readyResolve: () => void = () => {};
    let readyReject: (error: Error) => void = () => {};
    this.#ready = new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    let recycle = false;
    thread.on('message', (message: ThreadMessage) => {
      if (message.type === 'ready') {
        this.#owner = message.owner;
        readyResolve();
      } else if (message.type === 'run-finished') {
        const { kind, status, durationMs, items, throttled } = message;
        this.#o.metrics.runFinished(kind, status, durationMs, items, throttled);
      } else if (message.type === 'recycle') {
        recycle = true;
        logger.info(
          { worker: this.#owner, heapBytes: message.heapBytes },
          'run thread replaced after a large run',
        );
      }
    });
    thread.on('error', (error) => {
      logger.error({ err: error }, 'run thread failed');
      readyReject(error);
    });
    this.#exited = new Promise<void>((resolve) => {
      thread.once('exit', (code) => {
        if (this.#thread === thread) this.#thread = undefined;
        if (this.#stopping) return resolve();
        if (!recycle) logger.error({ code }, 'run thread exited; starting a new one');
        // A replacement: after a recycle at once, after a crash with a pause so a failing start
        // does not spin.
        const again = () => {
          if (this.#stopping) return resolve();
          this.#spawn();
          this.#exited.then(resolve, resolve);
        };
        if (recycle) again();
        else setTimeout(again, 1000).unref();
      });
    });
  }
}
