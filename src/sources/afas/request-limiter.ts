/**
 * At most `limit` requests in flight, first come first served. AFAS allows 8 parallel calls per
 * environment, so one limiter is shared by every connector a source reads.
 */
export class RequestLimiter {
  readonly limit: number;
  #active = 0;
  #peak = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer`);
    this.limit = limit;
  }

  /** Highest number of requests that were in flight at once (for tests and diagnostics). */
  get peak(): number {
    return this.#peak;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.#active < this.limit) {
      this.#take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.#take();
        resolve();
      };
      const onAbort = () => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(grant);
    });
  }

  #take(): void {
    this.#active += 1;
    this.#peak = Math.max(this.#peak, this.#active);
  }

  #release(): void {
    this.#active -= 1;
    this.#waiting.shift()?.();
  }
}

/** AFAS's documented ceiling of parallel calls per environment. */
export const AFAS_ENVIRONMENT_LIMIT = 8;
const environments = new Map<string, RequestLimiter>();

/**
 * One limiter per AFAS environment for the whole process: two connections to the same environment
 * running at once share its 8 parallel calls instead of using 8 each.
 */
export function environmentLimiter(url: string): RequestLimiter {
  const key = new URL(url).origin.toLowerCase();
  let limiter = environments.get(key);
  if (!limiter) {
    limiter = new RequestLimiter(AFAS_ENVIRONMENT_LIMIT);
    environments.set(key, limiter);
  }
  return limiter;
}
