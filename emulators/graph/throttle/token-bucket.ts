/**
 * A token bucket: holds up to `capacity` tokens and refills continuously at capacity/window. Graph's
 * identity service documents its limits as a token bucket over request costs, which is why a
 * client that stops for a while regains the full burst.
 */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    private capacity: number,
    private readonly windowMs: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#last = now;
  }

  get quota(): number {
    return this.capacity;
  }

  /** Used when the tenant grows into another size class. */
  resize(capacity: number): void {
    if (capacity === this.capacity) return;
    this.#tokens = Math.min(this.#tokens + (capacity - this.capacity), capacity);
    this.capacity = capacity;
  }

  available(now: number): number {
    const elapsed = Math.max(0, now - this.#last);
    this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed * this.capacity) / this.windowMs);
    this.#last = now;
    return this.#tokens;
  }

  /** Milliseconds until `cost` tokens are available (0 when they are now). */
  waitFor(cost: number, now: number): number {
    const missing = cost - this.available(now);
    return missing <= 0 ? 0 : (missing * this.windowMs) / this.capacity;
  }

  take(cost: number): void {
    this.#tokens -= cost;
  }

  /** Share of the quota in use, 0..1. */
  usage(now: number): number {
    return 1 - this.available(now) / this.capacity;
  }
}
