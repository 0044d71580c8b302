import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EMPLOYMENTS, type Fixture, startFixture, USERS } from './test-fixture.ts';

describe('admin routes', () => {
  let afas: Fixture;
  before(async () => {
    afas = await startFixture();
  });
  after(() => afas.close());

  test('GET /__admin/state needs no AFAS token and shows data, token and faults', async () => {
    await afas.admin('POST', '/faults', { kind: 'error', count: 3 });
    const response = await afas.admin('GET', '/state');
    assert.equal(response.status, 200);
    const state = (await response.json()) as Record<string, unknown>;
    assert.equal(state.environmentId, '12345');
    assert.equal(state.profitVersion, '25.2.1');
    assert.deepEqual(state.token, { xml: afas.token.xml, header: afas.token.header });
    assert.deepEqual(state.connectors, [
      { id: USERS, description: 'Tools4ever - HelloID - Users', rows: 6 },
      { id: EMPLOYMENTS, description: 'Tools4ever - HelloID - Employments', rows: 5 },
    ]);
    assert.equal((state.faults as unknown[]).length, 1);
    await afas.admin('POST', '/reset');
  });

  test('the admin routes are not reachable under ProfitRestServices', async () => {
    for (const path of ['/__admin/state', '/__admin/requests']) {
      const response = await afas.get(path);
      assert.equal(response.status, 404);
      assert.equal(await response.text(), '');
    }
  });

  test('GET /__admin/requests counts by method, canonical path and status', async () => {
    await afas.admin('POST', '/reset');
    const origin = afas.baseUrl.replace(/\/ProfitRestServices$/, '');
    const auth = { authorization: afas.token.header };
    await fetch(`${origin}/profitrestservices/connectors/${USERS.toLowerCase()}?take=1`, { headers: auth });
    await fetch(`${origin}/ProfitRestServices/connectors/${USERS}?skip=1&take=1`, { headers: auth });
    await fetch(`${origin}/ProfitRestServices/connectors/${USERS}`);
    await fetch(`${origin}/ProfitRestServices/connectors/${USERS}?skip=2&take=-1`, { headers: auth });
    await fetch(`${origin}/PROFITRESTSERVICES/PROFITVERSION`, { headers: auth });
    await fetch(`${origin}/ProfitRestServices/connectors/knuser`, {
      method: 'PUT',
      headers: auth,
      body: '{',
    });
    await afas.admin('GET', '/state');
    const log = (await (await afas.admin('GET', '/requests')).json()) as {
      total: number;
      counts: { method: string; path: string; status: number; count: number }[];
      recent: { status: number; detail?: string; durationMs: number }[];
    };
    assert.equal(log.total, 6, 'admin calls are not counted');
    const users = `/ProfitRestServices/connectors/${USERS}`;
    assert.deepEqual(
      log.counts.map((c) => [c.method, c.path, c.status, c.count]),
      [
        ['GET', users, 200, 2],
        ['GET', users, 401, 1],
        ['GET', users, 500, 1],
        ['GET', '/ProfitRestServices/ProfitVersion', 200, 1],
        ['PUT', '/ProfitRestServices/connectors/KnUser', 400, 1],
      ],
    );
    assert.match(
      log.recent[3]?.detail ?? '',
      /skip=2&take=-1/,
      "the log says why Profit's message was terse",
    );
    assert.ok(log.recent.every((r) => r.durationMs >= 0));
  });

  test('POST /__admin/reset restores the data and clears faults, counts and the update log', async () => {
    await afas.send('PUT', '/connectors/KnUser', {
      KnUser: { Element: { '@UsId': '12345.1001', Fields: { MtCd: 1, Upn: 'changed@contoso.nl' } } },
    });
    await afas.admin('POST', '/faults', { kind: 'latency', ms: 1 });
    const upn = async () =>
      (await afas.rows(`/connectors/${USERS}?filterfieldids=Medewerker&filtervalues=1001&operatortypes=1`))[0]
        ?.UPN;
    assert.equal(await upn(), 'changed@contoso.nl');
    assert.equal((await afas.admin('POST', '/reset')).status, 200);
    const state = (await (await afas.admin('GET', '/state')).json()) as {
      faults: unknown[];
      requests: { total: number };
      updates: { total: number };
    };
    assert.deepEqual([state.faults.length, state.requests.total, state.updates.total], [0, 0, 0]);
    assert.equal(await upn(), 'jan.jansen@contoso.nl');
  });
});
