import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type RunExecutor, Worker } from '../../src/jobs/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases.ts';
import { bareConnection, enqueue, sleep, succeeded, until } from './support/queue.ts';

for (const dialect of DIALECTS) {
  describe(`worker leases on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let org: string;
    before(async () => {
      database = await createTestDatabase(dialect);
      store = await openStore({
        databaseUrl: database.databaseUrl,
        sqliteFile: database.sqliteFile,
        secretKey: randomBytes(32),
      });
      org = (await store.organisations.create('Org')).id;
    });
    after(async () => {
      await store?.close();
      await database?.dispose();
    });

    test('heartbeats keep a run longer than its lease with its worker; a second worker never takes it', async () => {
      const connectionId = await bareConnection(store, org, 'long');
      const run = await enqueue(store, org, connectionId);
      let executions = 0;
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The run lasts until b has tried for well past a's first lease, however slow the machine.
      const slow: RunExecutor = async () => {
        executions++;
        await released;
        return succeeded();
      };
      const leaseMs = 1000;
      const a = new Worker({ store, execute: slow, leaseMs, heartbeatMs: 50 });
      const b = new Worker({
        store,
        execute: async () => {
          executions++;
          return succeeded('taken by b');
        },
        leaseMs,
        heartbeatMs: 50,
      });
      const first = a.tick();
      await until(async () => (await store.runs.get(org, run.id))?.status === 'running', 5000, 'running');
      const firstExpiry = Date.parse((await store.runs.get(org, run.id))?.leaseExpiresAt ?? '');
      // b sweeps and polls again and again while a works past its original lease.
      try {
        let tries = 0;
        while (tries < 4 || Date.now() < firstExpiry + leaseMs) {
          await b.sweep();
          assert.equal(await b.tick(), false);
          tries++;
          await sleep(100);
        }
        const renewed = Date.parse((await store.runs.get(org, run.id))?.leaseExpiresAt ?? '');
        assert.ok(renewed > firstExpiry, 'the heartbeat moved the lease on');
      } finally {
        release();
      }
      await first;
      const done = await store.runs.get(org, run.id);
      assert.equal(done?.status, 'succeeded');
      assert.equal(done?.attempt, 1);
      assert.equal(executions, 1);
    });

    test('a worker that died mid-run: its lease expires, the run is resumed once by another worker', async () => {
      const connectionId = await bareConnection(store, org, 'crash');
      const run = await enqueue(store, org, connectionId);
      const dead = await store.runQueue.claim('dead-worker', 60_000);
      assert.equal(dead?.id, run.id);
      const seen: number[] = [];
      const survivor = new Worker({
        store,
        execute: async (r) => {
          seen.push(r.attempt);
          return succeeded();
        },
        leaseMs: 5000,
      });
      await survivor.sweep();
      assert.equal(await survivor.tick(), false, 'not before the lease expires');
      // The dead worker's minute passes: its lease is now in the past.
      await store.db
        .updateTable('runs')
        .set({ lease_expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', run.id)
        .execute();
      await survivor.sweep();
      assert.equal(await survivor.tick(), true);
      assert.deepEqual(seen, [2]);
      const done = await store.runs.get(org, run.id);
      assert.equal(done?.status, 'succeeded');
      const audit = await store.audit.list(org, { runId: run.id }, 1, 50);
      assert.ok(audit.items.some((e) => e.action === 'run.requeued'));
      // The dead worker coming back cannot record anything: it no longer holds the lease.
      assert.equal(
        await store.runQueue.finish(run.id, 'dead-worker', { ...succeeded(), status: 'failed' }),
        null,
      );
      assert.equal((await store.runs.get(org, run.id))?.status, 'succeeded');
    });

    test('when attempts run out, the run fails cleanly with HRS_RUN_INTERRUPTED', async () => {
      const connectionId = await bareConnection(store, org, 'give up');
      const run = await enqueue(store, org, connectionId, { maxAttempts: 1 });
      await store.runQueue.claim('dead-worker', 60_000);
      // The dead worker's lease runs out: moved into the past rather than waited for.
      await store.db
        .updateTable('runs')
        .set({ lease_expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', run.id)
        .execute();
      const sweeper = new Worker({ store, execute: async () => succeeded() });
      await sweeper.sweep();
      const failed = await store.runs.get(org, run.id);
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.error?.code, 'HRS_RUN_INTERRUPTED');
      assert.equal(await sweeper.tick(), false);
      const audit = await store.audit.list(org, { runId: run.id, action: 'run.finished' }, 1, 10);
      assert.equal(audit.items[0]?.outcome, 'failure');
    });

    test('cancel of a running run: the heartbeat sees it and the run ends cancelled', async () => {
      const connectionId = await bareConnection(store, org, 'cancel');
      const run = await enqueue(store, org, connectionId);
      const worker = new Worker({
        store,
        leaseMs: 2000,
        heartbeatMs: 50,
        execute: (_run, ctx) =>
          new Promise((resolve) => {
            ctx.signal.addEventListener('abort', () => resolve({ ...succeeded(), status: 'failed' }));
          }),
      });
      const working = worker.tick();
      await until(async () => (await store.runs.get(org, run.id))?.status === 'running', 5000, 'running');
      await store.runs.cancel(org, run.id);
      await working;
      assert.equal((await store.runs.get(org, run.id))?.status, 'cancelled');
    });

    test('a worker that lost its lease stops and does not overwrite the new owner', async () => {
      const connectionId = await bareConnection(store, org, 'stolen');
      const run = await enqueue(store, org, connectionId);
      let aborted = false;
      const worker = new Worker({
        store,
        leaseMs: 2000,
        heartbeatMs: 50,
        execute: (_run, ctx) =>
          new Promise((resolve) => {
            ctx.signal.addEventListener('abort', () => {
              aborted = true;
              resolve(succeeded('late'));
            });
          }),
      });
      const working = worker.tick();
      await until(async () => (await store.runs.get(org, run.id))?.status === 'running', 5000, 'running');
      await store.db
        .updateTable('runs')
        .set({ lease_owner: 'someone-else' })
        .where('id', '=', run.id)
        .execute();
      await working;
      assert.equal(aborted, true);
      const now = await store.runs.get(org, run.id);
      assert.equal(now?.status, 'running');
      assert.equal(now?.leaseOwner, 'someone-else');
      await store.db.updateTable('runs').set({ status: 'cancelled' }).where('id', '=', run.id).execute();
    });

    test('one connection never has two running runs, whatever the number of workers', async () => {
      const connectionId = await bareConnection(store, org, 'serial');
      await enqueue(store, org, connectionId);
      await enqueue(store, org, connectionId);
      let running = 0;
      let peak = 0;
      const execute: RunExecutor = async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(150);
        running--;
        return succeeded();
      };
      const workers = [1, 2, 3].map(() => new Worker({ store, execute, leaseMs: 5000 }));
      await Promise.all(workers.map((w) => w.tick()));
      await Promise.all(workers.map((w) => w.tick()));
      assert.equal(peak, 1);
      const runs = await store.runs.listForConnection(org, connectionId, 1, 10);
      assert.deepEqual(
        runs.items.map((r) => r.status),
        ['succeeded', 'succeeded'],
      );
    });
  });
}
