/**
 * Several processes on one PostgreSQL queue: three `hrsync worker` child processes and twenty due
 * connections (every run executes exactly once), three schedulers racing for the same due
 * connections (each queued once), and a worker killed with SIGKILL in the middle of a sync (the run is
 * resumed by another worker or failed cleanly, and no account is created twice).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type RunningAfasEmulator, startAfasEmulator } from '../../emulators/afas/index.ts';
import {
  activateConnection,
  createConnection,
  getConfiguration,
  getRun,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  simulate,
  sync,
} from '../../src/contracts/index.ts';
import { Scheduler } from '../../src/jobs/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { company, type PersonSpec } from '../engine/company.ts';
import { createTenantFor, mappingStep, scopeStep, unique } from './support/fixtures.ts';
import { sleep, until } from './support/queue.ts';
import { type Service, startService } from './support/service.ts';

const HRSYNC = fileURLToPath(new URL('../../bin/hrsync', import.meta.url));
const person = (n: number): PersonSpec => ({
  n: String(n),
  given: `Voornaam${n}`,
  family: `Achternaam${n}`,
  jobs: [{ start: '2020-01-01', title: 'Medewerker' }],
});
const TWENTY = Array.from({ length: 20 }, (_, i) => person(2000 + i));
const SIXTY = Array.from({ length: 60 }, (_, i) => person(3000 + i));

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
}

describe('several worker processes on PostgreSQL', () => {
  let svc: Service;
  let tenantId: string;
  let bigAfas: RunningAfasEmulator;
  const workers: WorkerProcess[] = [];

  const startWorkerProcess = (leaseSeconds: number): WorkerProcess => {
    const child = spawn(process.execPath, [HRSYNC, 'worker'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: svc.database.databaseUrl ?? '',
        HRSYNC_SECRET_KEY: svc.secretKey.toString('base64'),
        HRSYNC_EXTRA_CA_FILE: svc.graph.caFile ?? '',
        HRSYNC_WORKER_POLL_MS: '100',
        HRSYNC_WORKER_LEASE_SECONDS: String(leaseSeconds),
        HRSYNC_DATA_DIR: svc.database.dataDir,
        HRSYNC_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    child.stdout?.on('data', (chunk) => lines.push(...String(chunk).split('\n').filter(Boolean)));
    child.stderr?.on('data', (chunk) => lines.push(...String(chunk).split('\n').filter(Boolean)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const worker = { child, lines, exited };
    workers.push(worker);
    return worker;
  };

  /** A connection through step 4 whose scope is the given employees, simulated and activated. */
  const activeConnection = async (
    employees: readonly string[],
    afas: RunningAfasEmulator,
  ): Promise<string> => {
    const created = await svc.call(createConnection, {
      as: 'operator',
      body: { name: unique('Multi'), destinationType: 'cloud' },
    });
    const id = created.body.id as string;
    const steps = [
      await svc.call(saveSourceStep, {
        as: 'operator',
        params: { id },
        body: { environment: { baseUrl: afas.baseUrl }, token: afas.token.xml },
      }),
      await svc.call(saveDestinationStep, {
        as: 'operator',
        params: { id },
        body: { tenantId, defaultDomain: 'contoso.nl' },
      }),
      await svc.call(saveMappingStep, { as: 'operator', params: { id }, body: mappingStep() }),
      await svc.call(saveScopeStep, {
        as: 'operator',
        params: { id },
        body: {
          ...scopeStep(),
          scope: {
            filters: employees.map((n) => ({
              clauses: [{ attribute: 'Medewerker', operator: 'EQUALS', value: n }],
            })),
            outOfScope: 'none',
          },
        },
      }),
    ];
    for (const s of steps) assert.equal(s.status, 200, s.text);
    assert.equal((await svc.call(simulate, { as: 'operator', params: { id } })).status, 202);
    await svc.drain();
    const on = await svc.call(activateConnection, { as: 'operator', params: { id } });
    assert.equal(on.status, 200, on.text);
    return id;
  };

  const usersByEmployeeId = () => {
    const counts = new Map<string, number>();
    for (const u of svc.graph.state.directory.snapshot().users) {
      if (u.employeeId) counts.set(u.employeeId, (counts.get(u.employeeId) ?? 0) + 1);
    }
    return counts;
  };

  before(async () => {
    svc = await startService('postgres', { people: TWENTY });
    tenantId = (await createTenantFor(svc)).tenantId;
    bigAfas = await startAfasEmulator({ dataset: company(SIXTY) });
    svc.secrets.push(bigAfas.token.xml, bigAfas.token.data);
  });

  after(async () => {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await bigAfas?.close();
    await svc?.close();
  });

  test('three schedulers race for twenty due connections: each is queued exactly once', async () => {
    const ids: string[] = [];
    for (const p of TWENTY) ids.push(await activeConnection([p.n], svc.afas));
    // Make them all due now (their schedule says so; the clock is not moved for child processes).
    for (const id of ids) {
      await svc.store.db
        .updateTable('connections')
        .set({
          schedule: JSON.stringify({ start: '2026-01-01T00:00', every: 1, unit: 'hours' }),
          next_run_at: '2000-01-01T00:00:00.000Z',
        })
        .where('id', '=', id)
        .execute();
    }
    const stores: Store[] = [];
    for (let i = 0; i < 3; i++) {
      stores.push(await openStore({ databaseUrl: svc.database.databaseUrl, secretKey: svc.secretKey }));
    }
    try {
      const queued = await Promise.all(stores.map((store) => new Scheduler({ store, batchSize: 7 }).tick()));
      const again = await Promise.all(stores.map((store) => new Scheduler({ store }).tick()));
      assert.equal(
        queued.reduce((a, b) => a + b, 0) + again.reduce((a, b) => a + b, 0),
        20,
        `queued ${queued} then ${again}`,
      );
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
    const runs = await svc.store.db
      .selectFrom('runs')
      .select(['connection_id'])
      .where('kind', '=', 'sync')
      .execute();
    assert.equal(runs.length, 20);
    assert.equal(new Set(runs.map((r) => r.connection_id)).size, 20);
  });

  test('three `hrsync worker` processes execute the twenty queued syncs, each exactly once', async () => {
    for (let i = 0; i < 3; i++) startWorkerProcess(30);
    await until(
      async () => {
        const open = await svc.store.db
          .selectFrom('runs')
          .select('id')
          .where('status', 'in', ['queued', 'running'])
          .execute();
        return open.length === 0;
      },
      // Generous: a loaded two-core machine took over two minutes; the bound only stops a hang.
      480_000,
      'the twenty syncs to finish',
    );
    const runs = await svc.store.db.selectFrom('runs').selectAll().where('kind', '=', 'sync').execute();
    assert.equal(runs.length, 20);
    for (const run of runs) {
      assert.equal(run.status, 'succeeded', `${run.id}: ${run.error_code} ${run.error_message}`);
      assert.equal(Number(run.attempt), 1);
    }
    const started = await svc.store.db
      .selectFrom('audit_events')
      .select(['run_id', 'actor_name'])
      .where('action', '=', 'run.started')
      .where(
        'run_id',
        'in',
        runs.map((r) => r.id),
      )
      .execute();
    assert.equal(started.length, 20, 'one start per run');
    assert.equal(new Set(started.map((s) => s.run_id)).size, 20);
    const owners = new Set(started.map((s) => s.actor_name));
    assert.ok(owners.size >= 2, `the work was shared (${[...owners].join(', ')})`);
    const accounts = usersByEmployeeId();
    for (const p of TWENTY) assert.equal(accounts.get(p.n), 1, `one account for ${p.n}`);
    for (const w of workers) w.child.kill('SIGTERM');
    const codes = await Promise.all(workers.map((w) => w.exited));
    assert.deepEqual(codes, [0, 0, 0], 'workers stop cleanly on SIGTERM');
  });

  test('a worker killed with SIGKILL mid-sync: the run is resumed elsewhere, no account is created twice', async () => {
    const id = await activeConnection(
      SIXTY.map((p) => p.n),
      bigAfas,
    );
    svc.graph.state.faults.apply({ latencyMs: 250 });
    const queued = await svc.call(sync, { as: 'operator', params: { id } });
    assert.equal(queued.status, 202);
    const victim = startWorkerProcess(3);
    try {
      await until(
        async () => SIXTY.some((p) => usersByEmployeeId().has(p.n)),
        60_000,
        'the first accounts of the sync to be created',
      );
    } catch (error) {
      const run = await svc.call(getRun, { params: { id: queued.body.id } });
      throw new Error(
        `${(error as Error).message}; run: ${run.text}; worker: ${victim.lines.slice(-5).join('\n')}`,
      );
    }
    victim.child.kill('SIGKILL');
    await victim.exited;
    const orphan = await svc.call(getRun, { params: { id: queued.body.id } });
    assert.equal(orphan.body.status, 'running', 'the killed worker left its lease behind');
    // Killed after creates reached the tenant but before the run finished: the resumed run must
    // re-match those accounts instead of creating them again.
    const createdBeforeKill = SIXTY.filter((p) => usersByEmployeeId().has(p.n)).length;
    assert.ok(createdBeforeKill > 0);

    const rescuer = startWorkerProcess(3);
    await until(
      async () => {
        const run = await svc.call(getRun, { params: { id: queued.body.id } });
        return ['succeeded', 'failed'].includes(run.body.status);
      },
      120_000,
      'the run to be resumed and finished',
    );
    svc.graph.state.faults.apply({ latencyMs: 0 });
    const finished = await svc.call(getRun, { params: { id: queued.body.id } });
    if (finished.body.status === 'failed') {
      assert.equal(finished.body.error.code, 'HRS_RUN_INTERRUPTED', finished.text);
    } else {
      assert.equal(finished.body.attempt, 2);
    }
    const accounts = usersByEmployeeId();
    for (const p of SIXTY) assert.ok((accounts.get(p.n) ?? 0) <= 1, `no duplicate account for ${p.n}`);
    if (finished.body.status === 'succeeded') {
      for (const p of SIXTY) assert.equal(accounts.get(p.n), 1, `account for ${p.n}`);
    }
    const requeued = await svc.store.db
      .selectFrom('audit_events')
      .select('message')
      .where('run_id', '=', queued.body.id)
      .where('action', '=', 'run.requeued')
      .execute();
    assert.equal(requeued.length, 1, 'the lease expiry was recorded');
    // A sync after the crash makes no further creates: everything is linked or re-matched.
    const after = await svc.call(sync, { as: 'operator', params: { id } });
    await until(
      async () => (await svc.call(getRun, { params: { id: after.body.id } })).body.status === 'succeeded',
      60_000,
      'resync',
    );
    const resync = await svc.call(getRun, { params: { id: after.body.id } });
    assert.equal(resync.body.counts.actions.create, 0, resync.text);
    rescuer.child.kill('SIGTERM');
    await rescuer.exited;
    await sleep(10);
  });

  test('the configuration survived untouched by the workers (secrets still only as { set })', async () => {
    const ids = await svc.store.db.selectFrom('connections').select('id').limit(1).execute();
    const config = await svc.call(getConfiguration, { params: { id: ids[0]!.id } });
    assert.deepEqual(config.body.source.settings.token, { set: true });
    for (const w of workers)
      for (const line of w.lines) for (const secret of svc.secrets) assert.ok(!line.includes(secret));
  });
});
