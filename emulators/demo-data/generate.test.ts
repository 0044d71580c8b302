import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serializeDataset } from './dataset-file.ts';
import { generateCompany } from './generate.ts';
import { todayInAmsterdam } from './local-date.ts';
import { NO_EXISTING_ACCOUNTS, STEADY_STATE } from './proportions.ts';
import type { DemoCompany } from './types.ts';

const TODAY = '2026-03-15';
const rows = (company: DemoCompany, id: string) =>
  company.afas.connectors.find((c) => c.id === id)?.rows ?? [];

test('the same seed and options give byte-identical JSON', () => {
  const a = serializeDataset(generateCompany({ persons: 500, seed: 99, today: TODAY }));
  const b = serializeDataset(generateCompany({ persons: 500, seed: 99, today: TODAY }));
  assert.equal(a, b);
});

test('another seed, date or domain gives another company', () => {
  const base = serializeDataset(generateCompany({ persons: 200, seed: 1, today: TODAY }));
  assert.notEqual(serializeDataset(generateCompany({ persons: 200, seed: 2, today: TODAY })), base);
  assert.notEqual(serializeDataset(generateCompany({ persons: 200, seed: 1, today: '2026-03-16' })), base);
  const fabrikam = generateCompany({ persons: 200, seed: 1, today: TODAY, domain: 'fabrikam.nl' });
  assert.ok(fabrikam.tenant.domains.some((d) => d.id === 'fabrikam.nl' && d.isDefault && d.isVerified));
  assert.ok(fabrikam.tenant.domains.some((d) => d.id === 'fabrikam.onmicrosoft.com' && d.isVerified));
});

test('explicit tenant and environment ids are used as given; defaults come from the seed', () => {
  const tenantId = '0b0f1a3e-5c9d-4e2f-8a7b-6c5d4e3f2a1b';
  const given = generateCompany({ persons: 10, seed: 4, today: TODAY, tenantId, environmentId: '54321' });
  assert.equal(given.tenant.tenantId, tenantId);
  assert.equal(given.afas.environmentId, '54321');
  const a = generateCompany({ persons: 10, seed: 4, today: TODAY });
  const b = generateCompany({ persons: 10, seed: 5, today: TODAY });
  assert.match(a.afas.environmentId, /^[0-9]{5}$/);
  assert.notEqual(a.tenant.tenantId, b.tenant.tenantId);
});

test('without today the company is generated for today in Amsterdam', () => {
  const company = generateCompany({ persons: 10, seed: 1 });
  assert.equal(company.manifest?.options.today, todayInAmsterdam());
});

test('10 persons: a complete small company', () => {
  const company = generateCompany({ persons: 10, seed: 1, today: TODAY });
  assert.equal(rows(company, 'T4E_HelloID_Users_v2').length, 10);
  assert.ok(rows(company, 'T4E_HelloID_Employments_v2').length >= 10);
  const units = rows(company, 'T4E_HelloID_OrganizationalUnits_v2');
  assert.ok(units.length >= 4, 'company, division, department and team');
  assert.ok(company.tenant.users.length > 0);
});

test('10,000 persons: sizes scale with the company', () => {
  const company = generateCompany({ persons: 10_000, seed: 3, today: TODAY });
  const employments = rows(company, 'T4E_HelloID_Employments_v2').length;
  assert.equal(rows(company, 'T4E_HelloID_Users_v2').length, 10_000);
  assert.ok(employments > 10_000 && employments < 12_000, `${employments} employments`);
  const units = rows(company, 'T4E_HelloID_OrganizationalUnits_v2').length;
  assert.ok(units > 800 && units < 1300, `${units} org units`);
  const linked = company.tenant.users.filter((u) => u.employeeId).length;
  assert.ok(linked > 8_000 && linked < 9_500, `${linked} linked accounts`);
});

test('NO_EXISTING_ACCOUNTS leaves the tenant without users; STEADY_STATE without joiners or leavers', () => {
  const empty = generateCompany({ persons: 300, seed: 2, today: TODAY, proportions: NO_EXISTING_ACCOUNTS });
  assert.equal(empty.tenant.users.length, 0);
  assert.ok(empty.tenant.subscribedSkus.some((s) => s.prepaidUnits.enabled >= 300));
  const steady = generateCompany({ persons: 300, seed: 2, today: TODAY, proportions: STEADY_STATE });
  assert.equal(steady.manifest?.counts.lifecycle.employee, 300);
  assert.equal(steady.manifest?.persons.staleAttributes.length, 0);
  assert.ok(steady.tenant.users.filter((u) => u.employeeId).length === 300);
});

test('bad options are refused with a message that names the option', () => {
  const ok = { persons: 10, seed: 1, today: TODAY };
  assert.throws(() => generateCompany({ ...ok, persons: 0 }), /persons must be a whole number from 1/);
  assert.throws(() => generateCompany({ ...ok, persons: 2.5 }), /persons/);
  assert.throws(() => generateCompany({ ...ok, seed: Number.NaN }), /seed/);
  assert.throws(() => generateCompany({ ...ok, today: '15-03-2026' }), /today must be a date/);
  assert.throws(() => generateCompany({ ...ok, domain: 'not a domain' }), /domain/);
  assert.throws(() => generateCompany({ ...ok, tenantId: 'abc' }), /tenantId must be a GUID/);
  assert.throws(() => generateCompany({ ...ok, environmentId: '12' }), /environmentId/);
  assert.throws(
    () => generateCompany({ ...ok, proportions: { joiners: 1.5 } }),
    /"joiners" must be a number from 0 to 1/,
  );
  assert.throws(
    () => generateCompany({ ...ok, proportions: { joiners: 0.6, leavers: 0.6 } }),
    /must not exceed 1/,
  );
  assert.throws(
    () => generateCompany({ ...ok, proportions: { typo: 0.1 } as unknown as Record<string, number> }),
    /unknown proportion "typo"/,
  );
});
