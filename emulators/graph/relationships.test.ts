import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  GROUP_ID,
  SKU_E3,
  startTestEmulator,
  type TestEmulator,
  user,
} from './test-support.ts';

const NO_LIFECYCLE = 'cccc0000-0000-4000-8000-000000000001';
const NO_GROUPS = 'cccc0000-0000-4000-8000-000000000002';

describe('manager, groups, licences, organisation', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({
      apps: [
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
        {
          clientId: NO_LIFECYCLE,
          clientSecret: CLIENT_SECRET,
          permissions: ['User.ReadWrite.All', 'User.Read.All'],
        },
        { clientId: NO_GROUPS, clientSecret: CLIENT_SECRET, permissions: ['User.ReadWrite.All'] },
      ],
    });
  });
  beforeEach(() => emu.state.reset());
  after(() => emu.close());

  const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${id}` });

  test('manager: PUT $ref, GET, DELETE $ref, and the documented 404 when there is none', async () => {
    const none = await emu.call('GET', `/users/${user(2).id}/manager`);
    assert.equal(none.status, 404);
    assert.equal(none.body.error.code, 'Request_ResourceNotFound');
    assert.equal(
      none.body.error.message,
      "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
    );
    assert.equal(
      (await emu.call('PUT', `/users/${user(2).id}/manager/$ref`, { body: ref(user(1).id) })).status,
      204,
    );
    const manager = await emu.call('GET', `/users/${user(2).id}/manager?$select=id,displayName`);
    assert.equal(manager.status, 200);
    assert.equal(manager.body['@odata.type'], '#microsoft.graph.user');
    assert.equal(manager.body.id, user(1).id);
    assert.equal(manager.body.displayName, 'User 1');

    const directoryObjectsRef = { '@odata.id': `${emu.httpUrl}/v1.0/directoryObjects/${user(3).id}` };
    assert.equal(
      (await emu.call('PUT', `/users/${user(2).id}/manager/$ref`, { body: directoryObjectsRef })).status,
      204,
    );
    assert.equal((await emu.call('GET', `/users/${user(2).id}/manager`)).body.id, user(3).id);

    assert.equal((await emu.call('DELETE', `/users/${user(2).id}/manager/$ref`)).status, 204);
    assert.equal((await emu.call('GET', `/users/${user(2).id}/manager`)).status, 404);
    assert.equal((await emu.call('DELETE', `/users/${user(2).id}/manager/$ref`)).status, 404);
  });

  test('manager: missing reference, unknown manager and unknown user are refused', async () => {
    assert.equal((await emu.call('PUT', `/users/${user(2).id}/manager/$ref`, { body: {} })).status, 400);
    const unknownManager = await emu.call('PUT', `/users/${user(2).id}/manager/$ref`, {
      body: ref('99999999-0000-4000-8000-000000000000'),
    });
    assert.equal(unknownManager.status, 404);
    assert.equal(
      (await emu.call('PUT', '/users/ghost@contoso.nl/manager/$ref', { body: ref(user(1).id) })).status,
      404,
    );
    assert.equal(
      (await emu.call('PUT', `/users/${user(1).id}/manager/$ref`, { body: ref(user(1).id) })).status,
      400,
    );
  });

  test('group members: add, already a member (400), remove, not a member (404), permission', async () => {
    const add = () =>
      emu.call('POST', `/groups/${GROUP_ID}/members/$ref`, {
        body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${user(1).id}` },
      });
    assert.equal((await add()).status, 204);
    const again = await add();
    assert.equal(again.status, 400);
    assert.equal(
      again.body.error.message,
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
    const members = await emu.call('GET', `/groups/${GROUP_ID}/members?$select=id`);
    assert.deepEqual(members.body.value, [{ '@odata.type': '#microsoft.graph.user', id: user(1).id }]);
    assert.equal((await emu.call('DELETE', `/groups/${GROUP_ID}/members/${user(1).id}/$ref`)).status, 204);
    assert.equal((await emu.call('DELETE', `/groups/${GROUP_ID}/members/${user(1).id}/$ref`)).status, 404);
    assert.equal(
      (
        await emu.call('POST', '/groups/00000000-0000-4000-8000-00000000dead/members/$ref', {
          body: ref(user(1).id),
        })
      ).status,
      404,
    );

    const token = await emu.token(NO_GROUPS, CLIENT_SECRET);
    const denied = await emu.call('POST', `/groups/${GROUP_ID}/members/$ref`, {
      token,
      body: ref(user(2).id),
    });
    assert.equal(denied.status, 403);
  });

  test('assignLicense needs a usage location and consumes units; subscribedSkus shows them', async () => {
    const body = { addLicenses: [{ skuId: SKU_E3, disabledPlans: [] }], removeLicenses: [] };
    const noLocation = await emu.call('POST', `/users/${user(1).id}/assignLicense`, { body });
    assert.equal(noLocation.status, 400);
    assert.equal(
      noLocation.body.error.message,
      'License assignment cannot be done for user with invalid usage location.',
    );

    for (const n of [1, 2, 3])
      await emu.call('PATCH', `/users/${user(n).id}`, { body: { usageLocation: 'nl' } });
    const first = await emu.call('POST', `/users/${user(1).id}/assignLicense`, { body });
    assert.equal(first.status, 200);
    assert.equal(first.body.id, user(1).id);
    assert.equal((await emu.call('POST', `/users/${user(2).id}/assignLicense`, { body })).status, 200);
    const skus = await emu.call('GET', '/subscribedSkus');
    assert.equal(skus.body.value[0].consumedUnits, 2);
    assert.equal(skus.body.value[0].prepaidUnits.enabled, 2);
    const exhausted = await emu.call('POST', `/users/${user(3).id}/assignLicense`, { body });
    assert.equal(exhausted.status, 400);

    const removed = await emu.call('POST', `/users/${user(1).id}/assignLicense`, {
      body: { addLicenses: [], removeLicenses: [SKU_E3] },
    });
    assert.equal(removed.status, 200);
    assert.equal((await emu.call('GET', '/subscribedSkus')).body.value[0].consumedUnits, 1);
    const read = await emu.call('GET', `/users/${user(2).id}?$select=assignedLicenses,usageLocation`);
    assert.deepEqual(read.body, {
      '@odata.context': read.body['@odata.context'],
      assignedLicenses: [{ skuId: SKU_E3, disabledPlans: [] }],
      usageLocation: 'NL',
    });
    const unknownSku = await emu.call('POST', `/users/${user(3).id}/assignLicense`, {
      body: { addLicenses: [{ skuId: '11111111-1111-4111-8111-111111111111' }], removeLicenses: [] },
    });
    assert.equal(unknownSku.status, 400);
  });

  test('employeeLeaveDateTime needs User-LifeCycleInfo.ReadWrite.All', async () => {
    const body = { employeeLeaveDateTime: '2025-06-30T22:00:00Z' };
    const token = await emu.token(NO_LIFECYCLE, CLIENT_SECRET);
    const denied = await emu.call('PATCH', `/users/${user(1).id}`, { token, body });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'Authorization_RequestDenied');
    assert.equal(
      (await emu.call('GET', `/users/${user(1).id}?$select=employeeLeaveDateTime`, { token })).status,
      403,
    );
    assert.equal((await emu.call('PATCH', `/users/${user(1).id}`, { body })).status, 204);
    const read = await emu.call('GET', `/users/${user(1).id}?$select=employeeLeaveDateTime`);
    assert.equal(read.body.employeeLeaveDateTime, '2025-06-30T22:00:00Z');
    assert.equal(
      (await emu.call('PATCH', `/users/${user(1).id}`, { body: { employeeLeaveDateTime: null } })).status,
      204,
    );
  });

  test('organization and domains', async () => {
    const org = await emu.call('GET', '/organization');
    assert.equal(org.status, 200);
    assert.equal(org.body.value[0].id, emu.tenantId);
    assert.deepEqual(
      org.body.value[0].verifiedDomains.map((d: { name: string }) => d.name),
      ['contoso.nl', 'contoso.onmicrosoft.com'],
    );
    const domains = await emu.call('GET', '/domains');
    assert.equal(domains.body.value.length, 3);
    assert.equal(domains.body.value.find((d: { isDefault: boolean }) => d.isDefault).id, 'contoso.nl');
    const token = await emu.token(NO_GROUPS, CLIENT_SECRET);
    assert.equal((await emu.call('GET', '/organization', { token })).status, 403);
  });
});
