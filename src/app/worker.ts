/**
 * `hrsync worker`: claims and executes queued runs, nothing else. Any number of these, on any number
 * of machines, share the PostgreSQL run queue; each needs the same HRSYNC_SECRET_KEY as serve.
 */
import { engineExecutor, Worker } from '../jobs/index.ts';
import { TENANT_MEMORY_ACCOUNTS } from '../store/index.ts';
import { ConfigError, type ServiceConfig } from './config.ts';
import { openRuntime, type Runtime } from './runtime.ts';

export interface RunningWorker {
  readonly worker: Worker;
  readonly runtime: Runtime;
  stop(): Promise<void>;
}

export async function startWorker(config: ServiceConfig): Promise<RunningWorker> {
  if (config.databaseUrl === undefined) {
    throw new ConfigError([
      'hrsync worker shares the run queue through PostgreSQL: set DATABASE_URL. With the embedded SQLite store, hrsync serve runs the only worker.',
    ]);
  }
  const runtime = await openRuntime(config);
  const { logger, connectors, metrics } = runtime;
  // A worker runs the same connections again and again, as serve's run thread does: each one's
  // decoded tenant cache is kept between runs (bounded; used only while the database holds it).
  const store = runtime.store.withTenantMemory(TENANT_MEMORY_ACCOUNTS);
  const worker = new Worker({
    store,
    execute: engineExecutor({ store, connectors }),
    metrics,
    log: logger,
    leaseMs: config.leaseMs,
    pollMs: config.pollMs,
    onFinished: (run) => runtime.notifier.runFinished(run),
  });
  worker.start();
  logger.info({ worker: worker.owner, leaseMs: config.leaseMs }, 'hrsync worker started');
  return {
    worker,
    runtime,
    async stop() {
      await worker.stop();
      await runtime.notifier.idle();
      await store.close();
    },
  };
}
