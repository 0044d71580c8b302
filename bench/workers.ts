/**
 * Issue 13: 20 connections × 2,500 persons, run by 1, 2 and 3 worker processes (`hrsync worker`)
 * sharing one PostgreSQL run queue, as a scaled-out installation does. The connections are set up
 * through the service's API (then the service stops, so only the worker processes claim); each round
 * queues one simulation per connection and waits for all of them. Prints the wall time, throughput
 * (persons per second) and speed-up per worker count, and the per-run overhead: a run's time in the
 * queue's record (started → finished) beyond the engine's simulation of the same persons in this
 * process. Sizes: BENCH_WORKERS_PERSONS (2,500), BENCH_WORKERS_CONNECTIONS (20), BENCH_WORKERS
 * ("1,2,3").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ADMIN, seedDemo } from '../src/app/demo-seed.ts';
import { loadServiceConfig } from '../src/app/index.ts';
import { startService } from '../src/app/serve.ts';
import {
  createConnection,
  type Endpoint,
  pathFor,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  signIn,
} from '../src/contracts/index.ts';
import { DEFAULT_SECTIONS } from '../src/engine/index.ts';
import { requestRun } from '../src/jobs/run-requests.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { createTestDatabase } from '../test/service/support/databases.ts';
import { withEmulators } from './scale.ts';
import { runOnce, type ServiceEmulators } from './service.ts';

type Report = (name: string, figure: string, goal: string, ratio: number, ok: boolean) => void;
type Fmt = (n: number, d?: number) => string;

const HRSYNC = fileURLToPath(new URL('../bin/hrsync', import.meta.url));

/** The organisation and its connections, made through the API as a user would. */
async function seedConnections(
  databaseUrl: string,
  dataDir: string,
  secretKey: Buffer,
  e: ServiceEmulators,
  n: number,
): Promise<{ organisationId: string; connectionIds: string[] }> {
  const config = {
    ...loadServiceConfig(
      { dataDir, databaseUrl, host: '127.0.0.1', port: 0, logLevel: 'silent' },
      { HRSYNC_SECRET_KEY: secretKey.toString('base64') },
    ),
    webDir: join(dataDir, 'no-console'),
    allowedEndpointHosts: ['127.0.0.1', 'localhost'],
  };
  const service = await startService(config, { print: () => {}, extraCa: e.caPem, skipBootstrap: true });
  try {
    const systems = {
      afasBaseUrl: e.afasBaseUrl,
      afasToken: e.afasToken,
      directoryId: e.tenantId,
      domains: ['contoso.nl'],
      clientId: e.clientId,
      clientSecret: e.clientSecret,
      graphUrl: e.graphUrl,
    };
    const seeded = await seedDemo(service, systems);
    const login = await service.app.inject({
      method: 'POST',
      url: pathFor(signIn),
      payload: { email: DEMO_ADMIN, password: seeded.password },
    });
    const cookie = login.cookies.find((c) => c.name === 'hrsync_session');
    const call = async (endpoint: Endpoint, body: unknown, params: Record<string, string> = {}) => {
      const res = await service.app.inject({
        method: endpoint.method,
        url: pathFor(endpoint, params),
        headers: { cookie: `hrsync_session=${cookie?.value}` },
        ...(endpoint.method === 'GET' ? {} : { payload: body as object }),
      });
      if (res.statusCode >= 300) throw new Error(`${endpoint.operationId}: ${res.statusCode} ${res.body}`);
      return res.json() as Record<string, unknown>;
    };
    const first = await service.runtime.store.db
      .selectFrom('connections')
      .select(['organisation_id', 'tenant_id'])
      .where('id', '=', seeded.connectionId)
      .executeTakeFirstOrThrow();
    const tenantId = first.tenant_id as string;
    const connectionIds = [seeded.connectionId];
    for (let i = 1; i < n; i++) {
      const created = await call(createConnection, {
        name: `Bench ${i + 1}`,
        description: '',
        sourceSystem: 'afas-profit',
        destinationType: 'cloud',
        tenantId,
      });
      const id = { id: created.id as string };
      await call(saveSourceStep, { environment: { baseUrl: e.afasBaseUrl }, token: e.afasToken }, id);
      await call(saveDestinationStep, { tenantId, defaultDomain: 'contoso.nl' }, id);
      await call(
        saveMappingStep,
        {
          mapping: DEFAULT_SECTIONS.mapping,
          matching: DEFAULT_SECTIONS.matching,
          uniqueness: DEFAULT_SECTIONS.uniqueness,
          writeBack: DEFAULT_SECTIONS.writeBack,
        },
        id,
      );
      await call(
        saveScopeStep,
        {
          scope: DEFAULT_SECTIONS.scope,
          persons: DEFAULT_SECTIONS.persons,
          lifecycle: DEFAULT_SECTIONS.lifecycle,
          thresholds: DEFAULT_SECTIONS.thresholds,
          timeZone: DEFAULT_SECTIONS.timeZone,
        },
        id,
      );
      connectionIds.push(id.id);
    }
    return { organisationId: first.organisation_id, connectionIds };
  } finally {
    await service.stop();
  }
}

function startWorkers(count: number, env: Record<string, string>): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ChildProcess>((resolve, reject) => {
          const child = spawn(process.execPath, [HRSYNC, 'worker'], {
            env: { PATH: process.env.PATH ?? '', ...env },
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let buffered = '';
          child.stdout?.on('data', (chunk) => {
            buffered += String(chunk);
            if (buffered.includes('hrsync worker started')) resolve(child);
          });
          child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
        }),
    ),
  );
}

async function stopWorkers(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.removeAllListeners('exit');
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
}

/** Queues one simulation per connection and waits for them all; the runs' durations and the wall. */
async function round(store: Store, organisationId: string, connectionIds: readonly string[]) {
  const actor = { type: 'system' as const, id: null, name: 'bench' };
  const started = performance.now();
  const runIds: string[] = [];
  for (const id of connectionIds) {
    const run = await store.transaction(async (tx) => {
      const connection = await tx.connections.get(organisationId, id, { lock: true });
      if (!connection) throw new Error(`connection ${id} vanished`);
      return requestRun(tx, { connection, kind: 'simulation', actor });
    });
    runIds.push(run.id);
  }
  for (;;) {
    const runs = await Promise.all(runIds.map((id) => store.runs.get(organisationId, id)));
    const open = runs.filter((r) => r === null || r.status === 'queued' || r.status === 'running');
    if (open.length === 0) {
      const failed = runs.filter((r) => r?.status !== 'succeeded');
      if (failed.length > 0) throw new Error(`runs ended ${failed.map((r) => r?.status).join(', ')}`);
      const durations = runs.map(
        (r) => (Date.parse(r?.finishedAt ?? '') - Date.parse(r?.startedAt ?? '')) / 1000,
      );
      return { wall: (performance.now() - started) / 1000, durations };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function benchWorkers(report: Report, fmt: Fmt): Promise<void> {
  const persons = Number(process.env.BENCH_WORKERS_PERSONS ?? 2500);
  const connections = Number(process.env.BENCH_WORKERS_CONNECTIONS ?? 20);
  const counts = (process.env.BENCH_WORKERS ?? '1,2,3').split(',').map(Number);
  await withEmulators(persons, async (e) => {
    await runOnce('simulation', e);
    const engine = (await runOnce('simulation', e)).seconds;
    const database = await createTestDatabase('postgres');
    const databaseUrl = database.databaseUrl as string;
    const secretKey = randomBytes(32);
    const caFile = join(database.dataDir, 'graph-ca.pem');
    writeFileSync(caFile, e.caPem);
    try {
      const { organisationId, connectionIds } = await seedConnections(
        databaseUrl,
        database.dataDir,
        secretKey,
        e,
        connections,
      );
      const store = await openStore({ databaseUrl, secretKey });
      const env = {
        DATABASE_URL: databaseUrl,
        HRSYNC_SECRET_KEY: secretKey.toString('base64'),
        HRSYNC_EXTRA_CA_FILE: caFile,
        HRSYNC_ALLOWED_ENDPOINT_HOSTS: '127.0.0.1,localhost',
        HRSYNC_WORKER_POLL_MS: '100',
        HRSYNC_DATA_DIR: database.dataDir,
        HRSYNC_LOG_LEVEL: 'info',
      };
      let single: number | undefined;
      try {
        for (const count of counts) {
          const workers = await startWorkers(count, env);
          try {
            const { wall, durations } = await round(store, organisationId, connectionIds);
            single ??= count === 1 ? wall : undefined;
            const mean = durations.reduce((n, d) => n + d, 0) / durations.length;
            console.log(
              `# ${count} worker(s): ${connections} runs in ${fmt(wall)} s; a run ${fmt(mean)} s on average (engine alone ${fmt(engine)} s)`,
            );
            report(
              `${connections} × ${persons} persons, ${count} worker(s) (postgres)`,
              `${fmt(wall)} s, ${fmt((connections * persons) / wall, 0)} persons/s`,
              single && count > 1 ? `×${count} ideal` : '(reported)',
              single && count > 1 ? single / wall / count : 0,
              true,
            );
            if (single && count > 1) console.log(`# speed-up with ${count} workers: ${fmt(single / wall)}`);
            report(
              `per-run overhead, ${count} worker(s) (postgres)`,
              `${fmt(mean - engine)} s`,
              '(reported)',
              0,
              true,
            );
          } finally {
            await stopWorkers(workers);
          }
        }
      } finally {
        await store.close();
      }
    } finally {
      await database.dispose();
    }
  });
}
