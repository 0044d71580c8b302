/**
 * The audit log at scale, on both stores (issue 13): account-write events are stored in batches,
 * each batch one transaction, keeping each event's own time; any page — the first, a deep one by
 * page number, or the next one by keyset cursor — returns exactly the rows a full sort would, for
 * every filter the API offers; the total comes from the stored counts, kept by the database.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { RunItem } from '../../src/core/index.ts';
import { AccountAuditBatch } from '../../src/jobs/account-audit.ts';
import {
  type AuditEvent,
  type AuditQuery,
  type NewAuditEvent,
  openStore,
  type Store,
} from '../../src/store/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases.ts';
import { bareConnection, enqueue, until } from './support/queue.ts';

const ACTIONS = [
  'run.queued',
  'run.started',
  'run.finished',
  'account.update',
  'account.create',
  'session.signed-in',
];
const EVENTS = 2_600;
const BASE = Date.parse('2026-01-01T00:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`audit log on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let org: string;
    let other: string;
    let connections: string[];
    let seeded: (NewAuditEvent & { at: string })[];

    before(async () => {
      database = await createTestDatabase(dialect);
      store = await openStore({
        databaseUrl: database.databaseUrl,
        sqliteFile: database.sqliteFile,
        secretKey: randomBytes(32),
      });
      org = (await store.organisations.create('Org')).id;
      other = (await store.organisations.create('Other')).id;
      connections = [await bareConnection(store, org, 'a'), await bareConnection(store, org, 'b')];
      // Many events share a millisecond, so the id decides their order within it.
      seeded = Array.from({ length: EVENTS }, (_, i) => ({
        organisationId: i % 13 === 0 ? other : org,
        actor:
          i % 5 === 0
            ? { type: 'user' as const, id: 'u-1', name: 'Petra@Example.com' }
            : { type: 'system' as const, id: null, name: 'scheduler' },
        action: ACTIONS[i % ACTIONS.length] as string,
        outcome: i % 7 === 0 ? ('failure' as const) : ('success' as const),
        connectionId: connections[i % 2] as string,
        runId: `run-${i % 4}`,
        person: `${1000 + (i % 50)}`,
        message: `event ${i}`,
        at: new Date(BASE + Math.floor(i / 3) * 1000).toISOString(),
      }));
      await store.transaction((trx) => trx.audit.appendMany(seeded));
    });
    after(async () => {
      await store?.close();
      await database?.dispose();
    });

    /** Every matching event of `org`, in the log's order, from a plain read of the table. */
    const reference = async (match: (e: AuditEvent) => boolean): Promise<string[]> => {
      const rows = (await store.audit.all(org, {}, 1_000_000)).filter(match);
      return [...rows]
        .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
        .map((e) => e.id);
    };

    const FILTERS: [string, AuditQuery, (e: AuditEvent) => boolean][] = [
      ['everything', {}, () => true],
      ['a prefix of actions', { action: 'run.' }, (e) => e.action.startsWith('run.')],
      ['one action', { action: 'account.update' }, (e) => e.action === 'account.update'],
      ['an outcome', { outcome: 'failure' }, (e) => e.outcome === 'failure'],
      ['a person', { person: '1007' }, (e) => e.person === '1007'],
      ['a run', { runId: 'run-3' }, (e) => e.runId === 'run-3'],
      ['an actor by name', { actor: 'petra' }, (e) => e.actor.name.toLowerCase().includes('petra')],
      [
        'a time range',
        { from: new Date(BASE + 100_000).toISOString(), to: new Date(BASE + 500_000).toISOString() },
        (e) =>
          e.at >= new Date(BASE + 100_000).toISOString() && e.at < new Date(BASE + 500_000).toISOString(),
      ],
    ];

    for (const [name, q, match] of FILTERS) {
      test(`${name}: page 1, a deep page and the cursor walk hold exactly the right rows`, async () => {
        const ids = await reference(match);
        assert.ok(ids.length > 20, `the seed gives ${name} enough rows (${ids.length})`);
        const size = 10;
        const last = Math.ceil(ids.length / size);
        const first = await store.audit.list(org, q, 1, size);
        assert.equal(first.total, ids.length);
        assert.deepEqual(
          first.items.map((e) => e.id),
          ids.slice(0, size),
        );
        const deep = await store.audit.list(org, q, last - 1, size);
        assert.deepEqual(
          deep.items.map((e) => e.id),
          ids.slice((last - 2) * size, (last - 1) * size),
        );
        // The keyset walk: each cursor leads to the next slice; the last page has no cursor.
        const walked: string[] = [];
        let page = first;
        let pages = 1;
        walked.push(...page.items.map((e) => e.id));
        while (page.nextCursor !== null) {
          page = await store.audit.list(org, q, 1, size, page.nextCursor);
          pages += 1;
          assert.equal(page.page, pages);
          assert.equal(page.total, ids.length);
          walked.push(...page.items.map((e) => e.id));
        }
        assert.deepEqual(walked, ids);
        assert.equal(pages, last);
      });
    }

    // Deep pages by number start from the hour that holds their offset (the stored counts, 0410):
    // every page of these filters, read by number, must be exactly its slice of the reference.
    for (const [name, q, match] of FILTERS.filter(
      ([, q]) => Object.keys(q).length === 0 || q.action === 'run.',
    )) {
      test(`${name}: every page by number, across the stored counts, holds exactly its slice`, async () => {
        const ids = await reference(match);
        for (const size of [7, 50]) {
          const last = Math.ceil(ids.length / size);
          for (let page = 1; page <= last + 1; page++) {
            const got = await store.audit.list(org, q, page, size);
            assert.equal(got.total, ids.length);
            assert.deepEqual(
              got.items.map((e) => e.id),
              ids.slice((page - 1) * size, page * size),
              `page ${page} of ${size}`,
            );
          }
        }
      });
    }

    test('the connection filter, and no other organisation leaks in', async () => {
      const connectionId = connections[1] as string;
      const ids = await reference((e) => e.connectionId === connectionId);
      const page = await store.audit.list(org, { connectionId }, 3, 25);
      assert.deepEqual(
        page.items.map((e) => e.id),
        ids.slice(50, 75),
      );
      const theirs = await store.audit.list(other, {}, 1, 500);
      assert.equal(theirs.total, seeded.filter((e) => e.organisationId === other).length);
      assert.ok(theirs.items.every((e) => e.organisationId === other));
    });

    test('the total is kept current without recounting: new events, late batches, pruning', async () => {
      const before = await store.audit.list(org, { action: 'run.' }, 1, 5);
      const now = new Date().toISOString();
      const late = new Date(Date.now() - 60_000).toISOString();
      await store.audit.appendMany([
        { ...(seeded[1] as NewAuditEvent), organisationId: org, action: 'run.finished', at: now },
        // A batch stored after the event it records: its time lies before newer events.
        { ...(seeded[1] as NewAuditEvent), organisationId: org, action: 'run.started', at: late },
        { ...(seeded[1] as NewAuditEvent), organisationId: org, action: 'account.update', at: now },
      ]);
      const after = await store.audit.list(org, { action: 'run.' }, 1, 5);
      assert.equal(after.total, before.total + 2);
      // Retention removes the oldest events: the count starts again.
      await store.retention.set(org, { runItemDays: 90, keepRuns: 10, auditDays: 30 });
      while ((await store.retention.prune(500)).auditEvents > 0);
      const pruned = await store.audit.list(org, { action: 'run.' }, 1, 5);
      assert.equal(pruned.total, 2);
    });

    test('a cursor that was not handed out is refused with a clear 400', async () => {
      for (const bad of ['nonsense', Buffer.from('[1,2]').toString('base64url')]) {
        await assert.rejects(store.audit.list(org, {}, 1, 10, bad), (e: Error & { code?: string }) => {
          assert.equal(e.code, 'HRS_VALIDATION');
          assert.match(e.message, /cursor/);
          return true;
        });
      }
    });

    if (dialect === 'sqlite') {
      test('each filter reads a deep page from an index, not the table', async () => {
        const plan = async (query: string) =>
          (await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(store.db)).rows
            .map((r) => r.detail)
            .join(' | ');
        const o = `organisation_id = '${org}'`;
        for (const [where, index] of [
          ['', 'audit_events_by_time'],
          [`and action >= 'run.' and action < 'run/'`, 'audit_events_by_action'],
          [`and substr(action, 1, instr(action, '.')) = 'run.'`, 'audit_events_by_action_category'],
          [`and outcome = 'failure'`, 'audit_events_by_outcome'],
          [`and person = '1007'`, 'audit_events_by_person'],
          [`and run_id = 'run-1'`, 'audit_events_by_run'],
          [`and connection_id = 'x'`, 'audit_events_by_connection'],
          [`and actor_name = 'scheduler'`, 'audit_events_by_actor_name'],
        ] as const) {
          const p = await plan(
            `select id from audit_events where ${o} ${where} order by at desc, id desc limit 50 offset 5000`,
          );
          assert.match(p, new RegExp(`USING COVERING INDEX ${index}`), `${where}: ${p}`);
          if (where !== `and action >= 'run.' and action < 'run/'`)
            assert.doesNotMatch(p, /TEMP B-TREE/, `${where} needs no sort: ${p}`);
        }
      });
    }

    test('account writes are audited in batches, each one transaction, each event at its own time', async () => {
      const connectionId = connections[0] as string;
      const run = await enqueue(store, org, connectionId, { kind: 'sync' });
      const batch = new AccountAuditBatch(
        store,
        run,
        { connectionId, connectionName: 'a', tenantId: null },
        {
          maxEvents: 200,
          maxDelayMs: 50,
        },
      );
      const item = (n: number): RunItem => ({
        employeeNumber: `${n}`,
        displayName: `Person ${n}`,
        action: n % 2 ? 'update' : 'create',
        status: 'success',
        accountId: `acc-${n}`,
        changes: [{ attribute: 'department', old: 'A', new: 'B' }],
        steps: [],
        error: null,
      });
      for (let n = 0; n < 450; n++) batch.add(item(n));
      // The last 50 go out after maxDelayMs by themselves, without close(): wait until all 450 are
      // stored (a generous bound, not a timed assertion), and the total counted meanwhile — some
      // counts straddle a batch's commit — must then be exact.
      await until(
        async () => (await store.audit.list(org, { runId: run.id }, 1, 500)).items.length === 450,
        120_000,
        'the timer to store the last 50 events',
      );
      const stored = await store.audit.list(org, { runId: run.id }, 1, 500);
      assert.equal(stored.total, 450);
      batch.add(item(450));
      assert.deepEqual(await batch.close(), { events: 451, batches: 4 });
      const events = await store.audit.all(org, { runId: run.id }, 1000);
      assert.equal(events.length, 451);
      const jan = events.find((e) => e.person === '7');
      assert.equal(jan?.action, 'account.update');
      assert.deepEqual(jan?.details, {
        accountId: 'acc-7',
        changes: [{ attribute: 'department', old: 'A', new: 'B' }],
      });
    });
  });
}
