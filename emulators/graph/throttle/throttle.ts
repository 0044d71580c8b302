import type { RequestCost } from './request-cost.ts';
import { TokenBucket } from './token-bucket.ts';

export interface ThrottleSettings {
  /** false turns throttling off entirely. */
  readonly enabled?: boolean;
  /** Write quota per app+tenant; documented: 3,000. */
  readonly writeQuota?: number;
  /** Documented: 150 seconds (2 min 30 s). */
  readonly writeWindowSeconds?: number;
  /** Resource-unit quota per app+tenant; default by tenant size (S < 50 users: 3,500; M ≤ 500: 5,000; L: 8,000). */
  readonly resourceUnitQuota?: number;
  /** Documented: 10 seconds. */
  readonly resourceUnitWindowSeconds?: number;
}

export type ThrottleDecision =
  | { readonly allowed: true; readonly usage: number }
  | {
      readonly allowed: false;
      readonly retryAfterMs: number;
      readonly limit: 'Write' | 'Read';
      readonly information: 'WriteLimitExceeded' | 'ResourceUnitLimitExceeded';
    };

export interface ThrottleDescription {
  readonly enabled: boolean;
  readonly algorithm: 'token-bucket';
  readonly scope: 'application+tenant';
  readonly timeScale: number;
  readonly write: QuotaDescription;
  readonly resourceUnits: QuotaDescription & { readonly tenantSize: 'S' | 'M' | 'L' };
}

export interface QuotaDescription {
  readonly quota: number;
  /** The documented window. */
  readonly windowSeconds: number;
  /** The window this emulator applies: windowSeconds × timeScale. */
  readonly effectiveWindowSeconds: number;
  /** quota / effectiveWindowSeconds: the sustained rate a client can reach. */
  readonly sustainedPerSecond: number;
}

export function tenantSize(userCount: number): 'S' | 'M' | 'L' {
  return userCount < 50 ? 'S' : userCount <= 500 ? 'M' : 'L';
}

const RESOURCE_UNITS_BY_SIZE = { S: 3500, M: 5000, L: 8000 } as const;

interface Buckets {
  readonly units: TokenBucket;
  readonly writes: TokenBucket;
}

/**
 * Identity-and-access throttling per application+tenant pair. `timeScale` shrinks (or stretches)
 * every window while keeping the quotas, so at 0.01 a client meets 3,000 writes per 1.5 s: the same
 * ratios as production, a hundred times faster.
 */
export class Throttle {
  readonly #buckets = new Map<string, Buckets>();

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly timeScale: number,
    private readonly now: () => number,
  ) {
    if (!(timeScale > 0)) throw new Error('timeScale must be a positive number');
  }

  check(appId: string, tenantId: string, cost: RequestCost, userCount: number): ThrottleDecision {
    if (this.settings.enabled === false) return { allowed: true, usage: 0 };
    const now = this.now();
    const buckets = this.#bucketsFor(`${appId}/${tenantId}`, userCount, now);
    const unitWait = buckets.units.waitFor(cost.resourceUnits, now);
    const writeWait = cost.writes > 0 ? buckets.writes.waitFor(cost.writes, now) : 0;
    if (writeWait > 0 || unitWait > 0) {
      const writeBound = writeWait >= unitWait;
      return {
        allowed: false,
        retryAfterMs: Math.max(writeWait, unitWait),
        limit: writeBound ? 'Write' : 'Read',
        information: writeBound ? 'WriteLimitExceeded' : 'ResourceUnitLimitExceeded',
      };
    }
    buckets.units.take(cost.resourceUnits);
    if (cost.writes > 0) buckets.writes.take(cost.writes);
    const usage = Math.max(buckets.units.usage(now), cost.writes > 0 ? buckets.writes.usage(now) : 0);
    return { allowed: true, usage };
  }

  describe(userCount: number): ThrottleDescription {
    const write = this.#writeQuota();
    const units = this.#unitQuota(userCount);
    return {
      enabled: this.settings.enabled !== false,
      algorithm: 'token-bucket',
      scope: 'application+tenant',
      timeScale: this.timeScale,
      write: quota(write.quota, write.windowSeconds, this.timeScale),
      resourceUnits: {
        ...quota(units.quota, units.windowSeconds, this.timeScale),
        tenantSize: tenantSize(userCount),
      },
    };
  }

  reset(): void {
    this.#buckets.clear();
  }

  #writeQuota() {
    return {
      quota: this.settings.writeQuota ?? 3000,
      windowSeconds: this.settings.writeWindowSeconds ?? 150,
    };
  }

  #unitQuota(userCount: number) {
    return {
      quota: this.settings.resourceUnitQuota ?? RESOURCE_UNITS_BY_SIZE[tenantSize(userCount)],
      windowSeconds: this.settings.resourceUnitWindowSeconds ?? 10,
    };
  }

  #bucketsFor(key: string, userCount: number, now: number): Buckets {
    const units = this.#unitQuota(userCount);
    let buckets = this.#buckets.get(key);
    if (!buckets) {
      const write = this.#writeQuota();
      buckets = {
        units: new TokenBucket(units.quota, units.windowSeconds * 1000 * this.timeScale, now),
        writes: new TokenBucket(write.quota, write.windowSeconds * 1000 * this.timeScale, now),
      };
      this.#buckets.set(key, buckets);
    }
    buckets.units.resize(units.quota);
    return buckets;
  }
}

function quota(count: number, windowSeconds: number, timeScale: number): QuotaDescription {
  const effectiveWindowSeconds = windowSeconds * timeScale;
  return {
    quota: count,
    windowSeconds,
    effectiveWindowSeconds,
    sustainedPerSecond: count / effectiveWindowSeconds,
  };
}

/**
 * Retry-After in seconds. At real time Graph sends whole seconds; under a time scale the wait can
 * be a fraction of a second, so it is sent with millisecond precision (clients must parseFloat).
 */
export function formatRetryAfter(ms: number, timeScale: number): string {
  if (timeScale === 1) return String(Math.max(1, Math.ceil(ms / 1000)));
  return String(Math.max(0.001, Math.ceil(ms) / 1000));
}
