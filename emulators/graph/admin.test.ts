import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestEmulator, type TestEmulator, user } from './test-support.ts';

describe('/__admin', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({ timeScale: 0.01 });
  });
  after(() => emu.close());

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emu.httpUrl}/__admin${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: inspected structurally
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
  };

  test('state dumps users, deleted users, groups, licences, throttling quota and request counts', async () => {
    await emu.call('DELETE', `/users/${user(3).id}`);
    const state = await admin('GET', '/state');
    assert.equal(state.status, 200);
    assert.equal(state.body.tenant.id, emu.tenantId);
    assert.equal(state.body.users.length, 2);
    assert.equal(state.body.deletedUsers[0].id, user(3).id);
    assert.equal(state.body.groups.length, 1);
    assert.equal(state.body.subscribedSkus.length, 1);
    assert.equal(state.body.throttling.write.quota, 3000);
    assert.equal(state.body.throttling.write.effectiveWindowSeconds, 1.5);
    assert.equal(state.body.throttling.timeScale, 0.01);
    assert.ok(state.body.requests.total >= 2);
    assert.equal(state.body.apps[0].clientSecret, undefined, 'secrets are not dumped');
    const summary = await admin('GET', '/state?users=false');
    assert.equal(summary.body.users, undefined);
    assert.equal(summary.body.counts.users, 2);
  });

  test('seeding users directly, refusing conflicts; reset restores the start dataset', async () => {
    const seeded = await admin('POST', '/users', {
      users: [{ userPrincipalName: 'seed1@contoso.nl', employeeId: '7001', mail: 'seed1@contoso.nl' }],
    });
    assert.equal(seeded.status, 201);
    const id = seeded.body.users[0].id;
    const read = await emu.call('GET', `/users/${id}?$select=employeeId,proxyAddresses,accountEnabled`);
    assert.deepEqual(
      [read.body.employeeId, read.body.proxyAddresses, read.body.accountEnabled],
      ['7001', ['SMTP:seed1@contoso.nl'], true],
    );
    const conflict = await admin('POST', '/users', [{ userPrincipalName: 'SEED1@contoso.nl' }]);
    assert.equal(conflict.status, 409);
    assert.equal((await admin('POST', '/users', { users: [{ displayName: 'no upn' }] })).status, 400);

    assert.equal((await admin('POST', '/reset')).status, 204);
    assert.equal((await emu.call('GET', `/users/${id}`)).status, 404);
    assert.equal((await emu.call('GET', `/users/${user(3).id}`)).status, 200);
  });

  test('seeding refuses a user whose properties are not what Graph holds, saying which and where', async () => {
    const cases: [unknown, string][] = [
      [
        { users: [{ userPrincipalName: 'a@contoso.nl', mail: 5 }] },
        'users[0].mail is 5; expected a string or null',
      ],
      [
        [{ userPrincipalName: 'b@contoso.nl' }, { userPrincipalName: 'c@contoso.nl', accountEnabled: 'no' }],
        'users[1].accountEnabled is "no"; expected true or false',
      ],
      [
        { users: [{ userPrincipalName: 'd@contoso.nl', proxyAddresses: 'SMTP:d@contoso.nl' }] },
        'users[0].proxyAddresses is "SMTP:d@contoso.nl"; expected an array',
      ],
      [{ users: [null] }, 'users[0] is null; expected an object'],
      [
        { users: [{ displayName: 'no upn' }] },
        'users[0].userPrincipalName is missing (expected a non-empty string)',
      ],
    ];
    const wrong: string[] = [];
    for (const [body, error] of cases) {
      const response = await admin('POST', '/users', body);
      if (response.status !== 400 || response.body.error !== error || response.body.seeded !== 0)
        wrong.push(`${JSON.stringify(body)}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    assert.deepEqual(wrong, []);
    assert.equal((await admin('GET', '/state?users=false')).body.counts.users, 3);
  });

  test('request counts by method, route template and status; DELETE clears them', async () => {
    assert.equal((await admin('DELETE', '/requests')).status, 204);
    await emu.call('GET', `/users/${user(1).id}`);
    await emu.call('GET', '/users/ghost@contoso.nl');
    const counts = await admin('GET', '/requests');
    const route = (status: number) =>
      counts.body.routes.find(
        (r: { route: string; status: number }) => r.route === '/v1.0/users/{id}' && r.status === status,
      );
    assert.equal(route(200).count, 1);
    assert.equal(route(404).count, 1);
    assert.equal(counts.body.byStatus['404'], 1);
  });
});
