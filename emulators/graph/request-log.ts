export interface RequestLogEntry {
  readonly method: string;
  /** Path template, e.g. `/v1.0/users/{id}` or `/{tenant}/oauth2/v2.0/token`. */
  readonly route: string;
  readonly status: number;
  /** Executed as an item of a `$batch` request. */
  readonly viaBatch: boolean;
}

export interface RouteCount {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  /** All requests with this method, route and status. */
  readonly count: number;
  /** How many of them were `$batch` items. */
  readonly viaBatch: number;
}

export interface RequestCounts {
  /** Every request counted, batch items included. */
  readonly total: number;
  /** HTTP requests that reached the emulator (batch items not included). */
  readonly http: number;
  readonly batchItems: number;
  readonly throttled: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly routes: readonly RouteCount[];
}

/** Counts requests by method, path template and status, so tests and benchmarks can assert on traffic. */
export class RequestLog {
  readonly #routes = new Map<
    string,
    { method: string; route: string; status: number; count: number; viaBatch: number }
  >();

  record(entry: RequestLogEntry): void {
    const key = `${entry.method} ${entry.route} ${entry.status}`;
    const found = this.#routes.get(key) ?? {
      method: entry.method,
      route: entry.route,
      status: entry.status,
      count: 0,
      viaBatch: 0,
    };
    found.count += 1;
    if (entry.viaBatch) found.viaBatch += 1;
    this.#routes.set(key, found);
  }

  counts(): RequestCounts {
    const routes = [...this.#routes.values()].map((r) => ({ ...r }));
    const byStatus: Record<string, number> = {};
    let total = 0;
    let batchItems = 0;
    for (const r of routes) {
      total += r.count;
      batchItems += r.viaBatch;
      byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count;
    }
    routes.sort(
      (a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.status - b.status,
    );
    return { total, http: total - batchItems, batchItems, throttled: byStatus['429'] ?? 0, byStatus, routes };
  }

  reset(): void {
    this.#routes.clear();
  }
}
