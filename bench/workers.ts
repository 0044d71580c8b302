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
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCloudConnection, demoCaller, seedDemo } from '../src/app/demo-seed.ts';
import { loadServiceConfig } from '../src/app/index.ts';
import { startService } from '../src/app/serve.ts';
import { requestRun } from '../src/jobs/run-requests.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { createTestDatabase } from '../test/service/support/databases.ts';
import { gcFlags, withEmulators } from './scale.ts';
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
    // The demo's organisation, tenant and first connection, then more connections like it.
    const seeded = await seedDemo(service, systems);
    const call = await demoCaller(service, seeded.password);
    const connectionIds = [seeded.connectionId];
    for (let i = 1; i < n; i++) {
      connectionIds.push(
        await addCloudConnection(call, seeded.tenantId, systems, { name: `Bench ${i + 1}`, description: '' }),
      );
    }
    const first = await service.runtime.store.db
      .selectFrom('connections')
      .select('organisation_id')
      .where('id', '=', seeded.connectionId)
      .executeTakeFirstOrThrow();
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
          // `node bin/hrsync` skips the shebang's flags: the bench's own are passed on.
          const child = spawn(process.execPath, [...gcFlags, HRSYNC, 'worker'], {
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

/** CPU seconds (user + system) the processes have used so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(children: readonly ChildProcess[]): number {
  let ticks = 0;
  for (const c of children) {
    try {
      const stat = readFileSync(`/proc/${c.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // not Linux, or the process is gone
    }
  }
  return ticks / 100;
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
    const cpu0 = process.cpuUsage();
    const engine = (await runOnce('simulation', e)).seconds;
    const used = process.cpuUsage(cpu0);
    // The engine's CPU for one simulation in this process (the emulators are other processes).
    const engineCpu = (used.user + used.system) / 1e6;
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
            const before = cpuSeconds(workers);
            const { wall, durations } = await round(store, organisationId, connectionIds);
            const cpuPerRun = (cpuSeconds(workers) - before) / connectionIds.length;
            single ??= count === 1 ? wall : undefined;
            const mean = durations.reduce((n, d) => n + d, 0) / durations.length;
            console.log(
              `# ${count} worker(s): ${connections} runs in ${fmt(wall)} s; a run ${fmt(mean)} s on average (engine alone ${fmt(engine)} s); worker CPU ${fmt(cpuPerRun)} s per run (engine alone ${fmt(engineCpu)} s)`,
            );
            report(
              `${connections} × ${persons} persons, ${count} worker(s) (postgres)`,
              `${fmt(wall)} s, ${fmt((connections * persons) / wall, 0)} persons/s`,
              single && count > 1 ? `×${count} ideal` : '(reported)',
              single && count > 1 ? single / wall / count : 0,
              true,
            );
            if (single && count > 1) console.log(`# speed-up with ${count} workers: ${fmt(single / wall)}`);
            // Wall time per run beyond the engine's includes waiting for a core (more workers than
            // cores, or a loaded machine); the CPU a worker spends per run beyond the engine's does not.
            report(
              `per-run overhead, ${count} worker(s) (postgres)`,
              `${fmt(mean - engine)} s wall, ${fmt(cpuPerRun - engineCpu)} s CPU`,
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
