import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { newUserBody, startTestEmulator, type TestEmulator, user } from './test-support.ts';

describe('users: create, read, update, delete', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator();
  });
  beforeEach(() => emu.state.reset());
  after(() => emu.close());

  test('POST /users returns 201 with the default properties and sets the primary SMTP address', async () => {
    const created = await emu.call('POST', '/users', {
      body: newUserBody('janine.boele', {
        mail: 'janine.boele@contoso.nl',
        employeeId: '1000123',
        givenName: 'Janine',
      }),
    });
    assert.equal(created.status, 201);
    assert.equal(created.body['@odata.context'], `${emu.httpUrl}/v1.0/$metadata#users/$entity`);
    assert.deepEqual(Object.keys(created.body).sort(), [
      '@odata.context',
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
    assert.match(created.body.id, /^[0-9a-f-]{36}$/);
    const read = await emu.call(
      'GET',
      `/users/${created.body.id}?$select=proxyAddresses,employeeId,accountEnabled`,
    );
    assert.deepEqual(read.body.proxyAddresses, ['SMTP:janine.boele@contoso.nl']);
    assert.equal(read.body.employeeId, '1000123');
    assert.equal(read.body.accountEnabled, true);
  });

  test('required properties are enforced', async () => {
    for (const missing of [
      'accountEnabled',
      'displayName',
      'mailNickname',
      'userPrincipalName',
      'passwordProfile',
    ]) {
      const body = newUserBody('x');
      delete body[missing];
      const answer = await emu.call('POST', '/users', { body });
      assert.equal(answer.status, 400, missing);
      assert.equal(answer.body.error.code, 'Request_BadRequest');
      assert.equal(
        answer.body.error.message,
        `Invalid value specified for property '${missing}' of resource 'User'.`,
      );
    }
  });

  test('UPN rules: character set, local part ≤ 64, verified domain', async () => {
    const ok = await emu.call('POST', '/users', {
      body: newUserBody('x', { userPrincipalName: "o'brien.j-x_y!z#a^b~c@contoso.nl" }),
    });
    assert.equal(ok.status, 201);
    for (const upn of [
      'jän@contoso.nl',
      'a b@contoso.nl',
      `${'a'.repeat(65)}@contoso.nl`,
      'no-at-sign',
      '.dot@contoso.nl',
    ]) {
      const answer = await emu.call('POST', '/users', { body: newUserBody('y', { userPrincipalName: upn }) });
      assert.equal(answer.status, 400, upn);
      assert.match(answer.body.error.message, /userPrincipalName/, upn);
    }
    const unverified = await emu.call('POST', '/users', {
      body: newUserBody('z', { userPrincipalName: 'z@unverified.example' }),
    });
    assert.equal(unverified.status, 400);
    assert.match(unverified.body.error.message, /domain portion of the userPrincipalName/);
    assert.equal(
      (
        await emu.call('POST', '/users', {
          body: newUserBody('w', { userPrincipalName: `${'a'.repeat(64)}@contoso.nl` }),
        })
      ).status,
      201,
    );
  });

  test('length limits, employeeId ≤ 16, empty strings and wrong types are 400', async () => {
    const cases: Record<string, unknown>[] = [
      { employeeId: '12345678901234567' },
      { department: 'd'.repeat(65) },
      { companyName: 'c'.repeat(65) },
      { jobTitle: 'j'.repeat(129) },
      { givenName: 'g'.repeat(65) },
      { displayName: 'n'.repeat(257) },
      { department: '' },
      { usageLocation: 'NLD' },
      { mail: 'jän@contoso.nl' },
      { employeeHireDate: '2025-02-01' },
    ];
    for (const extra of cases) {
      const answer = await emu.call('POST', '/users', { body: newUserBody('len', extra) });
      assert.equal(answer.status, 400, JSON.stringify(extra));
    }
    const typed = await emu.call('POST', '/users', { body: newUserBody('t', { accountEnabled: 'yes' }) });
    assert.equal(typed.status, 400);
    assert.match(typed.body.error.message, /Edm.Boolean/);
    const ok = await emu.call('POST', '/users', {
      body: newUserBody('ok', {
        employeeId: '1234567890123456',
        employeeHireDate: '2025-02-01T00:00:00+01:00',
      }),
    });
    assert.equal(ok.status, 201);
    const read = await emu.call('GET', `/users/${ok.body.id}?$select=employeeHireDate`);
    assert.equal(read.body.employeeHireDate, '2025-01-31T23:00:00Z');
  });

  test('password complexity is enforced', async () => {
    const weak = await emu.call('POST', '/users', {
      body: newUserBody('pw', { passwordProfile: { password: 'short' } }),
    });
    assert.equal(weak.status, 400);
    assert.match(weak.body.error.message, /password complexity/);
  });

  test('UPN, mail and alias must be unique: 400 ObjectConflict naming the property', async () => {
    const upn = await emu.call('POST', '/users', {
      body: newUserBody('dup', { userPrincipalName: 'USER1@contoso.nl' }),
    });
    assert.equal(upn.status, 400);
    assert.equal(upn.body.error.code, 'Request_BadRequest');
    assert.equal(
      upn.body.error.message,
      'Another object with the same value for property userPrincipalName already exists.',
    );
    assert.deepEqual(upn.body.error.details[0], { target: 'userPrincipalName', code: 'ObjectConflict' });
    assert.ok(upn.body.error.innerError.date);

    const mail = await emu.call('POST', '/users', {
      body: newUserBody('dup2', { mail: 'User2@Contoso.nl' }),
    });
    assert.equal(mail.status, 400);
    assert.equal(
      mail.body.error.message,
      'Another object with the same value for property proxyAddresses already exists.',
    );
    assert.equal(mail.body.error.details[0].code, 'ObjectConflict');

    const alias = await emu.call('POST', '/users', {
      body: newUserBody('user3', { userPrincipalName: 'someone.else@contoso.nl' }),
    });
    assert.equal(alias.status, 400);
    assert.match(alias.body.error.message, /property mailNickname/);
  });

  test('GET by id or UPN with $select; unknown users are 404 Request_ResourceNotFound', async () => {
    const byUpn = await emu.call('GET', '/users/User1@contoso.nl?$select=id,employeeId,department');
    assert.equal(byUpn.status, 200);
    assert.deepEqual(
      { ...byUpn.body, '@odata.context': undefined },
      { '@odata.context': undefined, id: user(1).id, employeeId: '1001', department: 'Finance' },
    );
    assert.equal(
      byUpn.body['@odata.context'],
      `${emu.httpUrl}/v1.0/$metadata#users(id,employeeId,department)/$entity`,
    );
    const byId = await emu.call('GET', `/users/${user(2).id}`);
    assert.equal(byId.body.userPrincipalName, 'user2@contoso.nl');
    assert.equal(byId.body.employeeId, undefined, 'employeeId is not a default property');

    const missing = await emu.call('GET', '/users/nobody@contoso.nl');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'Request_ResourceNotFound');
    assert.equal(
      missing.body.error.message,
      "Resource 'nobody@contoso.nl' does not exist or one of its queried reference-property objects are not present.",
    );
    const badSelect = await emu.call('GET', `/users/${user(1).id}?$select=shoeSize`);
    assert.equal(badSelect.status, 400);
  });

  test('PATCH: 204, changes stick; mail change keeps the old address as an alias', async () => {
    const patched = await emu.call('PATCH', `/users/${user(1).id}`, {
      body: {
        jobTitle: 'Developer',
        department: null,
        mail: 'u1.new@contoso.nl',
        employeeOrgData: { costCenter: 'CC1' },
      },
    });
    assert.equal(patched.status, 204);
    assert.equal(patched.body, '');
    const read = await emu.call(
      'GET',
      `/users/${user(1).id}?$select=jobTitle,department,mail,proxyAddresses,employeeOrgData`,
    );
    assert.equal(read.body.jobTitle, 'Developer');
    assert.equal(read.body.department, null);
    assert.deepEqual(read.body.proxyAddresses, ['SMTP:u1.new@contoso.nl', 'smtp:user1@contoso.nl']);
    assert.deepEqual(read.body.employeeOrgData, { costCenter: 'CC1' });
    // The old address still belongs to user 1.
    const taken = await emu.call('PATCH', `/users/${user(2).id}`, { body: { mail: 'user1@contoso.nl' } });
    assert.equal(taken.status, 400);
    assert.equal(taken.body.error.details[0].target, 'proxyAddresses');
  });

  test('PATCH: unknown and read-only properties are 400; a missing user is 404', async () => {
    const unknown = await emu.call('PATCH', `/users/${user(1).id}`, { body: { shoeSize: 44 } });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /shoeSize/);
    for (const readOnly of ['id', 'createdDateTime', 'proxyAddresses', 'onPremisesSyncEnabled']) {
      const answer = await emu.call('PATCH', `/users/${user(1).id}`, { body: { [readOnly]: null } });
      assert.equal(answer.status, 400, readOnly);
      assert.match(answer.body.error.message, /read-only/, readOnly);
    }
    assert.equal(
      (await emu.call('PATCH', '/users/ghost@contoso.nl', { body: { jobTitle: 'x' } })).status,
      404,
    );
    const badJson = await emu.call('PATCH', `/users/${user(1).id}`, { body: '{not json' });
    assert.equal(badJson.status, 400);
    assert.match(badJson.body.error.message, /Unable to read JSON request payload/);
  });

  test('on-premises synced users: only cloud-writable properties may change', async () => {
    await emu.call('POST', '/users', { body: newUserBody('synced') });
    const seeded = await fetch(`${emu.httpUrl}/__admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ userPrincipalName: 'hybrid@contoso.nl', onPremisesSyncEnabled: true }]),
    });
    const { users } = (await seeded.json()) as { users: { id: string }[] };
    const id = users[0]!.id;
    const refused = await emu.call('PATCH', `/users/${id}`, { body: { jobTitle: 'x' } });
    assert.equal(refused.status, 400);
    assert.equal(
      refused.body.error.message,
      'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.',
    );
    assert.equal((await emu.call('PATCH', `/users/${id}`, { body: { usageLocation: 'NL' } })).status, 204);
    assert.equal((await emu.call('DELETE', `/users/${id}`)).status, 400);
  });

  test('DELETE soft-deletes: listed in deletedItems, still blocks its UPN, restorable, purgeable', async () => {
    assert.equal((await emu.call('DELETE', `/users/${user(3).id}`)).status, 204);
    assert.equal((await emu.call('GET', `/users/${user(3).id}`)).status, 404);
    const deleted = await emu.call(
      'GET',
      '/directory/deletedItems/microsoft.graph.user?$select=id,userPrincipalName',
    );
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.value.length, 1);
    assert.equal(deleted.body.value[0].id, user(3).id);
    assert.match(deleted.body.value[0].deletedDateTime, /Z$/);

    const blocked = await emu.call('POST', '/users', {
      body: newUserBody('again', { userPrincipalName: 'user3@contoso.nl' }),
    });
    assert.equal(blocked.status, 400);
    assert.equal(blocked.body.error.details[0].code, 'ObjectConflict');

    const restored = await emu.call('POST', `/directory/deletedItems/${user(3).id}/restore`);
    assert.equal(restored.status, 200);
    assert.equal(restored.body.userPrincipalName, 'user3@contoso.nl');
    assert.equal((await emu.call('GET', `/users/${user(3).id}`)).status, 200);

    await emu.call('DELETE', `/users/${user(3).id}`);
    assert.equal((await emu.call('DELETE', `/directory/deletedItems/${user(3).id}`)).status, 204);
    assert.equal((await emu.call('GET', `/directory/deletedItems/${user(3).id}`)).status, 404);
    assert.equal(
      (
        await emu.call('POST', '/users', {
          body: newUserBody('user3b', { userPrincipalName: 'user3@contoso.nl' }),
        })
      ).status,
      201,
    );
    assert.equal((await emu.call('DELETE', '/users/ghost@contoso.nl')).status, 404);
  });

  test('unknown paths and methods answer like Graph', async () => {
    const unknown = await emu.call('GET', '/widgets');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'BadRequest');
    const method = await emu.call('PUT', '/users');
    assert.equal(method.status, 405);
  });
});
