/**
 * Keeps writes just under Graph's write quota (3,000 requests per 150 s per app and tenant; every
 * request inside a `$batch` counts) instead of running into 429s and backing off. Two rules, both
 * must allow a send:
 * - a token bucket refilled at `utilisation × quota / window`: the steady pace, small bursts;
 * - a sliding window: never more than `limit` (half-way between that pace and the quota) in any
 *   `window`, so neither a fixed-window, sliding-window nor token-bucket limiter on the service side
 *   is exceeded, even with the initial burst.
 * The window only binds around bursts: a bucket forgives a timer that fires late (tokens keep
 * accruing), a window does not, so under CPU load the pace stays near `utilisation`.
 * The headroom absorbs latency and clock differences with the service.
 * A 429 means the service's budget is smaller than configured (another client of the same app, a
 * tenant-specific limit): everything pauses for its Retry-After, the bucket empties and the pace is
 * halved; every request that then goes through wins a little of it back (additive increase,
 * multiplicative decrease, as TCP does), so an unknown limit is found without hammering it.
 */
import type { Sleep } from './graph-http.ts';

export interface PacerOptions {
  /** Requests allowed per window by the service. */
  readonly quota: number;
  readonly windowMs: number;
  /** Share of the quota to use; default 0.95. */
  readonly utilisation?: number;
  /** Requests that may leave at once before the steady pace applies; default four full batches. */
  readonly burst?: number;
}

export const GRAPH_WRITE_QUOTA: PacerOptions = { quota: 3000, windowMs: 150_000 };
const MIN_PACE = 1 / 64;

export class BatchPacer {
  /** Most requests in any window. */
  readonly limit: number;
  /** Steady pace, requests per millisecond. */
  readonly rate: number;
  readonly capacity: number;
  readonly #windowMs: number;
  readonly #clock: () => number;
  readonly #sleep: Sleep;
  #tokens: number;
  #last: number;
  #pausedUntil = 0;
  /** Share of `rate` currently used: below 1 after 429s, recovering as requests succeed. */
  #pace = 1;
  #lastCut = Number.NEGATIVE_INFINITY;
  readonly #sent: { at: number; n: number }[] = [];
  #inWindow = 0;
  #turn: Promise<void> = Promise.resolve();

  constructor(options: PacerOptions, clock: () => number, sleep: Sleep) {
    const utilisation = options.utilisation ?? 0.95;
    if (!(options.quota > 0 && options.windowMs > 0 && utilisation > 0 && utilisation <= 1)) {
      throw new RangeError('pacer: quota and windowMs must be positive, utilisation in (0, 1]');
    }
    this.limit = Math.max(1, Math.floor((options.quota * (1 + utilisation)) / 2));
    this.rate = (options.quota * utilisation) / options.windowMs;
    this.capacity = Math.min(this.limit, Math.max(1, options.burst ?? 80));
    this.#windowMs = options.windowMs;
    this.#clock = clock;
    this.#sleep = sleep;
    this.#tokens = this.capacity;
    this.#last = clock();
  }

  /** Waits until `n` requests may be sent, then counts them as sent. Callers are served in order. */
  acquire(n: number, signal?: AbortSignal): Promise<void> {
    if (n > this.capacity) throw new RangeError(`pacer: ${n} requests exceed the burst of ${this.capacity}`);
    const turn = this.#turn.then(() => this.#waitFor(n, signal));
    this.#turn = turn.catch(() => undefined);
    return turn;
  }

  /** Current pace as a share of the configured one (1 = no 429 seen lately). */
  get pace(): number {
    return this.#pace;
  }

  /** The service answered 429: pause for its Retry-After, restart from an empty bucket, slow down. */
  throttled(retryAfterMs: number): void {
    const now = this.#clock();
    const until = now + retryAfterMs;
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
    this.#tokens = 0;
    this.#last = Math.max(this.#last, until);
    // The 429s of batches already in flight belong to the same overload: cut once for all of them.
    if (now - this.#lastCut >= this.#windowMs / 50) {
      this.#pace = Math.max(MIN_PACE, this.#pace / 2);
      this.#lastCut = now;
    }
  }

  async #waitFor(n: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#clock();
      const wait = this.delayFor(n, now);
      if (wait <= 0) {
        this.#tokens -= n;
        this.#sent.push({ at: now, n });
        this.#inWindow += n;
        // Win back a tenth of the full pace per window's worth of requests.
        this.#pace = Math.min(1, this.#pace + (n / this.limit) * 0.1);
        return;
      }
      await this.#sleep(wait, signal);
    }
  }

  /** Milliseconds until `n` requests may go (0 = now). Exposed for tests of the pacing maths. */
  delayFor(n: number, now: number): number {
    if (now < this.#pausedUntil) return this.#pausedUntil - now;
    const rate = this.rate * this.#pace;
    if (now > this.#last) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#last) * rate);
      this.#last = now;
    }
    while (this.#sent.length > 0 && (this.#sent[0] as { at: number }).at <= now - this.#windowMs) {
      this.#inWindow -= (this.#sent.shift() as { n: number }).n;
    }
    const bucketWait = this.#tokens >= n ? 0 : (n - this.#tokens) / rate;
    let windowWait = 0;
    let count = this.#inWindow;
    for (const entry of this.#sent) {
      if (count + n <= this.limit) break;
      count -= entry.n;
      windowWait = entry.at + this.#windowMs - now;
    }
    return Math.ceil(Math.max(bucketWait, windowWait));
  }
}
