import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { smallTenant, startTestEmulator, type TestEmulator, user } from './test-support.ts';

const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

describe('sensitive actions on administrators', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({
      tenant: {
        ...smallTenant([user(1), user(2), user(3)]),
        directoryRoles: [
          {
            id: 'r1',
            roleTemplateId: USER_ADMINISTRATOR,
            displayName: 'User Administrator',
            members: [user(1).id],
          },
          {
            id: 'r2',
            roleTemplateId: HELPDESK_ADMINISTRATOR,
            displayName: 'Helpdesk Administrator',
            members: [user(2).id],
          },
        ],
      },
    });
  });
  after(() => emu.close());

  test('an app with User.ReadWrite.All may not change a privileged administrator’s sign-in properties or delete them', async () => {
    const admin = user(1).id;
    for (const body of [
      { mobilePhone: '+31 6 12345678' },
      { accountEnabled: false },
      { businessPhones: [] },
    ]) {
      const refused = await emu.call('PATCH', `/users/${admin}`, { body: { jobTitle: 'x', ...body } });
      assert.equal(refused.status, 403, JSON.stringify(body));
      assert.equal(refused.body.error.code, 'Authorization_RequestDenied');
      assert.equal(refused.body.error.message, 'Insufficient privileges to complete the operation.');
    }
    assert.equal((await emu.call('DELETE', `/users/${admin}`)).status, 403);
    assert.equal(
      (await emu.call('PATCH', `/users/${admin}`, { body: { jobTitle: 'Beheerder' } })).status,
      204,
    );
    const read = await emu.call('GET', `/users/${admin}?$select=jobTitle,mobilePhone,accountEnabled`);
    assert.deepEqual(
      [read.body.jobTitle, read.body.mobilePhone, read.body.accountEnabled],
      ['Beheerder', null, true],
    );
  });

  test('holders of a limited role (Helpdesk Administrator) and everyone else may be changed', async () => {
    for (const n of [2, 3]) {
      const id = user(n).id;
      assert.equal(
        (await emu.call('PATCH', `/users/${id}`, { body: { mobilePhone: '+31 6 1' } })).status,
        204,
      );
      assert.equal(
        (await emu.call('PATCH', `/users/${id}`, { body: { accountEnabled: false } })).status,
        204,
      );
    }
  });
});
