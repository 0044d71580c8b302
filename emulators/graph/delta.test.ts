import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newUserBody, smallTenant, startTestEmulator, type TestEmulator, user } from './test-support.ts';

describe('GET /users/delta', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({ tenant: smallTenant(Array.from({ length: 5 }, (_, i) => user(i + 1))) });
  });
  after(() => emu.close());

  /** Follows nextLinks to the end of a round; returns the items and the deltaLink. */
  async function round(start: string, pageSize?: number) {
    const items: Record<string, unknown>[] = [];
    let link = start;
    let pages = 0;
    for (;;) {
      const page = await emu.call('GET', link.replace(`${emu.httpUrl}/v1.0`, ''), {
        headers: pageSize ? { Prefer: `odata.maxpagesize=${pageSize}` } : {},
      });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      items.push(...page.body.value);
      pages++;
      if (page.body['@odata.nextLink']) {
        assert.equal(page.body['@odata.deltaLink'], undefined);
        link = page.body['@odata.nextLink'];
        continue;
      }
      assert.match(
        page.body['@odata.deltaLink'],
        /^http:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\/delta\?\$deltatoken=/,
      );
      return { items, deltaLink: page.body['@odata.deltaLink'] as string, pages };
    }
  }

  test('a full round pages through everyone, then the deltaLink returns only changes', async () => {
    const first = await round('/users/delta?$select=id,employeeId,accountEnabled', 2);
    assert.equal(first.pages, 3);
    assert.equal(first.items.length, 5);
    assert.deepEqual(Object.keys(first.items[0]!).sort(), ['accountEnabled', 'employeeId', 'id']);

    const quiet = await round(first.deltaLink);
    assert.deepEqual(quiet.items, []);

    await emu.call('PATCH', `/users/${user(2).id}`, { body: { accountEnabled: false } });
    const created = await emu.call('POST', '/users', { body: newUserBody('newbie', { employeeId: '9000' }) });
    await emu.call('DELETE', `/users/${user(4).id}`);
    const changes = await round(quiet.deltaLink);
    assert.deepEqual(changes.items, [
      { id: user(2).id, employeeId: '1002', accountEnabled: false },
      { id: user(4).id, '@removed': { reason: 'changed' } },
      { id: created.body.id, employeeId: '9000', accountEnabled: true },
    ]);

    await emu.call('DELETE', `/directory/deletedItems/${user(4).id}`);
    const purged = await round(changes.deltaLink);
    assert.deepEqual(purged.items, [{ id: user(4).id, '@removed': { reason: 'deleted' } }]);

    // The earlier link still works and reports the accumulated changes since then.
    const replay = await round(quiet.deltaLink);
    assert.equal(replay.items.length, 3);
  });

  test('$select=manager answers manager@delta, and a manager change is a change', async () => {
    const first = await round('/users/delta?$select=id,manager');
    const u1 = first.items.find((u) => u.id === user(1).id);
    assert.deepEqual(u1?.['manager@delta'], []);
    const set = await emu.call('PUT', `/users/${user(1).id}/manager/$ref`, {
      body: { '@odata.id': `https://graph.microsoft.com/v1.0/users/${user(3).id}` },
    });
    assert.equal(set.status, 204);
    const next = await round(first.deltaLink);
    assert.deepEqual(next.items, [
      { id: user(1).id, 'manager@delta': [{ '@odata.type': '#microsoft.graph.user', id: user(3).id }] },
    ]);
  });

  test('$filter=id eq … limits the round; other filters are refused', async () => {
    const filter = encodeURIComponent(`id eq '${user(1).id}' or id eq '${user(3).id}'`);
    const limited = await round(`/users/delta?$select=id&$filter=${filter}`);
    assert.deepEqual(
      limited.items.map((u) => u.id),
      [user(1).id, user(3).id],
    );
    const refused = await emu.call('GET', `/users/delta?$filter=${encodeURIComponent("employeeId eq '1'")}`);
    assert.equal(refused.status, 400);
    assert.equal((await emu.call('GET', '/users/delta?$deltatoken=nonsense')).status, 400);
  });
});
