import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Action, ItemStatus, RunKind } from '../core/index.ts';
import type { Store } from '../store/index.ts';

/**
 * Prometheus metrics. Run and connection counts are read from the store at scrape time, so they are
 * true across every worker process; item counts, durations and Graph throttling are counted by the
 * workers of this process.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly #items: Counter<'action' | 'status'>;
  readonly #duration: Histogram<'kind' | 'status'>;
  readonly #throttled: Counter;

  constructor(store: Store) {
    const registers = [this.registry];
    new Gauge({
      name: 'hrsync_runs',
      help: 'Runs in the store by kind and status',
      labelNames: ['kind', 'status'],
      registers,
      async collect() {
        this.reset();
        for (const row of await store.runs.countByKindAndStatus()) {
          this.set({ kind: row.kind, status: row.status }, row.count);
        }
      },
    });
    new Gauge({
      name: 'hrsync_connections',
      help: 'Connections by state',
      labelNames: ['state'],
      registers,
      async collect() {
        this.reset();
        for (const [state, n] of Object.entries(await store.connections.countByState()))
          this.set({ state }, n);
      },
    });
    this.#items = new Counter({
      name: 'hrsync_run_items_total',
      help: 'Run items recorded by workers of this process, by action and status',
      labelNames: ['action', 'status'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'hrsync_run_duration_seconds',
      help: 'Run durations by kind and final status',
      labelNames: ['kind', 'status'],
      buckets: [0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    });
    this.#throttled = new Counter({
      name: 'hrsync_graph_throttled_total',
      help: 'Microsoft Graph requests answered 429 (throttled) during runs of this process',
      registers,
    });
  }

  runFinished(
    kind: RunKind,
    status: string,
    durationMs: number,
    items: readonly { readonly action: Action; readonly status: ItemStatus }[],
    throttled: number,
  ): void {
    this.#duration.observe({ kind, status }, durationMs / 1000);
    if (throttled > 0) this.#throttled.inc(throttled);
    const pairs = new Map<string, number>();
    for (const item of items) {
      const key = `${item.action}\u0000${item.status}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    for (const [key, n] of pairs) {
      const [action, itemStatus] = key.split('\u0000') as [string, string];
      this.#items.inc({ action, status: itemStatus }, n);
    }
  }
}
