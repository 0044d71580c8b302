/**
 * Inside the run thread (see run-thread.ts): opens its own store and adapters from the service's
 * settings and runs a Worker until told to stop, or until a run left the heap grown past the recycle
 * limit (then it stops claiming, closes and asks to be replaced).
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { RunKind } from '../core/index.ts';
import { engineExecutor, type ItemTally, Worker } from '../jobs/index.ts';
import type { ServiceConfig } from './config.ts';
import { openRuntime } from './runtime.ts';

export interface ThreadSettings {
  readonly config: ServiceConfig;
  readonly secretKey: Uint8Array;
  readonly extraCa: string | null;
  /** Growth of the thread's heap over its idle size after which the thread is replaced. */
  readonly recycleHeapBytes: number;
  /** Accounts of tenant caches kept between runs, across connections. */
  readonly tenantMemoryAccounts: number;
}

/**
 * Heap a held account takes (measured: 940 B for an Entra account of 22 attributes, 18,957 of them
 * 17.8 MB), rounded up: the tenant memory is meant to stay, so it does not count towards a recycle.
 */
const HELD_ACCOUNT_BYTES = 1024;

export type ThreadMessage =
  | { readonly type: 'nudge' }
  | { readonly type: 'stop' }
  | { readonly type: 'ready'; readonly owner: string }
  | { readonly type: 'recycle'; readonly heapBytes: number }
  | {
      readonly type: 'run-finished';
      readonly kind: RunKind;
      readonly status: string;
      readonly durationMs: number;
      readonly items: ItemTally;
      readonly throttled: number;
    };

async function main(port: NonNullable<typeof parentPort>, settings: ThreadSettings): Promise<void> {
  const post = (message: ThreadMessage) => port.postMessage(message);
  const runtime = await openRuntime(
    { ...settings.config, secretKey: Buffer.from(settings.secretKey) },
    settings.extraCa === null ? {} : { extraCa: settings.extraCa },
  );
  const { logger, connectors, config, notifier } = runtime;
  // The thread runs the same connections again and again: their decoded tenant caches are kept
  // between runs (bounded; used only while the database still holds that very cache).
  const store = runtime.store.withTenantMemory(settings.tenantMemoryAccounts);
  // SQLite's log is checkpointed after each run, not inside the run's finishing commit.
  await store.deferCheckpoints();
  let heapBytes = 0;
  // Measured against the thread's own idle heap, not as an absolute size: how large a heap a run
  // leaves depends on the young generation's size (bin/hrsync's semi-space flag) as much as on the
  // run, and an absolute 256 MB stopped catching a 20,000-person run once semi-spaces were 32 MB
  // (the idle service stayed 175 MB larger after it).
  const idleHeap = getHeapStatistics().total_heap_size;
  const worker = new Worker({
    store,
    execute: engineExecutor({ store, connectors }),
    log: logger,
    leaseMs: config.leaseMs,
    pollMs: config.pollMs,
    metrics: {
      runFinished: (kind, status, durationMs, items, throttled) =>
        post({ type: 'run-finished', kind, status, durationMs, items, throttled }),
    },
    onFinished: (run) => {
      notifier.runFinished(run);
      setImmediate(() => {
        store
          .checkpoint()
          .catch((error: unknown) => logger.warn({ err: error }, 'checkpoint after a run failed'));
      });
    },
    keepClaiming: () => {
      heapBytes = getHeapStatistics().total_heap_size - store.heldTenantAccounts * HELD_ACCOUNT_BYTES;
      return heapBytes - idleHeap <= settings.recycleHeapBytes;
    },
  });
  port.on('message', (message: ThreadMessage) => {
    if (message.type === 'nudge') worker.nudge();
    else if (message.type === 'stop') void worker.stop();
  });
  worker.start();
  post({ type: 'ready', owner: worker.owner });
  await worker.stopped();
  if (heapBytes - idleHeap > settings.recycleHeapBytes) post({ type: 'recycle', heapBytes });
  // Deliveries in flight finish first (each is bounded by its retries and timeouts).
  await notifier.idle();
  await store.close();
  // Ends this thread only; HTTP agents with kept-alive sockets must not keep it around.
  process.exit(0);
}

if (parentPort) await main(parentPort, workerData as ThreadSettings);
