/**
 * Inside the run thread (see run-thread.ts): opens its own store and adapters from the service's
 * settings and runs a Worker until told to stop, or until a run left the heap larger than the
 * recycle limit (then it stops claiming, closes and asks to be replaced).
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
  readonly recycleHeapBytes: number;
}

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
  const { store, logger, connectors, config, notifier } = runtime;
  let heapBytes = 0;
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
    onFinished: (run) => notifier.runFinished(run),
    keepClaiming: () => {
      heapBytes = getHeapStatistics().total_heap_size;
      return heapBytes <= settings.recycleHeapBytes;
    },
  });
  port.on('message', (message: ThreadMessage) => {
    if (message.type === 'nudge') worker.nudge();
    else if (message.type === 'stop') void worker.stop();
  });
  worker.start();
  post({ type: 'ready', owner: worker.owner });
  await worker.stopped();
  if (heapBytes > settings.recycleHeapBytes) post({ type: 'recycle', heapBytes });
  // Deliveries in flight finish first (each is bounded by its retries and timeouts).
  await notifier.idle();
  await store.close();
  // Ends this thread only; HTTP agents with kept-alive sockets must not keep it around.
  process.exit(0);
}

if (parentPort) await main(parentPort, workerData as ThreadSettings);
