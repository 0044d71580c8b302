/**
 * What an administrator types for a hybrid tenant's directory, through the API: URL schemes in any
 * case are the same URLs (stored in lower case, so the bind password stays with its controllers),
 * and DNs are parsed per RFC 4514 with each refusal naming the field, the RDN and the character.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTenant, saveSourceStep, updateTenant } from '../../src/contracts/index.ts';
import { configuredConnection, createTenantFor } from './support/fixtures.ts';
import { type Service, startService } from './support/service.ts';

let svc: Service;
let tenantId: string;
before(async () => {
  svc = await startService('sqlite');
  tenantId = (await createTenantFor(svc, { type: 'hybrid' })).tenantId;
});
after(async () => {
  await svc?.close();
});

const directory = (fields: Record<string, unknown>) => ({
  directory: {
    urls: ['ldaps://dc1.contoso.local'],
    bindUser: 'svc-hrsync@contoso.local',
    bindPassword: 'bind-password-1',
    container: 'OU=Staff,DC=contoso,DC=local',
    ...fields,
  },
});

test('LDAPS:// in capitals is accepted and stored in lower case; the same controller needs no password again', async () => {
  const saved = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: directory({ urls: ['LDAPS://DC1.Contoso.local:636', 'Ldap://dc2.contoso.local'] }),
  });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(saved.body.directory.urls, ['ldaps://dc1.contoso.local:636', 'ldap://dc2.contoso.local']);
  const { bindPassword: _, ...withoutPassword } = directory({
    urls: ['ldaps://dc1.contoso.local:636', 'LDAP://DC2.contoso.local'],
  }).directory;
  const same = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: { directory: withoutPassword },
  });
  assert.equal(same.status, 200, same.text);
  const moved = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: { directory: { ...withoutPassword, urls: ['LDAPS://dc9.elsewhere.example'] } },
  });
  assert.equal(moved.status, 400, moved.text);
  assert.equal(moved.body.error.details[0].path, '/directory/bindPassword');
  const plain = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: directory({ urls: ['LDAPI://dc1.contoso.local'] }),
  });
  assert.equal(plain.status, 400, plain.text);
});

test('a DN that is no DN is refused at its field, naming the RDN and the character', async () => {
  const refused = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: directory({
      baseDn: 'DC=contoso,,DC=local',
      container: 'OU=Sales;Marketing,DC=contoso,DC=local',
      disabledContainer: 'OU=Leavers,DC=contoso,DC=local',
      bindUser: 'CN=svc-hrsync,OU=Service\\Accounts,DC=contoso,DC=local',
    }),
  });
  assert.equal(refused.status, 400, refused.text);
  assert.deepEqual(refused.body.error.details, [
    {
      path: '/directory/baseDn',
      message:
        'not a distinguished name: RDN 2, at character 12, is empty: two commas in a row, or a comma at the start',
    },
    {
      path: '/directory/container',
      message:
        'not a distinguished name: RDN 1 ("OU=Sales;Marketing"), at character 9, has ";" in its value: write it as \\;',
    },
    {
      path: '/directory/bindUser',
      message:
        'not a distinguished name: RDN 2 ("OU=Service\\Accounts"), at character 25, has the escapes \\Ac, which are not UTF-8: write a character as all its UTF-8 bytes (é is \\C3\\A9), and a backslash itself as \\\\',
    },
  ]);
  const escaped = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: directory({
      container: 'OU=Sales\\; Marketing,OU=de Vries\\2C Jan + L=Amsterdam, DC=contoso,DC=local',
      bindUser: 'CN=svc-hrsync,OU=Service Accounts,DC=contoso,DC=local',
    }),
  });
  assert.equal(escaped.status, 200, escaped.text);
});

test('a container outside the base DN is refused at its field: accounts there would not be read back', async () => {
  const refused = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: directory({
      baseDn: 'OU=Managed,DC=contoso,DC=local',
      container: 'OU=Staff,OU=Managed,DC=contoso,DC=local',
      disabledContainer: 'OU=Leavers,DC=contoso,DC=local',
    }),
  });
  assert.equal(refused.status, 400, refused.text);
  assert.deepEqual(refused.body.error.details, [
    {
      path: '/directory/disabledContainer',
      message:
        '"OU=Leavers,DC=contoso,DC=local" is outside the base DN "OU=Managed,DC=contoso,DC=local", where hrsync reads accounts: an account placed there would not be found on the next run. Put the container inside the base DN or widen the base DN',
    },
  ]);
  const widened = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: directory({
      baseDn: 'dc=CONTOSO, dc=local',
      container: 'OU=Staff,OU=Managed,DC=contoso,DC=local',
      disabledContainer: 'OU=Leavers,DC=contoso,DC=local',
    }),
  });
  assert.equal(widened.status, 200, widened.text);
});

test('a body that fits no form of a union is refused at the field meant, with the allowed words and no echo of a secret', async () => {
  const { id } = await configuredConnection(svc, 1, (await createTenantFor(svc)).tenantId);
  const kind = await svc.call(saveSourceStep, {
    params: { id },
    body: { environment: { number: '12345', kind: 'acceptance' }, token: 't' },
  });
  assert.equal(kind.status, 400, kind.text);
  assert.deepEqual(kind.body.error.details, [
    { path: '/environment/kind', message: 'must be one of "production", "test", "accept"' },
  ]);
  const number = await svc.call(saveSourceStep, {
    params: { id },
    body: { environment: { number: '1234' }, token: 't' },
  });
  assert.equal(number.status, 400, number.text);
  assert.deepEqual(number.body.error.details, [
    {
      path: '/environment/number',
      message: 'must be the AFAS environment number: 5 or 6 digits, e.g. 12345',
    },
  ]);
  const url = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: directory({ urls: ['ldapi://dc1.contoso.local', 'LDAPS://dc2.contoso.local'] }),
  });
  assert.equal(url.status, 400, url.text);
  assert.deepEqual(url.body.error.details, [
    {
      path: '/directory/urls/0',
      message:
        'expected ldaps://host[:port], or ldap://host[:port] with StartTLS (got "ldapi://dc1.contoso.local")',
    },
  ]);
  // A union refused beside a secret that is too long: the secret's field is named, its value never.
  const password = `pw-${'x'.repeat(1200)}`;
  const both = await svc.call(updateTenant, {
    params: { id: tenantId },
    body: { type: 'on-premises', ...directory({ bindPassword: password }) },
  });
  assert.equal(both.status, 400, both.text);
  assert.deepEqual(both.body.error.details, [
    { path: '/type', message: 'must be one of "cloud", "hybrid"' },
    { path: '/directory/bindPassword', message: 'is longer than the 1000 characters it may have' },
  ]);
  assert.doesNotMatch(both.text, /pw-xxx/);
});

test('a change of the directory settings names only what changes; a tenant without any is told, in the form’s words, what it needs', async () => {
  const { tenantId: id, customerId } = await createTenantFor(svc, { type: 'hybrid' });
  // No directory settings yet: the required ones are named as the form labels them.
  const partial = await svc.call(updateTenant, {
    params: { id },
    body: { directory: { container: 'OU=Staff,DC=contoso,DC=local' } },
  });
  assert.equal(partial.status, 400, partial.text);
  assert.equal(
    partial.body.error.message,
    'The directory settings were refused: the tenant has no directory settings yet, so they need Domain controller URLs (urls) and Bind account (bindUser); a later change may send only what changes.',
  );
  assert.deepEqual(
    partial.body.error.details.map((d: { path: string }) => d.path),
    ['/directory/urls', '/directory/bindUser'],
  );
  const whole = await svc.call(updateTenant, {
    params: { id },
    body: directory({
      disabledContainer: 'OU=Leavers,DC=contoso,DC=local',
      upnSuffixes: ['contoso.nl'],
      mustChangePassword: false,
    }),
  });
  assert.equal(whole.status, 200, whole.text);
  // Only the container: everything else, the bind password included, is kept.
  const moved = await svc.call(updateTenant, {
    params: { id },
    body: { directory: { container: 'OU=Zorg,DC=contoso,DC=local' } },
  });
  assert.equal(moved.status, 200, moved.text);
  assert.deepEqual(moved.body.directory, {
    ...whole.body.directory,
    container: 'OU=Zorg,DC=contoso,DC=local',
  });
  assert.deepEqual(moved.body.directory.bindPassword, { set: true });
  // null clears an optional field; left out, it is kept.
  const cleared = await svc.call(updateTenant, {
    params: { id },
    body: { directory: { disabledContainer: null } },
  });
  assert.equal(cleared.status, 200, cleared.text);
  assert.equal(cleared.body.directory.disabledContainer, null);
  assert.equal(cleared.body.directory.container, 'OU=Zorg,DC=contoso,DC=local');
  assert.deepEqual(cleared.body.directory.upnSuffixes, ['contoso.nl']);
  // Other controllers still need the bind password again, also in a partial change.
  const elsewhere = await svc.call(updateTenant, {
    params: { id },
    body: { directory: { urls: ['ldaps://dc9.elsewhere.example'] } },
  });
  assert.equal(elsewhere.status, 400, elsewhere.text);
  assert.equal(elsewhere.body.error.details[0].path, '/directory/bindPassword');
  // A new tenant's directory settings are whole: a missing field is named by the form's label.
  const created = await svc.call(createTenant, {
    body: {
      customerId,
      name: 'Without controllers',
      type: 'hybrid',
      directoryId: svc.graph.tenantId,
      verifiedDomains: ['contoso.nl'],
      directory: { bindUser: 'svc-hrsync@contoso.local', container: 'OU=Staff,DC=contoso,DC=local' },
      subscriptionActive: true,
    },
  });
  assert.equal(created.status, 400, created.text);
  assert.match(created.body.error.message, /Active Directory › Domain controller URLs: is required/);
});
