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
