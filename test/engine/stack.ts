/**
 * Starts the real AFAS and Graph emulators (Graph over HTTPS with its test CA, so MSAL is used as in
 * production) and wires the engine to them exactly as the CLI does: real HTTP, real adapters.
 */

import { type RunningAfasEmulator, startAfasEmulator } from '../../emulators/afas/index.ts';
import type { AfasDataset, TenantDataset } from '../../emulators/demo-data/types.ts';
import type { ThrottleSettings } from '../../emulators/graph/index.ts';
import { type RunningGraphEmulator, startGraphEmulator } from '../../emulators/graph/index.ts';
import type { ConnectionConfig, RunKind } from '../../src/core/index.ts';
import {
  type EngineStore,
  executeRun,
  MemoryEngineStore,
  type RunOutcome,
  starterConfig,
} from '../../src/engine/index.ts';
import { createAfasSource } from '../../src/sources/afas/index.ts';
import { createGraphTarget, GRAPH_WRITE_QUOTA, type GraphTarget } from '../../src/targets/graph/index.ts';

export interface Stack {
  afas: RunningAfasEmulator;
  readonly graph: RunningGraphEmulator;
  store: EngineStore;
  config: ConnectionConfig;
  target: GraphTarget;
  run(
    kind: RunKind,
    options?: { now?: string; employeeNumber?: string; approved?: boolean },
  ): Promise<RunOutcome>;
  /** Replaces the AFAS data (HR changed), keeping the tenant and the store. */
  setAfas(dataset: AfasDataset): Promise<void>;
  /** Graph write requests (POST/PATCH/PUT/DELETE, batch items included) seen so far. */
  graphWrites(): number;
  users(): ReturnType<RunningGraphEmulator['state']['directory']['snapshot']>['users'];
  close(): Promise<void>;
}

export const TODAY = '2026-11-24T09:00:00Z';

export async function startStack(
  afasData: AfasDataset,
  tenantData: TenantDataset,
  options: {
    throttling?: ThrottleSettings;
    timeScale?: number;
    configure?: (c: ConnectionConfig) => ConnectionConfig;
  } = {},
): Promise<Stack> {
  let afas = await startAfasEmulator({ dataset: afasData });
  const graph = await startGraphEmulator({
    tenant: tenantData,
    port: null,
    httpsPort: 0,
    ...(options.throttling ? { throttling: options.throttling } : {}),
    ...(options.timeScale ? { timeScale: options.timeScale } : {}),
  });
  const app = graph.apps[0];
  if (!app || !graph.caCertPem) throw new Error('the Graph emulator started without an app or a CA');
  const base = starterConfig({
    environment: { baseUrl: afas.baseUrl },
    token: { value: afas.token.xml },
    tenantId: graph.tenantId,
    clientId: app.clientId,
    credential: { type: 'secret', secret: { value: app.clientSecret } },
    defaultDomain: 'contoso.nl',
    authorityHost: graph.url,
    graphBaseUrl: graph.url,
  });

  const config = options.configure ? options.configure(base) : base;
  if (config.target.type !== 'entra') throw new Error('the engine stack runs against the Graph emulator');
  // A time-scaled emulator's write quota has a shorter window: the target paces to that one, as the
  // benchmarks' does (bench/run.ts), not to the real quota's 150 s.
  const target = createGraphTarget(config.target, {
    credential: { clientSecret: app.clientSecret },
    ca: graph.caCertPem,
    ...(options.timeScale
      ? {
          pacing: {
            quota: GRAPH_WRITE_QUOTA.quota,
            windowMs: GRAPH_WRITE_QUOTA.windowMs * options.timeScale,
          },
        }
      : {}),
  });
  const stack: Stack = {
    afas,
    graph,
    store: new MemoryEngineStore(),
    config,
    target,
    async run(kind, o = {}) {
      const source = createAfasSource(
        { ...stack.config.source, environment: { baseUrl: stack.afas.baseUrl } },
        { token: stack.afas.token.xml },
      );
      return executeRun({
        kind,
        config: stack.config,
        source,
        target: stack.target,
        store: stack.store,
        clock: { now: () => o.now ?? TODAY },
        ...(o.employeeNumber ? { employeeNumber: o.employeeNumber } : {}),
        ...(o.approved ? { approved: { by: 'test', reason: 'approved in test' } } : {}),
      });
    },
    async setAfas(dataset) {
      await stack.afas.close();
      afas = await startAfasEmulator({ dataset, token: stack.afas.token.xml });
      stack.afas = afas;
    },
    graphWrites() {
      const counts = graph.state.requests.counts();
      return counts.routes
        .filter((r) => r.method !== 'GET' && !r.route.includes('$batch') && !r.route.includes('oauth2'))
        .reduce((n, r) => n + r.count, 0);
    },
    users: () => graph.state.directory.snapshot().users,
    async close() {
      await Promise.all([stack.afas.close(), graph.close()]);
    },
  };
  return stack;
}
