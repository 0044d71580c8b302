import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { smallTenant, startTestEmulator, type TestEmulator, user } from './test-support.ts';

const EVENTUAL = { ConsistencyLevel: 'eventual' };

describe('GET /users queries', () => {
  let emu: TestEmulator;
  before(async () => {
    const users = Array.from({ length: 25 }, (_, i) =>
      user(i + 1, i === 4 ? { displayName: "Sean O'Brien", companyName: 'Contoso' } : {}),
    );
    emu = await startTestEmulator({ tenant: smallTenant(users) });
  });
  after(() => emu.close());

  const ids = (body: { value: { id: string }[] }) => body.value.map((u) => u.id);

  test('without $select only the default properties come back', async () => {
    const page = await emu.call('GET', '/users?$top=1');
    assert.deepEqual(Object.keys(page.body.value[0]).sort(), [
      'businessPhones',
      'displayName',
      'givenName',
      'id',
      'jobTitle',
      'mail',
      'mobilePhone',
      'officeLocation',
      'preferredLanguage',
      'surname',
      'userPrincipalName',
    ]);
    assert.equal(page.body['@odata.context'], `${emu.httpUrl}/v1.0/$metadata#users`);
  });

  test('default filters: eq, in, startsWith, and/or, any() on proxyAddresses, doubled quotes', async () => {
    const q = async (filter: string) =>
      emu.call('GET', `/users?$select=id&$filter=${encodeURIComponent(filter)}`).then((r) => {
        assert.equal(r.status, 200, `${filter}: ${JSON.stringify(r.body)}`);
        return ids(r.body);
      });
    assert.deepEqual(await q("employeeId eq '1003'"), [user(3).id]);
    assert.deepEqual(await q("employeeId in ('1003','1001')"), [user(1).id, user(3).id]);
    assert.deepEqual(await q("displayName eq 'Sean O''Brien'"), [user(5).id]);
    assert.deepEqual(await q("startsWith(userPrincipalName,'user2')").then((x) => x.length), 7);
    assert.deepEqual(await q("employeeId eq '1002' and department eq 'ICT'"), [user(2).id]);
    assert.deepEqual(await q("employeeId eq '1002' and department eq 'Finance'"), []);
    assert.deepEqual(await q("mail eq 'USER7@contoso.nl' or employeeId eq '1008'"), [user(7).id, user(8).id]);
    assert.deepEqual(await q("proxyAddresses/any(c:c eq 'smtp:user9@contoso.nl')"), [user(9).id]);
    assert.deepEqual(await q('accountEnabled eq true').then((x) => x.length), 25);
  });

  test('advanced-only filters need ConsistencyLevel: eventual and $count=true', async () => {
    for (const filter of [
      "department ne 'ICT'",
      "not(department eq 'ICT')",
      "endsWith(mail,'@contoso.nl')",
      "companyName eq 'Contoso'",
    ]) {
      const path = `/users?$select=id&$filter=${encodeURIComponent(filter)}`;
      const refused = await emu.call('GET', path);
      assert.equal(refused.status, 400, filter);
      assert.equal(refused.body.error.code, 'Request_UnsupportedQuery', filter);
      assert.match(refused.body.error.message, /ConsistencyLevel:eventual/, filter);
      assert.equal(
        (await emu.call('GET', path, { headers: EVENTUAL })).status,
        400,
        `${filter} without $count`,
      );
      assert.equal((await emu.call('GET', `${path}&$count=true`)).status, 400, `${filter} without header`);
      const allowed = await emu.call('GET', `${path}&$count=true`, { headers: EVENTUAL });
      assert.equal(allowed.status, 200, filter);
      assert.equal(allowed.body['@odata.count'], allowed.body.value.length, filter);
    }
  });

  test('$count is honoured only with ConsistencyLevel: eventual; /users/$count is text/plain', async () => {
    const ignored = await emu.call('GET', '/users?$select=id&$count=true');
    assert.equal(ignored.status, 200);
    assert.equal(ignored.body['@odata.count'], undefined);
    const counted = await emu.call('GET', '/users?$select=id&$count=true&$top=5', { headers: EVENTUAL });
    assert.equal(counted.body['@odata.count'], 25);
    assert.equal(counted.body.value.length, 5);

    const segment = await emu.call(
      'GET',
      `/users/$count?$filter=${encodeURIComponent("department eq 'ICT'")}`,
      {
        headers: EVENTUAL,
      },
    );
    assert.equal(segment.status, 200);
    assert.match(segment.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(segment.body, '12');
    const refused = await emu.call('GET', '/users/$count');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.message, '$count is not currently supported.');
  });

  test('$top bounds and @odata.nextLink paging with an absolute $skiptoken link on the same base', async () => {
    for (const top of ['0', '1000', 'x']) {
      const answer = await emu.call('GET', `/users?$top=${top}`);
      assert.equal(answer.status, 400, top);
      assert.match(answer.body.error.message, /Must be between 1 and 999/);
    }
    assert.equal((await emu.call('GET', '/users?$skip=2')).status, 400);

    const seen: string[] = [];
    let link: string | undefined = `${emu.httpUrl}/v1.0/users?$select=id,employeeId&$top=10`;
    let pages = 0;
    while (link) {
      assert.ok(link.startsWith(`${emu.httpUrl}/v1.0/users?`), link);
      const page = await emu.call('GET', link.slice(`${emu.httpUrl}/v1.0`.length));
      assert.equal(page.status, 200);
      assert.ok(page.body.value.every((u: object) => Object.keys(u).join() === 'id,employeeId'));
      seen.push(...ids(page.body));
      link = page.body['@odata.nextLink'];
      if (link) assert.match(link, /\$skiptoken=/);
      pages++;
    }
    assert.equal(pages, 3);
    assert.equal(new Set(seen).size, 25);
    assert.equal((await emu.call('GET', '/users?$skiptoken=garbage')).status, 400);
  });

  test('default page size is 100', async () => {
    const page = await emu.call('GET', '/users?$select=id');
    assert.equal(page.body.value.length, 25);
    assert.equal(page.body['@odata.nextLink'], undefined);
  });

  test('$search needs the header; $orderby with $filter needs advanced parameters', async () => {
    const search = '/users?$select=id,displayName&$search="displayName:sean"';
    const noHeader = await emu.call('GET', search);
    assert.equal(noHeader.status, 400);
    assert.equal(noHeader.body.error.code, 'Request_UnsupportedQuery');
    const found = await emu.call('GET', search, { headers: EVENTUAL });
    assert.deepEqual(ids(found.body), [user(5).id]);

    const sorted = await emu.call('GET', '/users?$select=id,displayName&$orderby=displayName desc&$top=2');
    assert.equal(sorted.status, 200);
    assert.deepEqual(
      sorted.body.value.map((u: { displayName: string }) => u.displayName),
      ['User 9', 'User 8'],
    );
    const mixed = `/users?$select=id&$orderby=displayName&$filter=${encodeURIComponent("department eq 'ICT'")}`;
    assert.equal((await emu.call('GET', mixed)).status, 400);
    assert.equal((await emu.call('GET', `${mixed}&$count=true`, { headers: EVENTUAL })).status, 200);
    assert.equal((await emu.call('GET', '/users?$orderby=jobTitle')).status, 400);
  });

  test('$expand=manager($select=id) adds the manager when there is one', async () => {
    await emu.call('PUT', `/users/${user(2).id}/manager/$ref`, {
      body: { '@odata.id': `https://graph.microsoft.com/v1.0/users/${user(1).id}` },
    });
    const page = await emu.call(
      'GET',
      `/users?$select=id&$expand=manager($select=id)&$filter=${encodeURIComponent("employeeId in ('1001','1002')")}`,
    );
    assert.equal(page.status, 200);
    assert.deepEqual(page.body.value, [
      { id: user(1).id },
      { id: user(2).id, manager: { '@odata.type': '#microsoft.graph.user', id: user(1).id } },
    ]);
  });

  test('unsupported filters are refused', async () => {
    const bad = await emu.call('GET', `/users?$filter=${encodeURIComponent("shoeSize eq '1'")}`);
    assert.equal(bad.status, 400);
    const syntax = await emu.call('GET', `/users?$filter=${encodeURIComponent("employeeId eq '1")}`);
    assert.equal(syntax.status, 400);
    assert.match(syntax.body.error.message, /Invalid filter clause/);
  });
});
