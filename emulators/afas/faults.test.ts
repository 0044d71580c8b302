import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FaultSpec } from './fault-spec.ts';
import { parseFaultArgument } from './fault-spec.ts';
import { EMPLOYMENTS, type Fixture, startFixture, USERS } from './test-fixture.ts';

describe('fault injection', () => {
  let afas: Fixture;
  before(async () => {
    afas = await startFixture();
  });
  afterEach(async () => {
    await afas.admin('POST', '/reset');
  });
  after(() => afas.close());

  async function arm(...faults: FaultSpec[]): Promise<string[]> {
    const response = await afas.admin('POST', '/faults', faults);
    assert.equal(response.status, 201, await response.clone().text());
    return ((await response.json()) as { added: { id: string }[] }).added.map((f) => f.id);
  }
  const page = (connector: string, n: number, take = 2) =>
    afas.get(`/connectors/${connector}?skip=${(n - 1) * take}&take=${take}&orderbyfieldids=Medewerker`);

  test('latency delays matching requests, and a count makes it transient', async () => {
    await arm({ kind: 'latency', ms: 150, count: 1, connector: USERS });
    const started = performance.now();
    assert.equal((await page(USERS, 1)).status, 200);
    assert.ok(performance.now() - started >= 140, 'the first request waits');
    // Used up after one request: the fault is gone from the list (no timing of the second request,
    // which a busy machine could make slow).
    const listed = (await (await afas.admin('GET', '/faults')).json()) as { faults: unknown[] };
    assert.deepEqual(listed.faults, [], 'the fault fired once only');
  });

  test('latency with jitter waits at least ms and at most ms + jitter', async () => {
    await arm({ kind: 'latency', ms: 50, jitterMs: 50 });
    const started = performance.now();
    await afas.get('/ProfitVersion');
    const took = performance.now() - started;
    // The upper bound is generous: it catches a jitter in seconds, not a busy machine.
    assert.ok(took >= 45 && took < 5000, `took ${took} ms`);
  });

  test('error on page k of one connector: 500 there only, transient with a count', async () => {
    await arm({ kind: 'error', connector: USERS.toLowerCase(), page: 2, count: 1, message: 'Out of memory' });
    assert.equal((await page(USERS, 1)).status, 200);
    assert.equal((await page(EMPLOYMENTS, 2)).status, 200, 'another connector is untouched');
    const failed = await page(USERS, 2);
    assert.equal(failed.status, 500);
    const body = (await failed.json()) as { externalMessage: string; profitLogReference: string };
    assert.equal(body.externalMessage, 'Out of memory');
    assert.match(body.profitLogReference, /^[0-9A-F]{32}$/);
    assert.equal((await page(USERS, 2)).status, 200, 'the retry succeeds');
  });

  test('unavailable answers 503 with retry_after and Retry-After for the next N requests', async () => {
    await arm({ kind: 'unavailable', retryAfter: 7, count: 2 });
    for (let i = 0; i < 2; i++) {
      const response = await afas.get('/metainfo', {});
      assert.equal(response.status, 503, 'maintenance is answered before the token is checked');
      assert.equal(response.headers.get('retry-after'), '7');
      const body = (await response.json()) as {
        retry_after: number;
        error: { code: string; message: string };
      };
      assert.equal(body.retry_after, 7);
      assert.equal(body.error.code, '503');
    }
    assert.equal((await afas.get('/metainfo')).status, 200);
  });

  test('revoked answers 401 with an empty body even for the right token', async () => {
    await arm({ kind: 'revoked', count: 2 });
    for (let i = 0; i < 2; i++) {
      const response = await page(USERS, 1);
      assert.equal(response.status, 401);
      assert.equal(await response.text(), '');
    }
    assert.equal((await page(USERS, 1)).status, 200);
  });

  test('truncate drops the last rows of a page, or all of them', async () => {
    await arm({ kind: 'truncate', connector: USERS, page: 1, dropLast: 1, count: 1 });
    await arm({ kind: 'truncate', connector: USERS, page: 3, count: 1 });
    const first = (await (await page(USERS, 1)).json()) as { take: number; rows: unknown[] };
    assert.deepEqual([first.take, first.rows.length], [2, 1]);
    assert.equal(((await (await page(USERS, 2)).json()) as { rows: unknown[] }).rows.length, 2);
    assert.equal(((await (await page(USERS, 3)).json()) as { rows: unknown[] }).rows.length, 0);
    assert.equal(((await (await page(USERS, 3)).json()) as { rows: unknown[] }).rows.length, 2);
  });

  test('a method scope leaves other methods alone', async () => {
    await arm({ kind: 'error', method: 'put', connector: 'KnUser' });
    assert.equal((await afas.get(`/connectors/${USERS}`)).status, 200);
    const body = { KnUser: { Element: { '@UsId': '12345.1001', Fields: { MtCd: 1, Upn: 'x@contoso.nl' } } } };
    assert.equal((await afas.send('PUT', '/connectors/KnUser', body)).status, 500);
    const { updates } = (await (await afas.admin('GET', '/updates')).json()) as { updates: unknown[] };
    assert.equal(updates.length, 0, 'an injected failure never reaches the UpdateConnector');
  });

  test('faults are listed, removed one by one or all at once, and switched at run time', async () => {
    const [errorId] = await arm({ kind: 'error' }, { kind: 'revoked', connector: EMPLOYMENTS });
    let listed = (await (await afas.admin('GET', '/faults')).json()) as { faults: Record<string, unknown>[] };
    assert.deepEqual(
      listed.faults.map((f) => [f.kind, f.remaining, f.fired]),
      [
        ['error', null, 0],
        ['revoked', null, 0],
      ],
    );
    assert.equal((await page(USERS, 1)).status, 500);
    assert.equal((await page(USERS, 1)).status, 500, 'without a count a fault stays');
    assert.equal((await afas.admin('DELETE', `/faults/${errorId}`)).status, 200);
    assert.equal((await afas.admin('DELETE', `/faults/${errorId}`)).status, 404);
    assert.equal((await page(USERS, 1)).status, 200);
    assert.equal((await page(EMPLOYMENTS, 1)).status, 401);
    listed = (await (await afas.admin('GET', '/faults')).json()) as { faults: Record<string, unknown>[] };
    assert.deepEqual(
      listed.faults.map((f) => [f.kind, f.fired]),
      [['revoked', 1]],
    );
    assert.equal((await afas.admin('DELETE', '/faults')).status, 200);
    assert.equal((await page(EMPLOYMENTS, 1)).status, 200);
  });

  test('the admin route refuses malformed faults with a 400', async () => {
    for (const bad of [
      { kind: 'explode' },
      { kind: 'latency' },
      { kind: 'error', count: 0 },
      { kind: 'error', colour: 'red' },
      { kind: 'unavailable', page: 2 },
      [],
    ]) {
      const response = await afas.admin('POST', '/faults', bad);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.ok(((await response.json()) as { error: string }).error.length > 0);
    }
    const wrapped = await afas.admin('POST', '/faults', { faults: [{ kind: 'error', count: 1 }] });
    assert.equal(wrapped.status, 201);
  });

  test('faults given at start are armed from the first request', async () => {
    const started = await startFixture({ faults: [{ kind: 'unavailable', retryAfter: 3, count: 1 }] });
    try {
      assert.equal((await started.get('/ProfitVersion')).status, 503);
      assert.equal((await started.get('/ProfitVersion')).status, 200);
    } finally {
      await started.close();
    }
  });
});

describe('parseFaultArgument', () => {
  test('reads the short form and JSON', () => {
    assert.deepEqual(parseFaultArgument('error:connector=T4E_HelloID_Users_v2,page=3,count=1'), {
      kind: 'error',
      connector: 'T4E_HelloID_Users_v2',
      page: 3,
      count: 1,
    });
    assert.deepEqual(parseFaultArgument('revoked'), { kind: 'revoked' });
    assert.deepEqual(parseFaultArgument('latency:ms=200,jitterMs=50'), {
      kind: 'latency',
      ms: 200,
      jitterMs: 50,
    });
    assert.deepEqual(parseFaultArgument('{"kind":"truncate","page":2,"dropLast":5}'), {
      kind: 'truncate',
      page: 2,
      dropLast: 5,
    });
  });

  test('says what is wrong', () => {
    assert.throws(() => parseFaultArgument('boom'), /--fault boom: \/kind/);
    assert.throws(() => parseFaultArgument('error:page'), /not key=value/);
    assert.throws(() => parseFaultArgument('error:page=two'), /page/);
    assert.throws(() => parseFaultArgument('latency'), /needs ms/);
    assert.throws(() => parseFaultArgument('{"kind":'), /not valid JSON/);
  });
});
