/**
 * `hrsync serve`: the API, the web console (web/dist, when built), the scheduler and one worker in
 * one process. Returns a handle so the demo and tests can stop it.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/index.ts';
import { Scheduler } from '../jobs/index.ts';
import { AnalysisThread } from './analysis-thread.ts';
import { bootstrap } from './bootstrap.ts';
import type { ServiceConfig } from './config.ts';
import { RunThread } from './run-thread.ts';
import { openRuntime, type Runtime } from './runtime.ts';

export interface RunningService {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly runtime: Runtime;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Where first-start credentials are shown (the terminal, not the log). */
  readonly print: (line: string) => void;
  /** Extra CA to trust for Graph (the demo's emulator). */
  readonly extraCa?: string;
  /** The demo prepares its own organisation instead of the first-start one. */
  readonly skipBootstrap?: boolean;
}

export async function startService(config: ServiceConfig, options: ServeOptions): Promise<RunningService> {
  const runtime = await openRuntime(config, {
    print: options.print,
    ...(options.extraCa === undefined ? {} : { extraCa: options.extraCa }),
  });
  const { store, logger, connectors, metrics } = runtime;
  if (!options.skipBootstrap) {
    const first = await bootstrap(store, config.bootstrap);
    if (first?.generatedPassword) {
      options.print(
        `First start: sign in as ${first.email} with password ${first.generatedPassword} (shown once).`,
      );
    }
  }
  // Runs execute in their own thread, off the API's event loop (run-thread.ts).
  const worker = new RunThread({
    config,
    secretKey: runtime.secretKey,
    recycleHeapBytes: config.runThreadRecycleBytes,
    ...(options.extraCa === undefined ? {} : { extraCa: options.extraCa }),
    metrics,
    logger,
  });
  // The thread loads while the API is built; it is awaited before the service says it is serving.
  const threadReady = worker.start();
  // Previews and run comparisons: their own thread too, started on the first one (analysis-thread.ts).
  const analyses = new AnalysisThread({
    config,
    secretKey: runtime.secretKey,
    ...(options.extraCa === undefined ? {} : { extraCa: options.extraCa }),
    logger,
  });
  const scheduler = new Scheduler({
    store,
    intervalMs: config.schedulerIntervalMs,
    log: logger,
    onQueued: () => worker.nudge(),
  });
  const app = await buildApp({
    store,
    connectors,
    metrics,
    logger,
    webDir: config.webDir,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    endpointPolicy: { allowedHosts: config.allowedEndpointHosts },
    metricsToken: config.metricsToken ?? null,
    ...(config.tls ? { https: config.tls } : {}),
    onRunQueued: () => worker.nudge(),
    notifier: runtime.notifier,
    analyses,
    ...(config.extraCa || options.extraCa
      ? { identityCa: [config.extraCa, options.extraCa].filter((c) => c !== undefined).join('\n') }
      : {}),
  });
  const address = await app.listen({ host: config.host, port: config.port });
  await threadReady;
  scheduler.start();
  logger.info({ url: address, worker: worker.owner }, 'hrsync serving');
  return {
    url: address,
    app,
    runtime,
    async stop() {
      await scheduler.stop();
      await worker.stop();
      await analyses.close();
      await app.close();
      await store.close();
    },
  };
}
