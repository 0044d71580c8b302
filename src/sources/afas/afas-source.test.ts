/**
 * The AFAS source against the AFAS emulator over real HTTP: paging with parallelism, retries,
 * aborted reads, auth, write-back and the connection test.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type RunningAfasEmulator, startAfasEmulator } from '../../../emulators/afas/index.ts';
import { generateCompany } from '../../../emulators/demo-data/index.ts';
import type { AfasDataset, AfasRow } from '../../../emulators/demo-data/types.ts';
import { type Attributes, HrsyncError, rowsMadeBy, type SourceConfig } from '../../core/index.ts';
import { createAfasSource, testAfasConnection } from './index.ts';

const USERS = 'T4E_HelloID_Users_v2';
const EMPLOYMENTS = 'T4E_HelloID_Employments_v2';
const UNITS = 'T4E_HelloID_OrganizationalUnits_v2';

/** Counts HTTP requests in flight: instrumentation around the real fetch, nothing is faked. */
function countingFetch() {
  const counter = { inFlight: 0, peak: 0, total: 0 };
  const counted: typeof fetch = async (input, init) => {
    counter.total++;
    counter.inFlight++;
    counter.peak = Math.max(counter.peak, counter.inFlight);
    try {
      const response = await fetch(input, init);
      // Count until the body is in, as the limiter does.
      const text = await response.text();
      return new Response(text, { status: response.status, headers: response.headers });
    } finally {
      counter.inFlight--;
    }
  };
  return { counter, fetch: counted };
}

const PERSONS = 2500;
const PAGE = 200;

const rowsOf = (dataset: AfasDataset, id: string): AfasRow[] =>
  dataset.connectors.find((c) => c.id === id)?.rows ?? [];

describe('AFAS source against the emulator', () => {
  let afas: RunningAfasEmulator;
  let config: SourceConfig;
  const dataset = generateCompany({ persons: PERSONS, seed: 20261124 }).afas;
  const users = rowsOf(dataset, USERS);
  const withUser = users.find((u) => u.Gebruiker !== null && u.Email_werk !== null) as AfasRow;
  const withoutUser = users.find((u) => u.Gebruiker === null) as AfasRow;
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(afas.adminUrl + path, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const fault = async (spec: object) => assert.equal((await admin('POST', '/faults', spec)).status, 201);
  const quickSleep = (asked: number[]) => async (ms: number) => {
    asked.push(ms);
    await new Promise((r) => setTimeout(r, Math.min(ms, 5)));
  };

  before(async () => {
    afas = await startAfasEmulator({ dataset });
    config = {
      type: 'afas-profit',
      environment: { baseUrl: afas.baseUrl },
      token: { value: afas.token.xml },
      connectors: { users: USERS, employments: EMPLOYMENTS, organizationalUnits: UNITS },
      pageSize: PAGE,
      parallel: 8,
    };
  });
  after(() => afas.close());
  beforeEach(async () => {
    await admin('POST', '/reset');
  });

  test('reads every row in sorted pages, at most 8 requests in flight for all connectors together', async () => {
    await fault({ kind: 'latency', ms: 20, jitterMs: 20 });
    const { counter, fetch: counted } = countingFetch();
    const source = createAfasSource(config, { token: afas.token.data, fetch: counted });
    const progress: number[] = [];
    const snapshot = await source.read({ onProgress: (p) => progress.push(p.rows) });

    for (const [role, id] of [
      ['users', USERS],
      ['employments', EMPLOYMENTS],
      ['organizationalUnits', UNITS],
    ] as const) {
      assert.equal(snapshot[role].length, rowsOf(dataset, id).length, role);
    }
    const byKey = (rows: readonly AfasRow[]) => rows.map((r) => String(r.Medewerker)).sort();
    assert.deepEqual(
      snapshot.users.map((r) => String(r.Medewerker)),
      byKey(users),
      'users come back sorted on Medewerker, each exactly once',
    );
    // Dates are passed on as AFAS wrote them; the normaliser knows the Z is Amsterdam local time.
    assert.match(String(snapshot.employments[0]?.Begindatum_functie), /^\d{4}-\d{2}-\d{2}T00:00:00Z$/);

    assert.ok(counter.peak <= 8, `peak ${counter.peak} requests in flight`);
    assert.ok(counter.peak >= 6, `the window should use the parallel budget (peak ${counter.peak})`);
    assert.equal(source.peakParallel, counter.peak);
    const requests = (await (await admin('GET', '/requests')).json()) as { total: number };
    assert.equal(requests.total, counter.total);
    // Every page with data plus one empty page per connector at least; a window's overshoot at most.
    const needed = dataset.connectors.reduce((n, c) => n + Math.floor(c.rows.length / PAGE) + 2, 0);
    assert.ok(
      counter.total >= needed && counter.total <= needed + 3 * 8,
      `${counter.total} requests, ${needed} needed`,
    );
    assert.ok(progress.length >= needed - 3);
  });

  test('with the previous count, no page is asked for past the end: per connector the pages with rows, then one probe', async () => {
    await fault({ kind: 'latency', ms: 5, jitterMs: 10 });
    const first = createAfasSource(config, { token: afas.token.xml });
    const snapshot = await first.read({});
    const perConnector = async () => {
      const log = (await (await admin('GET', '/requests')).json()) as {
        counts: { method: string; path: string; count: number }[];
      };
      return (id: string) =>
        log.counts
          .filter(
            (c) => c.method === 'GET' && c.path.toLowerCase().endsWith(`/connectors/${id.toLowerCase()}`),
          )
          .reduce((n, c) => n + c.count, 0);
    };
    // Without a count (a connection's first read) the read-ahead window doubles from one page, so a
    // small connector costs nothing extra and a large one at most a window's overshoot.
    const firstCounts = await perConnector();
    assert.equal(firstCounts(UNITS), Math.floor(rowsOf(dataset, UNITS).length / PAGE) + 2);
    await admin('POST', '/reset');
    await fault({ kind: 'latency', ms: 5, jitterMs: 10 });
    const { counter, fetch: counted } = countingFetch();
    const second = createAfasSource(config, { token: afas.token.xml, fetch: counted });
    const again = await second.read({
      expectedRows: {
        users: snapshot.users.length,
        employments: snapshot.employments.length,
        organizationalUnits: snapshot.organizationalUnits.length,
      },
    });
    assert.deepEqual(again, snapshot);
    const counts = await perConnector();
    for (const id of [USERS, EMPLOYMENTS, UNITS]) {
      // Every full page, the short (or empty) page that ends the data, and one single-row probe.
      assert.equal(counts(id), Math.floor(rowsOf(dataset, id).length / PAGE) + 2, id);
    }
    assert.ok(counter.peak <= 8, `peak ${counter.peak}`);
    assert.ok(counter.peak >= 4, `the known pages are read in parallel (peak ${counter.peak})`);
  });

  test('a count that is out of date still reads everything: grown and shrunk connectors', async () => {
    const source = createAfasSource(config, { token: afas.token.xml });
    const n = rowsOf(dataset, USERS).length;
    for (const users of [Math.floor(n / 3), n * 3]) {
      const snapshot = await source.read({
        expectedRows: { users, employments: 0, organizationalUnits: 10_000 },
      });
      assert.equal(snapshot.users.length, n);
      assert.equal(snapshot.employments.length, rowsOf(dataset, EMPLOYMENTS).length);
      assert.equal(snapshot.organizationalUnits.length, rowsOf(dataset, UNITS).length);
    }
  });

  test('a 503 with retry_after is waited out and the read completes', async () => {
    await fault({ kind: 'unavailable', retryAfter: 2, count: 3 });
    const asked: number[] = [];
    const source = createAfasSource(config, { token: afas.token.xml, sleep: quickSleep(asked) });
    const snapshot = await source.read({});
    assert.equal(snapshot.users.length, PERSONS);
    assert.deepEqual(asked, [2000, 2000, 2000]);
  });

  test('a request that times out is tried again with back-off', async () => {
    // The timeout leaves ordinary requests seconds to answer even on a busy machine; only the one
    // slowed request runs into it.
    await fault({ kind: 'latency', ms: 8000, connector: UNITS, count: 1 });
    const asked: number[] = [];
    const source = createAfasSource(config, {
      token: afas.token.xml,
      timeoutMs: 2500,
      sleep: quickSleep(asked),
    });
    const snapshot = await source.read({});
    assert.equal(snapshot.organizationalUnits.length, rowsOf(dataset, UNITS).length);
    assert.equal(asked.length, 1);
    assert.ok(asked[0] !== undefined && asked[0] >= 375 && asked[0] <= 625, `back-off ${asked[0]} ms`);
  });

  test('503 beyond the retry budget fails as unavailable', async () => {
    await fault({ kind: 'unavailable', retryAfter: 1, connector: UNITS });
    const source = createAfasSource(config, {
      token: afas.token.xml,
      sleep: quickSleep([]),
      retry: { attempts: 3 },
    });
    await assert.rejects(
      source.read({}),
      (e) => e instanceof HrsyncError && e.code === 'HRS_SOURCE_UNAVAILABLE',
    );
  });

  test('a 500 on page k aborts the whole read with Profit’s message and log reference', async () => {
    await fault({ kind: 'error', connector: EMPLOYMENTS, page: 4, message: 'Out of String space' });
    const source = createAfasSource(config, { token: afas.token.xml });
    await assert.rejects(source.read({}), (e) => {
      assert.ok(e instanceof HrsyncError);
      assert.equal(e.code, 'HRS_SOURCE_READ_FAILED');
      assert.match(e.message, /Out of String space/);
      assert.match(e.message, /profit log reference [0-9A-F]{32}/i);
      assert.match(e.message, /skip 600/);
      return true;
    });
  });

  test('a truncated page is detected: a short page followed by rows is never taken as the end', async () => {
    await fault({ kind: 'truncate', connector: USERS, page: 3, dropLast: 3, count: 1 });
    const source = createAfasSource({ ...config, parallel: 1 }, { token: afas.token.xml });
    await assert.rejects(source.read({}), (e) => {
      assert.ok(e instanceof HrsyncError && e.code === 'HRS_SOURCE_READ_FAILED');
      assert.match(e.message, /rows follow the short page 2/);
      return true;
    });
  });

  test('with a cut, users and employments rows are what it made of each row, org units whole', async () => {
    const source = createAfasSource(config, { token: afas.token.xml });
    const cut = rowsMadeBy((value) => {
      const row = value as Attributes;
      return { Medewerker: row.Medewerker ?? null, ExternalID: row.ExternalID ?? null };
    });
    const snapshot = await source.read({ cut });
    assert.equal(snapshot.users.length, users.length);
    assert.deepEqual(snapshot.users[0], { Medewerker: users[0]?.Medewerker, ExternalID: null });
    const employments = rowsOf(dataset, EMPLOYMENTS);
    assert.equal(snapshot.employments.length, employments.length);
    assert.ok(snapshot.employments.every((r) => Object.keys(r).length === 2 && r.ExternalID !== null));
    assert.deepEqual(snapshot.organizationalUnits[0], rowsOf(dataset, UNITS)[0]);
    // The rows' keys are still checked for paging: a cut that drops one fails the read.
    await assert.rejects(
      source.read({ cut: rowsMadeBy((row) => ({ Medewerker: (row as Attributes).Medewerker ?? null })) }),
      /a row has no ExternalID/,
    );
  });

  test('a page with rows missing the key is incomplete', async () => {
    const broken = structuredClone(dataset);
    (rowsOf(broken, UNITS)[1] as AfasRow).ExternalId = null;
    const other = await startAfasEmulator({ dataset: broken });
    try {
      const source = createAfasSource(
        { ...config, environment: { baseUrl: other.baseUrl } },
        { token: other.token.xml },
      );
      await assert.rejects(source.read({}), /a row has no ExternalId/);
    } finally {
      await other.close();
    }
  });

  test('401 (wrong or revoked token) is an authentication error', async () => {
    const wrong = createAfasSource(config, { token: 'A'.repeat(64) });
    await assert.rejects(wrong.read({}), (e) => e instanceof HrsyncError && e.code === 'HRS_SOURCE_AUTH');
    await fault({ kind: 'revoked', count: 1 });
    const revoked = createAfasSource(config, { token: afas.token.xml });
    await assert.rejects(revoked.read({}), (e) => e instanceof HrsyncError && /401/.test(e.message));
  });

  test('readOne filters users and employments on the employee number', async () => {
    const source = createAfasSource(config, { token: afas.token.xml });
    const n = String(withUser.Medewerker);
    const one = await source.readOne(n, {});
    assert.deepEqual(
      one.users.map((r) => r.Medewerker),
      [n],
    );
    assert.deepEqual(
      one.employments.map((r) => String(r.ExternalID)),
      rowsOf(dataset, EMPLOYMENTS)
        .filter((r) => r.Medewerker === n)
        .map((r) => String(r.ExternalID))
        .sort(),
    );
    assert.equal(one.organizationalUnits.length, rowsOf(dataset, UNITS).length);
  });

  test('write-back changes only what differs, and a later read shows it', async () => {
    const source = createAfasSource(config, { token: afas.token.xml });
    const n = String(withUser.Medewerker);
    const values = { email: 'jan.jansen@contoso.nl', upn: 'jan.jansen@contoso.nl' };
    await source.writeBack(n, values);
    const [row] = (await source.readOne(n, {})).users;
    assert.equal(row?.Email_werk, values.email);
    assert.equal(row?.UPN, values.upn);
    assert.equal(row?.Email_werk_gebruiker, values.email);
    const updates = async () =>
      ((await (await admin('GET', '/updates')).json()) as { updates: unknown[] }).updates;
    assert.equal((await updates()).length, 2, 'one KnEmployee and one KnUser update');
    // Unchanged values: no update at all (Profit may refuse them).
    await source.writeBack(n, values);
    assert.equal((await updates()).length, 2);
    // An employee without a Profit user cannot get a UPN, and says why.
    await assert.rejects(
      source.writeBack(String(withoutUser.Medewerker), { upn: 'x@contoso.nl' }),
      /has no Profit user/,
    );
    await assert.rejects(
      source.writeBack('999999', { email: 'x@contoso.nl' }),
      /not in the users GetConnector/,
    );
  });

  test('the connection test reports reachability, token, connectors and required fields', async () => {
    const good = await testAfasConnection(config, { token: afas.token.xml });
    assert.equal(good.ok, true, good.message);
    assert.deepEqual(
      good.checks.map((c) => c.name),
      ['reachable', 'token', 'connector:users', 'connector:employments', 'connector:organizationalUnits'],
    );
    const missing = await testAfasConnection(
      { ...config, connectors: { ...config.connectors, organizationalUnits: 'Nope' } },
      { token: afas.token.xml, writeBack: true },
    );
    assert.equal(missing.ok, false);
    assert.match(missing.message, /GetConnector Nope is not in the App Connector/);
    assert.ok(missing.checks.find((c) => c.name === 'connector:users')?.ok);
    const badToken = await testAfasConnection(config, { token: 'B'.repeat(64) });
    assert.equal(badToken.ok, false);
    assert.deepEqual(
      badToken.checks.map((c) => [c.name, c.ok]),
      [
        ['reachable', true],
        ['token', false],
      ],
    );
  });
});
