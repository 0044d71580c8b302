/**
 * What an administrator types for a hybrid tenant's directory, through the API: URL schemes in any
 * case are the same URLs (stored in lower case, so the bind password stays with its controllers),
 * and DNs are parsed per RFC 4514 with each refusal naming the field, the RDN and the character.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { updateTenant } from '../../src/contracts/index.ts';
import { createTenantFor } from './support/fixtures.ts';
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
