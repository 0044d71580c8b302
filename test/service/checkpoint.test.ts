/**
 * SQLite's write-ahead log, checkpointed after a run instead of inside its finishing commit
 * (Store.deferCheckpoints, as the run thread opens its store): the database file takes a large
 * transaction's pages only when `checkpoint()` runs, and then takes them all.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase, type TestDatabase } from './support/databases.ts';
import { bareConnection } from './support/queue.ts';

let database: TestDatabase;
const stores: Store[] = [];
before(async () => {
  database = await createTestDatabase('sqlite');
});
after(async () => {
  for (const s of stores) await s.close();
  await database?.dispose();
});

const open = async () => {
  const store = await openStore({ sqliteFile: database.sqliteFile, secretKey: Buffer.alloc(32, 3) });
  stores.push(store);
  return store;
};

/** A tenant cache of 3,000 accounts: well past the 1,000 pages at which a commit checkpoints. */
const bigWrite = async (store: Store, name: string) => {
  const org = (await store.organisations.create(name)).id;
  const connectionId = await bareConnection(store, org, name);
  const accounts = Array.from({ length: 3000 }, (_, i) => ({
    id: `${name}-${i}`,
    attributes: { displayName: `${'x'.repeat(1500)} ${i}` },
  }));
  await store
    .engineStore(connectionId)
    .setState(
      { lastSourceCount: 1, targetCursor: null, accountAttributes: null },
      { kind: 'replace', accounts },
    );
};

const fileBytes = () => statSync(database.sqliteFile as string).size;

test('a deferring connection leaves the log to checkpoint(); another connection checkpoints in its commit', async () => {
  const deferring = await open();
  await deferring.deferCheckpoints();
  const before = fileBytes();
  await bigWrite(deferring, 'deferred');
  assert.equal(fileBytes(), before, 'the commit did not copy the log into the database');
  await deferring.checkpoint();
  const after = fileBytes();
  assert.ok(after > before + 3000 * 1500, `checkpoint() copied it (${before} → ${after} bytes)`);

  const usual = await open();
  await bigWrite(usual, 'usual');
  assert.ok(fileBytes() > after + 3000 * 1500, 'a connection that does not defer checkpoints in its commit');
  // PostgreSQL has nothing to defer: both are no-ops there (the store suites run on it too).
});
