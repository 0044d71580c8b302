import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  newUserBody,
  startTestEmulator,
  type TestEmulator,
  user,
} from './test-support.ts';

const READER = 'dddd0000-0000-4000-8000-000000000001';
const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('POST /v1.0/$batch', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({
      apps: [
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
        { clientId: READER, clientSecret: CLIENT_SECRET, permissions: ['User.Read.All'] },
      ],
    });
  });
  beforeEach(() => emu.state.reset());
  after(() => emu.close());

  const batch = (requests: unknown[], token?: string) =>
    emu.call('POST', '/$batch', { body: { requests }, ...(token ? { token } : {}) });
  // biome-ignore lint/suspicious/noExplicitAny: responses are inspected structurally
  const byId = (body: any, id: string) => body.responses.find((r: { id: string }) => r.id === id);

  test('each item gets its own status, headers and body, correlated by id', async () => {
    const answer = await batch([
      { id: 'a', method: 'GET', url: `/users/${user(1).id}?$select=id,employeeId` },
      {
        id: 'b',
        method: 'PATCH',
        url: `/users/${user(2).id}`,
        headers: JSON_HEADERS,
        body: { jobTitle: 'Lead' },
      },
      { id: 'c', method: 'POST', url: 'users', headers: JSON_HEADERS, body: newUserBody('batchy') },
      { id: 'd', method: 'GET', url: '/users/ghost@contoso.nl' },
      {
        id: 'e',
        method: 'GET',
        url: "/users?$filter=endsWith(mail,'@contoso.nl')&$count=true&$select=id",
        headers: { ConsistencyLevel: 'eventual' },
      },
    ]);
    assert.equal(answer.status, 200);
    assert.equal(byId(answer.body, 'a').status, 200);
    assert.equal(byId(answer.body, 'a').body.employeeId, '1001');
    assert.equal(byId(answer.body, 'b').status, 204);
    assert.equal(byId(answer.body, 'c').status, 201);
    assert.equal(byId(answer.body, 'c').body.userPrincipalName, 'batchy@contoso.nl');
    assert.equal(byId(answer.body, 'd').status, 404);
    assert.equal(byId(answer.body, 'd').body.error.code, 'Request_ResourceNotFound');
    assert.equal(byId(answer.body, 'e').status, 200);
    assert.equal(byId(answer.body, 'e').body['@odata.count'], 3);
    assert.ok(byId(answer.body, 'a').headers['x-ms-resource-unit']);
    assert.equal((await emu.call('GET', `/users/${user(2).id}?$select=jobTitle`)).body.jobTitle, 'Lead');
  });

  test('dependsOn runs in order; a failed dependency makes its dependants 424', async () => {
    const answer = await batch([
      { id: '3', dependsOn: ['2'], method: 'GET', url: `/users/${user(1).id}/manager?$select=id` },
      {
        id: '1',
        method: 'PATCH',
        url: '/users/ghost@contoso.nl',
        headers: JSON_HEADERS,
        body: { jobTitle: 'x' },
      },
      {
        id: '2',
        dependsOn: ['1'],
        method: 'PATCH',
        url: `/users/${user(1).id}`,
        headers: JSON_HEADERS,
        body: { jobTitle: 'y' },
      },
      {
        id: '4',
        method: 'PUT',
        url: `/users/${user(1).id}/manager/$ref`,
        headers: JSON_HEADERS,
        body: { '@odata.id': `https://graph.microsoft.com/v1.0/users/${user(3).id}` },
      },
      { id: '5', dependsOn: ['4'], method: 'GET', url: `/users/${user(1).id}/manager?$select=id` },
    ]);
    assert.equal(byId(answer.body, '1').status, 404);
    assert.equal(byId(answer.body, '2').status, 424);
    assert.equal(byId(answer.body, '3').status, 424);
    assert.equal(byId(answer.body, '5').status, 200);
    assert.equal(byId(answer.body, '5').body.id, user(3).id);
    assert.equal((await emu.call('GET', `/users/${user(1).id}?$select=jobTitle`)).body.jobTitle, null);
  });

  test('a malformed batch is one 400 and nothing in it runs', async () => {
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' }));
    const cases: [unknown[], RegExp][] = [
      [tooMany, /at most 20/],
      [
        [
          { id: 'A', method: 'GET', url: '/users' },
          { id: 'a', method: 'GET', url: '/users' },
        ],
        /not unique/,
      ],
      [
        [{ id: '1', method: 'PATCH', url: `/users/${user(1).id}`, body: { jobTitle: 'no header' } }],
        /does not contain Content-Type/,
      ],
      [[{ id: '1', method: 'GET', url: '/users', dependsOn: ['9'] }], /not in the batch/],
      [[{ id: '1', method: 'GET' }], /Invalid batch payload/],
    ];
    for (const [requests, message] of cases) {
      const answer = await batch(requests);
      assert.equal(answer.status, 400, String(message));
      assert.equal(answer.body.error.code, 'BadRequest');
      assert.match(answer.body.error.message, message);
    }
    assert.equal((await emu.call('GET', `/users/${user(1).id}?$select=jobTitle`)).body.jobTitle, null);
    assert.equal((await emu.call('POST', '/$batch', { body: { nope: [] } })).status, 400);
    assert.equal((await emu.call('POST', '/$batch', { token: null, body: { requests: [] } })).status, 401);
  });

  test('absolute item urls are refused per item; permissions are checked per item', async () => {
    const reader = await emu.token(READER, CLIENT_SECRET);
    const answer = await batch(
      [
        { id: 'abs', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' },
        { id: 'read', method: 'GET', url: '/users?$select=id' },
        {
          id: 'write',
          method: 'PATCH',
          url: `/users/${user(1).id}`,
          headers: JSON_HEADERS,
          body: { jobTitle: 'x' },
        },
      ],
      reader,
    );
    assert.equal(byId(answer.body, 'abs').status, 400);
    assert.equal(byId(answer.body, 'read').status, 200);
    assert.equal(byId(answer.body, 'write').status, 403);
    assert.equal(byId(answer.body, 'write').body.error.code, 'Authorization_RequestDenied');
  });

  test('batch items are counted by route in /__admin/requests', async () => {
    await batch([
      { id: '1', method: 'GET', url: `/users/${user(1).id}` },
      { id: '2', method: 'GET', url: `/users/${user(2).id}` },
    ]);
    const counts = (await (await fetch(`${emu.httpUrl}/__admin/requests`)).json()) as {
      batchItems: number;
      routes: { method: string; route: string; status: number; count: number; viaBatch: number }[];
    };
    assert.equal(counts.batchItems, 2);
    const item = counts.routes.find((r) => r.route === '/v1.0/users/{id}' && r.method === 'GET');
    assert.deepEqual(item && { count: item.count, viaBatch: item.viaBatch, status: item.status }, {
      count: 2,
      viaBatch: 2,
      status: 200,
    });
    assert.ok(counts.routes.some((r) => r.route === '/v1.0/$batch' && r.status === 200 && r.viaBatch === 0));
  });
});
