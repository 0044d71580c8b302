import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openStore, type Run, type Store } from '../../src/store/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases.ts';

const key = randomBytes(32);
let clockNow = '2026-01-01T10:00:00.000Z';
const clock = { now: () => clockNow };

for (const dialect of DIALECTS) {
  describe(`store on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let organisationId: string;
    let connectionId: string;

    before(async () => {
      database = await createTestDatabase(dialect);
      store = await openStore({
        databaseUrl: database.databaseUrl,
        sqliteFile: database.sqliteFile,
        secretKey: key,
        clock,
      });
      organisationId = (await store.organisations.create('Org')).id;
      const connection = await store.connections.create({
        organisationId,
        tenantId: null,
        name: 'c1',
        description: '',
        destinationType: 'cloud',
        config: {},
        progress: 0,
      });
      connectionId = connection.id;
    });
    after(async () => {
      await store?.close();
      await database?.dispose();
    });

    test('migrations are idempotent and the same key reopens the database', async () => {
      const again = await openStore({
        databaseUrl: database.databaseUrl,
        sqliteFile: database.sqliteFile,
        secretKey: key,
      });
      await again.close();
    });

    test('a different secret key is refused at start', async () => {
      await assert.rejects(
        openStore({
          databaseUrl: database.databaseUrl,
          sqliteFile: database.sqliteFile,
          secretKey: randomBytes(32),
        }),
        /secret key does not match/,
      );
    });

    test('secrets are sealed: ciphertext hides the value and is bound to its row', async () => {
      const id = await store.secrets.put(organisationId, 'very-secret-token-123');
      assert.equal(await store.secrets.reveal(organisationId, id), 'very-secret-token-123');
      const row = await store.db
        .selectFrom('secrets')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.ok(!row.ciphertext.includes('very-secret'));
      assert.equal(await store.secrets.reveal('another-org', id), null);
      const other = await store.secrets.put(organisationId, 'x');
      await store.db
        .updateTable('secrets')
        .set({ ciphertext: row.ciphertext })
        .where('id', '=', other)
        .execute();
      await assert.rejects(store.secrets.reveal(organisationId, other));
    });

    test('the database refuses to update or delete audit events', async () => {
      const event = await store.audit.append({
        organisationId,
        actor: { type: 'system', id: null, name: 'test' },
        action: 'connection.created',
        outcome: 'success',
        message: 'x',
      });
      await assert.rejects(
        store.db
          .updateTable('audit_events')
          .set({ message: 'rewritten' })
          .where('id', '=', event.id)
          .execute(),
        /append-only/,
      );
      await assert.rejects(
        store.db.deleteFrom('audit_events').where('id', '=', event.id).execute(),
        /append-only/,
      );
    });

    test('the database refuses a second running run for one connection', async () => {
      const base = {
        organisationId,
        connectionId,
        kind: 'sync' as const,
        employeeNumber: null,
        requestedBy: 't',
        configHash: null,
        maxAttempts: 2,
      };
      const a = await store.runs.enqueue(base);
      const b = await store.runs.enqueue(base);
      await store.db.updateTable('runs').set({ status: 'running' }).where('id', '=', a.id).execute();
      await assert.rejects(
        store.db.updateTable('runs').set({ status: 'running' }).where('id', '=', b.id).execute(),
      );
      await store.db
        .updateTable('runs')
        .set({ status: 'cancelled' })
        .where('id', 'in', [a.id, b.id])
        .execute();
    });

    test('claim takes the oldest queued run, never two of one connection; leases expire into a re-queue then a failure', async () => {
      clockNow = '2026-01-01T10:00:00.000Z';
      const base = {
        organisationId,
        connectionId,
        kind: 'sync' as const,
        employeeNumber: null,
        requestedBy: 't',
        configHash: null,
        maxAttempts: 2,
      };
      const first = await store.runs.enqueue(base);
      clockNow = '2026-01-01T10:00:01.000Z';
      const second = await store.runs.enqueue(base);
      const claimed = await store.runQueue.claim('w1', 30_000);
      assert.equal(claimed?.id, first.id);
      assert.equal(claimed?.attempt, 1);
      assert.equal(
        await store.runQueue.claim('w2', 30_000),
        null,
        'the connection already has a running run',
      );
      assert.deepEqual(await store.runQueue.heartbeat(first.id, 'w2', 30_000), {
        held: false,
        cancelRequested: false,
      });
      assert.equal((await store.runQueue.heartbeat(first.id, 'w1', 30_000)).held, true);

      clockNow = '2026-01-01T10:05:00.000Z';
      const sweep1 = await store.runQueue.expireLeases();
      assert.deepEqual(
        sweep1.requeued.map((r) => r.id),
        [first.id],
      );
      const again = await store.runQueue.claim('w2', 30_000);
      assert.equal(again?.id, first.id);
      assert.equal(again?.attempt, 2);
      assert.equal(
        await store.runQueue.finish(first.id, 'w1', result()),
        null,
        'the old owner lost the lease',
      );

      clockNow = '2026-01-01T10:10:00.000Z';
      const sweep2 = await store.runQueue.expireLeases();
      assert.deepEqual(
        sweep2.failed.map((r) => r.id),
        [first.id],
      );
      const failed = await store.runs.get(organisationId, first.id);
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.error?.code, 'HRS_RUN_INTERRUPTED');

      const next = await store.runQueue.claim('w3', 30_000);
      assert.equal(next?.id, second.id);
      const done = await store.runQueue.finish(second.id, 'w3', result());
      assert.equal(done?.status, 'succeeded');
      const items = await store.runItems.list(done as Run, {}, 'name', 1, 10);
      assert.equal(items.total, 1);
      assert.equal(items.items[0]?.displayName, 'Jan de Vries');
    });

    test('the engine store keeps links and state per connection', async () => {
      const engine = store.engineStore(connectionId);
      const link = {
        employeeNumber: '1001',
        accountId: 'a1',
        applied: { mail: 'x@y.nl' },
        linkedAt: clockNow,
        updatedAt: clockNow,
      };
      await engine.putLink(link);
      await engine.putLink({ ...link, accountId: 'a2' });
      assert.deepEqual(
        (await engine.links()).map((l) => l.accountId),
        ['a2'],
      );
      await engine.setState({
        lastSourceCount: 5,
        targetCursor: null,
        accountAttributes: null,
      });
      assert.equal((await engine.getState()).lastSourceCount, 5);
      await engine.removeLink('1001');
      assert.equal((await engine.links()).length, 0);
      const count = await sql<{ n: number }>`select count(*) as n from links`.execute(store.db);
      assert.equal(Number(count.rows[0]?.n), 0);
    });
  });
}

function result() {
  return {
    status: 'succeeded' as const,
    counts: null,
    sourceCount: 1,
    blockedReason: null,
    error: null,
    items: [
      {
        employeeNumber: '1001',
        displayName: 'Jan de Vries',
        action: 'create' as const,
        status: 'success' as const,
        accountId: 'a1',
        changes: [],
        steps: [],
        error: null,
      },
    ],
  };
}
