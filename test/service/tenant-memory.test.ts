/**
 * The run thread's decoded tenant caches (src/store/tenant-memory.ts): a copy is used only while the
 * database holds that very cache. Another process's write, a rolled-back write, another connection,
 * the bound: each must lead to the rows, never to a stale copy. And end to end on both stores: syncs
 * through the memory make zero writes once in step and follow the tenant's changes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Account } from '../../src/core/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { TenantMemory } from '../../src/store/tenant-memory.ts';
import { company, tenant } from '../engine/company.ts';
import { startStack } from '../engine/stack.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases.ts';
import { bareConnection } from './support/queue.ts';

const STATE = { lastSourceCount: 2, targetCursor: 'cursor-1', accountAttributes: ['mail'] } as const;
const account = (id: string, mail: string): Account => ({ id, attributes: { mail, tags: ['a'] } });
const byId = (accounts: readonly Account[] | null) =>
  [...(accounts ?? [])].sort((a, b) => a.id.localeCompare(b.id)).map((a) => [a.id, a.attributes]);

test('the memory holds at most its bound, least recently used connection first', () => {
  const memory = new TenantMemory(3);
  const two = (p: string) => new Map([`${p}1`, `${p}2`].map((id) => [id, account(id, `${id}@x.nl`)]));
  const a = two('a');
  memory.put('A', 'g1', a);
  const b = two('b');
  memory.put('B', 'g1', b);
  assert.equal(memory.size, 2, 'A went to make room for B');
  assert.equal(memory.get('A', 'g1'), null);
  assert.equal(memory.get('B', 'g1')?.length, 2);
  assert.equal(memory.get('B', 'g2'), null, 'only for exactly its generation');
  const big = new Map(['1', '2', '3', '4'].map((id) => [id, account(id, 'm')]));
  memory.put('C', 'g1', big);
  assert.equal(memory.get('C', 'g1'), null, 'a tenant over the bound is not held');
  const held = memory.get('B', 'g1')?.[0];
  assert.equal(held, b.get('b1'), 'held accounts are handed out as they are');
  // Frozen accounts have hidden classes of their own: the plan's attribute loads would meet both kinds.
  assert.ok(held && !Object.isFrozen(held) && !Object.isFrozen(held.attributes), 'not frozen');
});

for (const dialect of DIALECTS) {
  describe(`tenant memory on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let other: Store;
    let org: string;
    before(async () => {
      database = await createTestDatabase(dialect);
      const open = () =>
        openStore({
          databaseUrl: database.databaseUrl,
          sqliteFile: database.sqliteFile,
          secretKey: Buffer.alloc(32, 7),
        });
      store = (await open()).withTenantMemory(1000);
      // Another worker process on the same database.
      other = await open();
      org = (await store.organisations.create('Org')).id;
    });
    after(async () => {
      await store?.close();
      await other?.close();
      await database?.dispose();
    });

    test('a full write stores every character of every account as written', async () => {
      const connectionId = await bareConnection(store, org, 'characters');
      const written: Account[] = [
        { id: 'c1', attributes: { displayName: 'Zoë Müller-Ñúñez', mail: 'zoe@x.nl', tags: ['é', '😀'] } },
        { id: 'c2', attributes: { displayName: 'Ἀθῆναι "quoted" \\ back', mail: null, n: 3 } },
      ];
      await store.engineStore(connectionId).setState(STATE, { kind: 'replace', accounts: written });
      // Another process holds no copy: it reads the rows.
      assert.deepEqual(byId(await other.engineStore(connectionId).cachedAccounts()), byId(written));
    });

    test('a warm run gets the held copy; a write by another process is read from the rows', async () => {
      const connectionId = await bareConnection(store, org, 'warm');
      const first = [account('a1', 'jan@x.nl'), account('a2', 'piet@x.nl')];
      await store.engineStore(connectionId).setState(STATE, { kind: 'replace', accounts: first });
      const warm = store.engineStore(connectionId);
      await warm.getState();
      const held = await warm.cachedAccounts();
      assert.ok(held?.includes(first[0] as Account), 'the very objects of the last write, not decoded again');

      // Another process runs the connection: one account changed, one removed, one added.
      await other.engineStore(connectionId).setState(STATE, {
        kind: 'changes',
        accounts: [account('a1', 'jan.nieuw@x.nl'), account('a3', 'kees@x.nl')],
        removedIds: ['a2'],
      });
      const next = store.engineStore(connectionId);
      await next.getState();
      const read = await next.cachedAccounts();
      assert.deepEqual(byId(read), byId(await other.engineStore(connectionId).cachedAccounts()));
      assert.deepEqual(
        byId(read).map(([id]) => id),
        ['a1', 'a3'],
      );
      assert.ok(!read?.includes(first[0] as Account), 'not the stale copy');
    });

    test('changes applied through the memory leave it equal to the rows', async () => {
      const connectionId = await bareConnection(store, org, 'changes');
      const engine = () => store.engineStore(connectionId);
      await engine().setState(STATE, {
        kind: 'replace',
        accounts: [account('a1', 'a@x.nl'), account('a2', 'b@x.nl'), account('a3', 'c@x.nl')],
      });
      for (let round = 0; round < 3; round++) {
        const e = engine();
        await e.getState();
        assert.ok(await e.cachedAccounts());
        await e.setState(STATE, {
          kind: 'changes',
          accounts: [account(`n${round}`, `n${round}@x.nl`), account('a1', `a${round}@x.nl`)],
          removedIds: round === 1 ? ['a2'] : [],
        });
        assert.deepEqual(
          byId(await engine().cachedAccounts()),
          byId(await other.engineStore(connectionId).cachedAccounts()),
        );
      }
      // A state written without a cache change keeps the copy (under a new generation).
      await engine().setState(STATE);
      assert.equal((await engine().cachedAccounts())?.length, 5);
    });

    test('a write rolled back with its transaction is not served', async () => {
      const connectionId = await bareConnection(store, org, 'rollback');
      await store
        .engineStore(connectionId)
        .setState(STATE, { kind: 'replace', accounts: [account('a1', 'old@x.nl')] });
      await store.engineStore(connectionId).cachedAccounts();
      await assert.rejects(
        store.transaction(async (trx) => {
          await trx
            .engineStore(connectionId)
            .setState(STATE, { kind: 'changes', accounts: [account('a1', 'new@x.nl')], removedIds: [] });
          throw new Error('the caller fails after the write');
        }),
        /the caller fails/,
      );
      assert.deepEqual(byId(await store.engineStore(connectionId).cachedAccounts()), [
        ['a1', { mail: 'old@x.nl', tags: ['a'] }],
      ]);
      // A failed write of the engine's own (two accounts with one id) leaves the rows, and only them.
      await assert.rejects(
        store
          .engineStore(connectionId)
          .setState(STATE, { kind: 'replace', accounts: [account('b1', 'x'), account('b1', 'y')] }),
      );
      assert.deepEqual(
        byId(await store.engineStore(connectionId).cachedAccounts()).map(([id]) => id),
        ['a1'],
      );
    });

    test("never another connection's accounts, nor another database's", async () => {
      const a = await bareConnection(store, org, 'A');
      const b = await bareConnection(store, org, 'B');
      await store.engineStore(a).setState(STATE, { kind: 'replace', accounts: [account('a1', 'a@x.nl')] });
      await store.engineStore(b).setState(STATE, { kind: 'replace', accounts: [account('b1', 'b@x.nl')] });
      assert.deepEqual(
        byId(await store.engineStore(a).cachedAccounts()).map(([id]) => id),
        ['a1'],
      );
      assert.deepEqual(
        byId(await store.engineStore(b).cachedAccounts()).map(([id]) => id),
        ['b1'],
      );
      const elsewhere = await createTestDatabase(dialect);
      const third = (
        await openStore({
          databaseUrl: elsewhere.databaseUrl,
          sqliteFile: elsewhere.sqliteFile,
          secretKey: randomBytes(32),
        })
      ).withTenantMemory(1000);
      try {
        assert.deepEqual(await third.engineStore(a).cachedAccounts(), []);
      } finally {
        await third.close();
        await elsewhere.dispose();
      }
    });

    test('syncs through the memory: zero writes once in step, and the tenant changes are followed', async () => {
      const connectionId = await bareConnection(store, org, 'stack');
      const jan = {
        n: '1001',
        given: 'Jan',
        family: 'Jansen',
        jobs: [{ start: '2020-01-01', title: 'Monteur' }],
      };
      const eva = {
        n: '1002',
        given: 'Eva',
        family: 'Smit',
        jobs: [{ start: '2021-03-01', title: 'Planner' }],
      };
      const stack = await startStack(company([jan, eva]), tenant());
      try {
        stack.store = store.engineStore(connectionId);
        const first = await stack.run('sync');
        assert.equal(first.actionCounts.create, 2);
        stack.store = store.engineStore(connectionId);
        const writes = stack.graphWrites();
        const again = await stack.run('sync');
        assert.equal(again.actionCounts['no-change'], 2);
        assert.equal(stack.graphWrites(), writes, 'a re-sync with no change writes nothing');
        // HR changes a title: the sync updates it; the next one reads the update by delta and is quiet.
        await stack.setAfas(
          company([{ ...jan, jobs: [{ start: '2020-01-01', title: 'Chef monteur' }] }, eva]),
        );
        stack.store = store.engineStore(connectionId);
        assert.equal((await stack.run('sync')).actionCounts.update, 1);
        const updated = stack.graphWrites();
        stack.store = store.engineStore(connectionId);
        const quiet = await stack.run('sync');
        assert.equal(quiet.actionCounts['no-change'], 2);
        assert.equal(stack.graphWrites(), updated);
        const held = await store.engineStore(connectionId).cachedAccounts();
        // Rows are parsed into new objects each time; the memory hands out the ones it holds.
        const heldAgain = await store.engineStore(connectionId).cachedAccounts();
        assert.ok(
          held !== null && held.length > 0 && held.every((a, i) => a === heldAgain?.[i]),
          'the memory was used',
        );
        assert.deepEqual(byId(held), byId(await other.engineStore(connectionId).cachedAccounts()));
      } finally {
        await stack.close();
      }
    });
  });
}
