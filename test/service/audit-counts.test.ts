/**
 * The audit log's stored counts (issue 13 item 4, migration 0410), on both stores: after every way
 * the log is written — batches in a transaction, single appends, a plain INSERT — and after pruning,
 * the counts per hour, day and month equal a recount of the events; every total and every page by
 * number (deep ones found through the counts) equals a plain read of the table, for filters and time
 * ranges that start and end inside hours, days and months.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import {
  type AuditEvent,
  type AuditQuery,
  type NewAuditEvent,
  openStore,
  type Store,
} from '../../src/store/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases.ts';
import { bareConnection } from './support/queue.ts';

const DAY_MS = 86_400_000;
const BASE = Date.parse('2026-01-30T21:17:00.000Z');
const ACTIONS = ['run.started', 'run.finished', 'run.item.retried', 'account.update', 'session.signed-in'];

/** A recount of the events, as the stored counts should hold them. */
const RECOUNT = `
  select organisation_id, level, substr(at, 1, level) as bucket, coalesce(connection_id, '') as connection_id,
         action, outcome, coalesce(actor_id, '') as actor_id, actor_name, count(*) as n
  from audit_events cross join (select 7 as level union all select 10 union all select 13) l
  group by 1, 2, 3, 4, 5, 6, 7, 8`;
const STORED = `select organisation_id, level, bucket, connection_id, action, outcome, actor_id, actor_name, n
  from audit_event_counts`;

for (const dialect of DIALECTS) {
  describe(`audit log counts on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let org: string;
    let other: string;
    let connections: string[];

    const rowsOf = async (query: string) =>
      (await sql.raw<Record<string, unknown>>(query).execute(store.db)).rows
        .map((r) => JSON.stringify(Object.values({ ...r, level: Number(r.level), n: Number(r.n) })))
        .sort();
    const assertCountsRight = async (when: string) => {
      const stored = await rowsOf(STORED);
      assert.ok(stored.length > 0, `${when}: some counts`);
      assert.deepEqual(stored, await rowsOf(RECOUNT), `${when}: the stored counts are a recount`);
    };

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
      // 4,000 events over about ten weeks, across two month ends, in bursts: quiet hours, busy hours
      // (hundreds of events), empty days.
      let t = BASE;
      let seed = 7;
      const next = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed / 2_147_483_648;
      };
      const events: (NewAuditEvent & { at: string })[] = [];
      for (let i = 0; i < 4_000; i++) {
        const r = next();
        t += r < 0.6 ? Math.floor(next() * 5_000) : r < 0.97 ? Math.floor(next() * 3_600_000) : DAY_MS;
        events.push({
          organisationId: i % 11 === 0 ? other : org,
          actor:
            i % 4 === 0
              ? { type: 'user', id: 'u-1', name: 'Petra@Example.com' }
              : i % 9 === 0
                ? { type: 'token', id: 't-1', name: 'deploy' }
                : i % 13 === 0
                  ? // Another token of the same name: the filter `t-1` must not match it.
                    { type: 'token', id: 't-2', name: 'deploy' }
                  : { type: 'system', id: null, name: 'scheduler' },
          action: ACTIONS[Math.floor(next() * ACTIONS.length)] as string,
          outcome: next() < 0.2 ? 'failure' : 'success',
          connectionId: i % 7 === 0 ? null : (connections[i % 2] as string),
          runId: `run-${i % 5}`,
          person: `${1000 + (i % 40)}`,
          message: `event ${i}`,
          at: new Date(t).toISOString(),
        });
      }
      for (let i = 0; i < 3_000; i += 1_000)
        await store.transaction((trx) => trx.audit.appendMany(events.slice(i, i + 1_000)));
      await store.audit.appendMany(events.slice(3_000, 3_900));
      for (const e of events.slice(3_900)) await store.audit.append(e);
    });
    after(async () => {
      await store?.close();
      await database?.dispose();
    });

    const reference = async (match: (e: AuditEvent) => boolean): Promise<string[]> =>
      (await store.audit.all(org, {}, 1_000_000))
        .filter(match)
        .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
        .map((e) => e.id);

    test('after batches, single appends and a plain INSERT, the stored counts are a recount', async () => {
      await assertCountsRight('after seeding');
      await sql`insert into audit_events (id, organisation_id, at, actor_type, actor_id, actor_name, action,
        outcome, message, details) values ('by-hand', ${org}, '2026-02-11T08:30:00.000Z', 'system', null,
        'scheduler', 'run.finished', 'success', 'written without the repository', '{}')`.execute(store.db);
      await assertCountsRight('after a plain insert');
      // A refused delete changes nothing.
      await assert.rejects(
        sql`delete from audit_events where id = 'by-hand'`.execute(store.db),
        /append-only/,
      );
      await assertCountsRight('after a refused delete');
    });

    const at = (iso: string) => Date.parse(iso);
    const FILTERS: [string, AuditQuery, (e: AuditEvent) => boolean][] = [
      ['everything', {}, () => true],
      ['a prefix of actions', { action: 'run.' }, (e) => e.action.startsWith('run.')],
      ['a deeper prefix', { action: 'run.item.' }, (e) => e.action.startsWith('run.item.')],
      ['one action', { action: 'account.update' }, (e) => e.action === 'account.update'],
      [
        'an outcome and a connection',
        { outcome: 'failure', connectionId: 'CONNECTION' },
        (e) => e.outcome === 'failure' && e.connectionId === 'CONNECTION',
      ],
      [
        'an actor by name or id',
        { actor: 'PETRA' },
        (e) => e.actor.name.toLowerCase().includes('petra') || e.actor.id === 'PETRA',
      ],
      ['an actor by id', { actor: 't-1' }, (e) => e.actor.id === 't-1'],
      ['an actor by name, two ids', { actor: 'deplo' }, (e) => e.actor.name === 'deploy'],
      ["a part of several actors' names", { actor: 'e' }, (e) => e.actor.name.toLowerCase().includes('e')],
      ['an actor nobody is', { actor: 'nobody' }, () => false],
      [
        'from, inside an hour',
        { from: '2026-02-03T10:21:33.123Z' },
        (e) => at(e.at) >= at('2026-02-03T10:21:33.123Z'),
      ],
      [
        'to, with an offset',
        { to: '2026-03-02T01:05:00+01:00' },
        (e) => at(e.at) < at('2026-03-02T00:05:00.000Z'),
      ],
      [
        'from and to across a month end',
        { from: '2026-01-31T23:59:59.999Z', to: '2026-03-01T00:00:00.001Z', action: 'run.' },
        (e) =>
          at(e.at) >= at('2026-01-31T23:59:59.999Z') &&
          at(e.at) < at('2026-03-01T00:00:00.001Z') &&
          e.action.startsWith('run.'),
      ],
      [
        'from and to within a day',
        { from: '2026-02-02T02:10:00.000Z', to: '2026-02-02T12:30:00.000Z' },
        (e) => at(e.at) >= at('2026-02-02T02:10:00.000Z') && at(e.at) < at('2026-02-02T12:30:00.000Z'),
      ],
      [
        'from and to within an hour',
        { from: '2026-02-02T06:05:00.000Z', to: '2026-02-02T06:55:00.000Z' },
        (e) => at(e.at) >= at('2026-02-02T06:05:00.000Z') && at(e.at) < at('2026-02-02T06:55:00.000Z'),
      ],
      ['a run (counted from its index)', { runId: 'run-2' }, (e) => e.runId === 'run-2'],
    ];

    for (const [name, query, match] of FILTERS) {
      test(`${name}: the total and every page by number are a plain read's`, async () => {
        const q: AuditQuery =
          query.connectionId === 'CONNECTION' ? { ...query, connectionId: connections[1] as string } : query;
        const m =
          query.connectionId === 'CONNECTION'
            ? (e: AuditEvent) =>
                match({ ...e, connectionId: e.connectionId === connections[1] ? 'CONNECTION' : null })
            : match;
        const ids = await reference(m);
        if (name !== 'an actor nobody is') assert.ok(ids.length > 0, `some events (${ids.length})`);
        assert.equal(await store.audit.countOf(org, q), ids.length);
        for (const size of [50, 23]) {
          const last = Math.ceil(ids.length / size);
          for (let page = 1; page <= last + 1; page++) {
            const got = await store.audit.list(org, q, page, size);
            assert.equal(got.total, ids.length, `the total on page ${page} of ${size}`);
            assert.deepEqual(
              got.items.map((e) => e.id),
              ids.slice((page - 1) * size, page * size),
              `page ${page} of ${size}`,
            );
          }
        }
      });
    }

    test('pruning in small batches keeps the counts a recount, and the totals right', async () => {
      const cutoff = Date.parse('2026-03-14T13:30:00.000Z');
      // The pruner's clock so that `auditDays` ago is the cutoff.
      const pruner = store.withClock({ now: () => new Date(cutoff + 30 * DAY_MS).toISOString() });
      await store.retention.set(org, { runItemDays: 90, keepRuns: 10, auditDays: 30 });
      const othersBefore = await store.audit.countOf(other, {});
      let batches = 0;
      while ((await pruner.retention.prune(97)).auditEvents > 0) batches += 1;
      assert.ok(batches > 3, `pruned in batches (${batches})`);
      await assertCountsRight('after pruning');
      const ids = await reference(() => true);
      assert.ok(ids.length > 1_000, `events are left (${ids.length})`);
      assert.equal(await store.audit.countOf(org, {}), ids.length);
      assert.equal(await store.audit.countOf(org, { to: '2026-03-14T13:30:00.000Z' }), 0);
      assert.equal(await store.audit.countOf(other, {}), othersBefore);
      const deep = Math.ceil(ids.length / 50) - 1;
      assert.deepEqual(
        (await store.audit.list(org, {}, deep, 50)).items.map((e) => e.id),
        ids.slice((deep - 1) * 50, deep * 50),
      );
    });
  });
}
