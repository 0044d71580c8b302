import type { FaultKind } from './fault-spec.ts';

export interface RequestRecord {
  readonly at: string;
  readonly method: string;
  /** path with the connector id and route words in their canonical spelling, no query */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** the injected fault that shaped the answer, if any */
  readonly fault?: FaultKind;
  /** why the emulator refused, beyond Profit's terse message */
  readonly detail?: string;
}

export interface RequestCount {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  count: number;
}

const RECENT = 500;

/** Every ProfitRestServices request: counts by method, path and status, plus the latest few. */
export class RequestLog {
  #total = 0;
  readonly #counts = new Map<string, RequestCount>();
  #recent: RequestRecord[] = [];

  record(entry: RequestRecord): void {
    this.#total += 1;
    const key = `${entry.method} ${entry.path} ${entry.status}`;
    const count = this.#counts.get(key);
    if (count === undefined)
      this.#counts.set(key, { method: entry.method, path: entry.path, status: entry.status, count: 1 });
    else count.count += 1;
    this.#recent.push(entry);
    if (this.#recent.length > RECENT) this.#recent = this.#recent.slice(-RECENT);
  }

  get total(): number {
    return this.#total;
  }

  /** How many requests matched; any criterion left out matches everything. */
  count(filter: { method?: string; path?: string; status?: number } = {}): number {
    let n = 0;
    for (const c of this.#counts.values()) {
      const pathMatches = filter.path === undefined || c.path.toLowerCase() === filter.path.toLowerCase();
      if ((filter.method ?? c.method) === c.method && pathMatches && (filter.status ?? c.status) === c.status)
        n += c.count;
    }
    return n;
  }

  snapshot(): { total: number; counts: RequestCount[]; recent: RequestRecord[] } {
    return {
      total: this.#total,
      counts: [...this.#counts.values()].map((c) => ({ ...c })),
      recent: [...this.#recent],
    };
  }

  clear(): void {
    this.#total = 0;
    this.#counts.clear();
    this.#recent = [];
  }
}
