/**
 * Exports are written as they are read (src/api/exports.ts), over real HTTP against the real service
 * on both stores: the files are byte for byte what the whole-file exports gave (the same functions
 * over `store.runItems.all` / `store.audit.all`), across many batches; a client that goes away stops
 * the reading and frees the export's slot; an organisation gets 2 exports at once, the rest HRS_BUSY
 * with Retry-After; a store failure once bytes went out cuts the download off visibly.
 *
 * Two runs are held mid-export by a gate in front of the real store's page read (the store itself
 * is untouched): that is how the test knows a read is in progress when the client leaves, whatever
 * the kernel's socket buffers would absorb.
 */
import assert from 'node:assert/strict';
import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { toRunItemDto } from '../../src/api/dto/runs.ts';
import { AUDIT_COLUMNS, auditRow } from '../../src/api/routes/audit-events.ts';
import { reasonContext } from '../../src/api/run-item-export.ts';
import { namesIn } from '../../src/api/run-item-names.ts';
import {
  checkRunOperation,
  type Endpoint,
  exportAuditEventsCsv,
  exportRunItemsCsv,
  exportRunItemsJson,
  pathFor,
  signIn,
  stepText,
} from '../../src/contracts/index.ts';
import type { Action, ItemStatus, RunItem } from '../../src/core/index.ts';
import { runItemsToCsv, toSafeCsv } from '../../src/engine/index.ts';
import type { Run, RunItemQuery, RunItemSort } from '../../src/store/index.ts';
import { until } from '../support/until.ts';
import { DIALECTS } from './support/databases.ts';
import { bareConnection, enqueue, recordedRun } from './support/queue.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

const BATCH = 100;
const PERSONS = 1_000;

const FAMILIES = ['Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder'];
const GIVEN = ['Anna', 'Jan', 'Ömer', 'Zoë', 'Eva', 'Daan', 'Fleur', 'Çelik', 'Sem', 'Lotte'];

/** A run of `PERSONS` persons of every kind: unchanged, skipped, updates naming managers across batches, creates, failures. */
function items(seed: number): RunItem[] {
  return Array.from({ length: PERSONS }, (_, i): RunItem => {
    const n = String(10_000 + ((i * 7919 + seed) % PERSONS));
    const name = `${GIVEN[i % GIVEN.length]} ${FAMILIES[(i * 3) % FAMILIES.length]} ${i}`;
    const manager = String(10_000 + ((i * 31 + 17) % PERSONS));
    const kind = i % 10;
    const action: Action =
      kind < 4
        ? 'no-change'
        : kind < 7
          ? 'update'
          : kind === 7
            ? 'create'
            : kind === 8
              ? 'disable'
              : 'no-change';
    const status: ItemStatus =
      kind === 8 ? 'failed' : kind === 9 ? 'warning' : i % 13 === 0 ? 'skipped' : 'success';
    return {
      employeeNumber: n,
      displayName: name,
      action,
      status,
      accountId: action === 'create' ? null : `acc-${n}`,
      changes:
        action === 'update'
          ? [
              { attribute: 'manager', old: String(10_000 + ((i * 13) % PERSONS)), new: manager },
              { attribute: 'department', old: 'ICT', new: i % 2 ? '=Finance' : 'Sales' },
            ]
          : action === 'create'
            ? [{ attribute: 'displayName', old: null, new: name }]
            : [],
      steps:
        action === 'no-change' && status !== 'warning'
          ? []
          : [{ step: 'plan', status: status === 'failed' ? 'failed' : 'success', message: `plan for ${n}` }],
      error: status === 'failed' ? { code: 'HRS_TARGET_REFUSED', message: `refused ${n}` } : null,
    } as RunItem;
  });
}

const QUERIES: readonly { query: Record<string, string>; filter: RunItemQuery; sort: RunItemSort }[] = [
  { query: {}, filter: {}, sort: 'name' },
  { query: { sort: 'action' }, filter: {}, sort: 'action' },
  { query: { sort: 'status', status: 'success' }, filter: { status: 'success' }, sort: 'status' },
  { query: { q: 'jansen' }, filter: { q: 'jansen' }, sort: 'name' },
  { query: { changesOnly: 'true' }, filter: { changesOnly: true }, sort: 'name' },
  { query: { attribute: 'manager', sort: 'status' }, filter: { attribute: 'manager' }, sort: 'status' },
  { query: { action: 'no-change' }, filter: { action: 'no-change' }, sort: 'name' },
];

interface Download {
  readonly req: ClientRequest;
  readonly res: IncomingMessage;
  /** The body whole, or a rejection when the response was cut off. */
  readonly body: Promise<Buffer>;
  /** The first chunk of the body. */
  readonly first: Promise<Buffer>;
}

for (const dialect of DIALECTS) {
  describe(`exports written as read on ${dialect}`, () => {
    let svc: Service;
    let port = 0;
    let cookie = '';
    let otherCookie = '';
    const runs: Run[] = [];
    /** Page reads of each run; a run in `gates` waits there before every read after its first. */
    const reads = new Map<string, number>();
    /** The server's end of each connection, by the client's port. */
    const serverSockets = new Map<number, Socket>();
    const gates = new Map<string, { promise: Promise<void>; open: () => void }>();
    const gate = (runId: string) => {
      let open = () => {};
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      gates.set(runId, { promise, open });
      return () => {
        gates.delete(runId);
        open();
      };
    };

    const signedIn = async (who: 'viewer' | 'otherAdmin') => {
      const res = await fetch(`http://127.0.0.1:${port}${pathFor(signIn)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: svc.users[who].email, password: svc.users[who].password }),
      });
      assert.equal(res.status, 200);
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };

    const download = (
      endpoint: Endpoint,
      params: Record<string, string>,
      query: Record<string, string> = {},
      as = cookie,
    ): Promise<Download> =>
      new Promise((resolve, reject) => {
        const q = new URLSearchParams(query);
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: `${pathFor(endpoint, params)}${q.size ? `?${q}` : ''}`,
            headers: { cookie: as },
          },
          (res) => {
            const chunks: Buffer[] = [];
            let first: (b: Buffer) => void = () => {};
            const firstChunk = new Promise<Buffer>((r) => {
              first = r;
            });
            const body = new Promise<Buffer>((done, fail) => {
              res.on('data', (c: Buffer) => {
                if (chunks.length === 0) first(c);
                chunks.push(c);
              });
              res.on('end', () => (res.complete ? done(Buffer.concat(chunks)) : fail(new Error('cut off'))));
              res.on('error', fail);
              res.on('aborted', () => fail(new Error('cut off')));
            });
            body.catch(() => {});
            resolve({ req, res, body, first: firstChunk });
          },
        );
        req.on('error', reject);
        req.end();
      });

    const text = async (
      endpoint: Endpoint,
      params: Record<string, string>,
      query: Record<string, string> = {},
    ) => {
      const d = await download(endpoint, params, query);
      const body = (await d.body).toString('utf8');
      svc.responses.push({ operationId: endpoint.operationId, body });
      return { status: d.res.statusCode, headers: d.res.headers, body };
    };

    before(async () => {
      svc = await startService(dialect, { exportBatch: BATCH });
      await svc.app.listen({ host: '127.0.0.1', port: 0 });
      port = (svc.app.server.address() as AddressInfo).port;
      svc.app.server.on('connection', (socket: Socket) => {
        if (socket.remotePort !== undefined) serverSockets.set(socket.remotePort, socket);
      });
      cookie = await signedIn('viewer');
      otherCookie = await signedIn('otherAdmin');
      const connectionId = await bareConnection(svc.store, svc.organisationId, 'Exports');
      for (const seed of [1, 2, 3])
        runs.push(await recordedRun(svc.store, svc.organisationId, connectionId, items(seed)));
      await svc.store.audit.appendMany(
        Array.from({ length: 3 * BATCH + 7 }, (_, i) => ({
          organisationId: svc.organisationId,
          actor: { type: 'user' as const, id: svc.users.admin.id, name: i % 5 ? 'admin' : '@admin' },
          action: i % 2 ? 'connection.updated' : 'run.requested',
          outcome: 'success' as const,
          connectionId,
          message: `event ${i}, "quoted", -${i}`,
          details: { n: i, line: 'a\nb' },
        })),
      );
      const list = svc.store.runItems.list.bind(svc.store.runItems);
      svc.store.runItems.list = async (run, ...rest) => {
        const n = (reads.get(run.id) ?? 0) + 1;
        reads.set(run.id, n);
        if (n > 1) await gates.get(run.id)?.promise;
        return list(run, ...rest);
      };
    });
    after(async () => {
      // A failed test may leave an export at its gate: let it go, so the service can close.
      for (const g of [...gates.values()]) g.open();
      if (svc) await assertNoSecretsLeaked(svc);
      await svc?.close();
    });

    test('run items as CSV and JSON: the same bytes and values as the whole-file export, over many batches', async () => {
      const run = runs[0] as Run;
      for (const { query, filter, sort } of QUERIES) {
        const all = await svc.store.runItems.all(run, filter, sort);
        const ctx = await reasonContext(
          svc.store,
          svc.organisationId,
          run,
          await namesIn(svc.store, run, all),
        );
        const before = reads.get(run.id) ?? 0;
        const csv = await text(exportRunItemsCsv, { id: run.id }, query);
        assert.equal(csv.status, 200, csv.body);
        assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
        assert.equal(csv.headers['content-disposition'], `attachment; filename="run-${run.id}-items.csv"`);
        const expected = runItemsToCsv(all, stepText(ctx));
        assert.ok(expected.startsWith('\uFEFFemployeeNumber,'));
        assert.equal(csv.body, expected, `CSV of ${JSON.stringify(query)}`);
        const pages = (reads.get(run.id) ?? 0) - before;
        assert.ok(
          all.length <= BATCH || pages >= Math.ceil(all.length / BATCH),
          `${all.length} items read in ${pages} batches`,
        );
        const json = await text(exportRunItemsJson, { id: run.id }, query);
        assert.equal(json.status, 200, json.body);
        assert.match(String(json.headers['content-type']), /^application\/json/);
        assert.equal(json.headers['content-disposition'], `attachment; filename="run-${run.id}-items.json"`);
        assert.deepEqual(
          JSON.parse(json.body),
          JSON.parse(JSON.stringify(all.map((i) => toRunItemDto(i, ctx)))),
          `JSON of ${JSON.stringify(query)}`,
        );
      }
      assert.ok((await svc.store.runItems.all(run, {})).length === PERSONS);
    });

    test('the audit log as CSV: the same bytes as the whole-file export, by keyset batches', async () => {
      for (const query of [{}, { action: 'run.' }, { actor: '@admin' }]) {
        const events = await svc.store.audit.all(svc.organisationId, query, 100_000);
        if (Object.keys(query).length === 0) assert.ok(events.length > 3 * BATCH, 'several batches');
        const csv = await text(exportAuditEventsCsv, {}, query);
        assert.equal(csv.status, 200, csv.body);
        assert.equal(csv.headers['content-disposition'], 'attachment; filename="audit-events.csv"');
        assert.equal(
          csv.body,
          toSafeCsv(events.map(auditRow), [...AUDIT_COLUMNS]),
          `audit ${JSON.stringify(query)}`,
        );
      }
    });

    test('2 exports of an organisation at once, a third is HRS_BUSY; a client that leaves stops the reading and frees its slot', async () => {
      const [a, b] = runs as [Run, Run];
      const openA = gate(a.id);
      const openB = gate(b.id);
      reads.set(a.id, 0);
      reads.set(b.id, 0);
      const first = await download(exportRunItemsCsv, { id: a.id });
      const second = await download(exportRunItemsJson, { id: b.id });
      assert.equal(first.res.statusCode, 200);
      assert.equal(second.res.statusCode, 200);
      // Both read their first batch and wait at the gate for their second.
      await first.first;
      await until(
        'both exports waiting for their second batch',
        () => reads.get(a.id) === 2 && reads.get(b.id) === 2,
      );

      const busy = await text(exportRunItemsCsv, { id: a.id });
      assert.equal(busy.status, 503, busy.body);
      const error = JSON.parse(busy.body).error;
      assert.equal(error.code, 'HRS_BUSY');
      assert.match(
        error.message,
        /already has 2 exports being written.*wait until one of them has downloaded/,
      );
      assert.equal(busy.headers['retry-after'], '10');
      // A refusal is no file: named as an attachment, a browser saved the error as run-….csv.
      assert.equal(busy.headers['content-disposition'], undefined);
      const busyAudit = await text(exportAuditEventsCsv, {});
      assert.equal(busyAudit.status, 503, 'the audit export shares the slots');
      // Another organisation is not held up by this one's exports.
      const other = await download(exportAuditEventsCsv, {}, {}, otherCookie);
      assert.equal(other.res.statusCode, 200);
      await other.body;

      // The first client leaves after its first chunk; once the server saw the socket close, the read
      // in progress may finish, and nothing after it may start.
      const serverSide = serverSockets.get(first.req.socket?.localPort ?? -1);
      assert.ok(serverSide, "the server's end of the first download");
      const serverSideClosed = new Promise<void>((resolve) => serverSide.once('close', () => resolve()));
      first.req.destroy();
      await serverSideClosed;
      await assert.rejects(first.body);
      await new Promise((resolve) => setImmediate(resolve));
      openA();
      let admitted: Awaited<ReturnType<typeof text>> | undefined;
      await until('a following export is admitted', async () => {
        const t = await text(exportRunItemsCsv, { id: a.id }, { changesOnly: 'true' });
        if (t.status === 200) admitted = t;
        return t.status === 200;
      });
      const readsOfA = reads.get(a.id) as number;
      const batchesOfA = Math.ceil(PERSONS / BATCH);
      assert.ok(admitted?.body.startsWith('\uFEFFemployeeNumber,'));
      // The left export read 2 batches (the first, and the one in progress), the following one read its own.
      const following = Math.ceil((await svc.store.runItems.all(a, { changesOnly: true })).length / BATCH);
      assert.equal(
        readsOfA,
        2 + following,
        `the left export read ${readsOfA - following} of ${batchesOfA} batches`,
      );

      // The second export, let go, completes whole.
      openB();
      const bJson = JSON.parse((await second.body).toString('utf8')) as unknown[];
      assert.equal(bJson.length, PERSONS);
    });

    test("an unfinished run's persons are not exported: 409 with what to wait for, as the console's table says", async () => {
      const connectionId = await bareConnection(svc.store, svc.organisationId, 'Unfinished');
      const queued = await enqueue(svc.store, svc.organisationId, connectionId);
      for (const status of ['queued', 'running'] as const) {
        if (status === 'running') await svc.store.runQueue.claim('w', 60_000);
        assert.equal(checkRunOperation('export', status, 'simulation').ok, false);
        for (const endpoint of [exportRunItemsCsv, exportRunItemsJson]) {
          const refused = await text(endpoint, { id: queued.id });
          assert.equal(refused.status, 409, refused.body);
          assert.equal(refused.headers['content-disposition'], undefined);
          const error = JSON.parse(refused.body).error;
          assert.equal(error.code, 'HRS_INVALID_STATE');
          assert.equal(
            error.message,
            `Cannot export the persons of a run that is still ${status}; wait until it has finished.`,
          );
          const head = await fetch(`http://127.0.0.1:${port}${pathFor(endpoint, { id: queued.id })}`, {
            method: 'HEAD',
            headers: { cookie },
          });
          assert.equal(head.status, 409);
        }
      }
      // A finished run is offered and served by the same table.
      assert.equal(checkRunOperation('export', 'succeeded', 'simulation').ok, true);
    });

    test('a store failure after the headers went out cuts the download off, logged, and frees the slot', async () => {
      const run = runs[2] as Run;
      reads.set(run.id, 0);
      const open = gate(run.id);
      const d = await download(exportRunItemsCsv, { id: run.id });
      assert.equal(d.res.statusCode, 200);
      await d.first;
      await until('the export waiting for its second batch', () => reads.get(run.id) === 2);
      // The table of the run's stored items goes away under the export: a real failure of the store.
      await sql`alter table run_item_blocks rename to run_item_blocks_away`.execute(svc.store.db);
      try {
        open();
        await assert.rejects(d.body, /cut off/);
      } finally {
        await sql`alter table run_item_blocks_away rename to run_item_blocks`.execute(svc.store.db);
      }
      assert.ok(
        svc.logLines.some(
          (l) => l.includes('export stopped: reading the store failed') && l.includes(run.id),
        ),
        'the failure is logged with the run',
      );
      // Both slots are free again.
      await until(
        'the slot is given back',
        async () => (await text(exportAuditEventsCsv, {})).status === 200,
      );
      const again = await text(exportRunItemsCsv, { id: run.id });
      assert.equal(again.status, 200);
      assert.equal(again.body.split('\n').length > PERSONS, true);
    });
  });
}
