/**
 * Serve's API and its run thread each have a connection to the SQLite file. While one holds the
 * write lock, the other's writes wait for it without stopping their thread's event loop (issue 13:
 * a scheduler tick or an API write must not freeze every request for as long as a run's
 * transaction lasts), and then succeed.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase, type TestDatabase } from './support/databases.ts';

describe('SQLite: waiting for the other connection’s write lock', () => {
  let database: TestDatabase;
  let store: Store;
  let other: SQLite.Database;

  before(async () => {
    database = await createTestDatabase('sqlite');
    store = await openStore({ sqliteFile: database.sqliteFile, secretKey: randomBytes(32) });
    other = new SQLite(database.sqliteFile as string);
  });
  after(async () => {
    other?.close();
    await store?.close();
    await database?.dispose();
  });

  test('a write waits with the event loop running, and lands once the lock is released', async () => {
    const events: string[] = [];
    other.exec('begin immediate');
    other
      .prepare('insert into organisations (id, name, created_at, time_zone) values (?, ?, ?, ?)')
      .run('held', 'Held by the other connection', new Date().toISOString(), 'Europe/Amsterdam');
    const write = store
      .transaction(async (tx) => tx.organisations.create('Waiting'))
      .then((organisation) => {
        events.push('write done');
        return organisation;
      });
    // The loop turns while the write waits: timers and I/O callbacks still run.
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        events.push('loop turned');
        resolve();
      }, 20),
    );
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(events, ['loop turned'], 'the write waited for the lock');
    other.exec('commit');
    events.push('lock released');
    const organisation = await write;
    assert.deepEqual(events, ['loop turned', 'lock released', 'write done']);
    assert.equal((await store.organisations.get(organisation.id))?.name, 'Waiting');
    assert.equal((await store.organisations.get('held'))?.name, 'Held by the other connection');
  });

  test('a read is not held up by the other connection’s open write transaction (WAL)', async () => {
    other.exec('begin immediate');
    try {
      const held = await store.organisations.get('held');
      assert.equal(held?.name, 'Held by the other connection');
    } finally {
      other.exec('commit');
    }
  });
});
