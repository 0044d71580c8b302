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

  runFinished(kind: RunKind, status: string, durationMs: number, items: ItemTally, throttled: number): void {
    this.#duration.observe({ kind, status }, durationMs / 1000);
    if (throttled > 0) this.#throttled.inc(throttled);
    for (const { action, status: itemStatus, count } of items) {
      if (count > 0) this.#items.inc({ action, status: itemStatus }, count);
    }
  }
}

/** A run's items counted by action and status: what the item counter needs, small enough to post. */
export type ItemTally = readonly {
  readonly action: Action;
  readonly status: ItemStatus;
  readonly count: number;
}[];

export function tallyItems(
  items: readonly { readonly action: Action; readonly status: ItemStatus }[],
): ItemTally {
  const pairs = new Map<string, { action: Action; status: ItemStatus; count: number }>();
  for (const item of items) {
    const key = `${item.action}\u0000${item.status}`;
    const known = pairs.get(key);
    if (known) known.count++;
    else pairs.set(key, { action: item.action, status: item.status, count: 1 });
  }
  return [...pairs.values()];
}

/** What a worker reports when a run ends; a worker thread forwards it to the process's metrics. */
export type RunMetrics = Pick<ServiceMetrics, 'runFinished'>;
