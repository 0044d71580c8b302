import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConnectionConfig } from './validate.ts';

const minimal = () => ({
  version: 1,
  source: {
    type: 'afas-profit',
    environment: { number: '12345', kind: 'test' },
    token: { env: 'AFAS_TOKEN' },
  },
  target: {
    type: 'entra',
    tenantId: 'contoso.onmicrosoft.com',
    clientId: '00000000-0000-0000-0000-000000000001',
    credential: { type: 'secret', secret: { file: 'secret.txt' } },
    defaultDomain: 'contoso.nl',
  },
  mapping: [{ target: 'employeeId', type: 'direct', source: 'Medewerker' }],
  uniqueness: { candidates: ['[Roepnaam]'] },
  scope: {},
  persons: {},
  lifecycle: {},
  thresholds: {},
  writeBack: {},
});

test('defaults are filled in for omitted settings', () => {
  const r = parseConnectionConfig(minimal());
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.equal(r.config.timeZone, 'Europe/Amsterdam');
  assert.equal(r.config.source.pageSize, 1000);
  assert.equal(r.config.source.connectors.users, 'T4E_HelloID_Users_v2');
  assert.deepEqual(r.config.matching, ['employeeId']);
  assert.equal(r.config.lifecycle.deleteAfterDays, null);
  assert.equal(r.config.persons.leadDays, 14);
});

test('every problem at once, each with its path', () => {
  const c = minimal() as Record<string, unknown> & ReturnType<typeof minimal>;
  c.timeZone = 'Europe/Atlantis';
  (c.source as Record<string, unknown>).parallel = 9;
  c.mapping.push({ target: 'employeeId', type: 'direct', source: 'Persoonsnummer' });
  (c as Record<string, unknown>).matching = ['mail'];
  const r = parseConnectionConfig(c);
  assert.ok(!r.ok);
  const paths = r.errors.map((e) => e.path).sort();
  assert.deepEqual(paths, ['/mapping/1/target', '/matching/0', '/source/parallel', '/timeZone']);
});

test('an unknown version is refused before anything else', () => {
  const r = parseConnectionConfig({ ...minimal(), version: 2 });
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => e.path),
    ['/version'],
  );
});

test('disabling every disable/delete threshold is refused', () => {
  const r = parseConnectionConfig({
    ...minimal(),
    thresholds: { maxDisableDeleteCount: null, maxDisableDeletePercent: null },
  });
  assert.ok(!r.ok);
  assert.match(r.errors[0]?.message ?? '', /could disable everyone/);
});

// biome-ignore lint/suspicious/noExplicitAny: a hand-edited file, changed field by field
type EditedFile = Record<string, any>;

const hybrid = () => ({
  ...minimal(),
  target: {
    type: 'active-directory',
    urls: ['ldaps://dc1.corp.example:636'],
    bindUser: 'svc-hrsync@corp.example',
    bindPassword: { env: 'BIND_PASSWORD' },
    container: 'OU=Staff,DC=corp,DC=example',
    defaultDomain: 'corp.example',
  },
});

test('a wrong word or format inside the AFAS environment, target or credential names the field and what it may be', () => {
  const errors = (edit: (c: EditedFile) => void) => {
    const c: EditedFile = hybrid();
    edit(c);
    const r = parseConnectionConfig(c);
    assert.ok(!r.ok);
    return r.errors;
  };
  assert.deepEqual(
    errors((c) => {
      c.source.environment.kind = 'acceptance';
    }),
    [
      {
        path: '/source/environment/kind',
        message: 'must be one of "production", "test", "accept" (got "acceptance")',
      },
    ],
  );
  assert.deepEqual(
    errors((c) => {
      c.source.environment = { number: '1234' };
    }),
    [
      {
        path: '/source/environment/number',
        message: 'expected the AFAS environment number: 5 or 6 digits, e.g. "12345" (got "1234")',
      },
    ],
  );
  assert.match(
    errors((c) => {
      c.source.environment = 'production';
    })[0]?.message ?? '',
    /^expected \{"number": "12345", "kind": "production", "test" or "accept"\} or \{"baseUrl": .*\(got "production"\)$/,
  );
  assert.deepEqual(
    errors((c) => {
      c.target.type = 'ad';
    }),
    [{ path: '/target/type', message: 'must be one of "entra", "active-directory" (got "ad")' }],
  );
  // Inside the member the target names: its own field, with the member's defaults filled in.
  assert.deepEqual(
    errors((c) => {
      c.target.urls = ['ldapi://dc1.corp.example'];
    }),
    [
      {
        path: '/target/urls/0',
        message:
          'expected ldaps://host[:port], or ldap://host[:port] with StartTLS (got "ldapi://dc1.corp.example")',
      },
    ],
  );
  assert.deepEqual(
    errors((c) => {
      c.target = { ...minimal().target, credential: { type: 'secrets', secret: { env: 'A' } } };
    }),
    [{ path: '/target/credential/type', message: 'must be one of "secret", "certificate" (got "secrets")' }],
  );
});

test('URL schemes in capitals are the same URLs: LDAPS:// and HTTPS:// are accepted', () => {
  const c = hybrid();
  c.target.urls = ['LDAPS://dc1.corp.example:636', 'Ldap://dc2.corp.example'];
  (c.source as Record<string, unknown>).environment = {
    baseUrl: 'HTTPS://12345.rest.afas.online/ProfitRestServices',
  };
  const r = parseConnectionConfig(c);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
});

test('a hybrid target’s DNs and AD group DNs are parsed per RFC 4514, each error at its field', () => {
  const c: EditedFile = hybrid();
  c.target.baseDn = 'DC=corp,,DC=example';
  c.target.disabledContainer = 'OU=<Leavers>,DC=corp,DC=example';
  c.target.bindUser = 'CN=svc,OU=Service\\Accounts,DC=corp';
  c.entitlements = [
    {
      name: 'Staff',
      condition: [{ clauses: [{ attribute: 'Afdeling', operator: 'IS_NOT_NULL' }] }],
      groups: [{ id: 'CN=Staff,OU=Groups,DC=corp' }, { id: 'cn=staff, ou=groups, dc=corp' }, { id: 'Staff' }],
    },
  ];
  const r = parseConnectionConfig(c);
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => e.path),
    [
      '/target/baseDn',
      '/target/disabledContainer',
      '/target/bindUser',
      '/entitlements/0/groups/1/id',
      '/entitlements/0/groups/2/id',
    ],
  );
  assert.match(
    r.errors[1]?.message ?? '',
    /^not a distinguished name: RDN 1 \("OU=<Leavers>"\), at character 4, has "<" in its value: write it as \\<$/,
  );
  assert.match(r.errors[3]?.message ?? '', /is listed twice in this rule/);
});

test('a container or disabled container outside the base DN is refused at its field, saying why and what to do', () => {
  const c: EditedFile = hybrid();
  c.target.baseDn = 'OU=Managed,DC=corp,DC=example';
  c.target.container = 'OU=Staff,DC=corp,DC=example';
  c.target.disabledContainer = 'OU=Leavers,DC=corp,DC=example';
  const r = parseConnectionConfig(c);
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => e.path),
    ['/target/container', '/target/disabledContainer'],
  );
  assert.equal(
    r.errors[0]?.message,
    '"OU=Staff,DC=corp,DC=example" is outside the base DN "OU=Managed,DC=corp,DC=example", where hrsync reads accounts: an account placed there would not be found on the next run. Put the container inside the base DN or widen the base DN',
  );
  assert.match(r.errors[1]?.message ?? '', /^"OU=Leavers,DC=corp,DC=example" is outside the base DN /);
});

test('containers within the base DN pass however they are written (RFC 4514: case, spacing, escapes)', () => {
  const c: EditedFile = hybrid();
  c.target.baseDn = 'OU=Sales\\, Marketing,DC=Corp,DC=Example';
  c.target.container = 'ou=staff, ou=sales\\2C marketing, dc=corp, dc=example';
  c.target.disabledContainer = 'OU=Sales\\, Marketing,DC=corp,DC=example';
  const r = parseConnectionConfig(c);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  // Without a base DN the domain is read; only a run knows it, so nothing is refused here.
  const unset: EditedFile = hybrid();
  unset.target.container = 'OU=Staff,DC=elsewhere,DC=example';
  assert.ok(parseConnectionConfig(unset).ok);
});

test('a comma inside a value is no RDN boundary: OU=x\\,DC=example is not below DC=example', () => {
  const c: EditedFile = hybrid();
  c.target.baseDn = 'DC=example';
  c.target.container = 'OU=x\\,DC=example';
  const r = parseConnectionConfig(c);
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => e.path),
    ['/target/container'],
  );
});

test('a constant placement mapping outside the base DN is refused at the mapping, pointing at the mapping', () => {
  const c: EditedFile = hybrid();
  c.target.baseDn = 'DC=corp,DC=example';
  c.mapping = [
    { target: 'employeeId', type: 'direct', source: 'Medewerker' },
    { target: 'parentDistinguishedName', type: 'constant', source: 'OU=Staff,DC=other,DC=example' },
  ];
  const r = parseConnectionConfig(c);
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => e.path),
    ['/mapping/1/source'],
  );
  assert.match(
    r.errors[0]?.message ?? '',
    /would not be found on the next run\. Correct the mapping of parentDistinguishedName/,
  );
});
