/** 100,000 persons must generate in one go; the time is reported, not asserted (machines differ). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateCompany } from './generate.ts';

test('a 100,000-person company generates completely', (t) => {
  const started = performance.now();
  const company = generateCompany({ persons: 100_000, seed: 100_000, today: '2026-03-15' });
  const millis = performance.now() - started;
  const users = company.afas.connectors.find((c) => c.id === 'T4E_HelloID_Users_v2')!.rows;
  const employments = company.afas.connectors.find((c) => c.id === 'T4E_HelloID_Employments_v2')!.rows;
  assert.equal(users.length, 100_000);
  assert.ok(employments.length > 100_000);
  const upns = new Set(company.tenant.users.map((u) => u.userPrincipalName.toLowerCase()));
  assert.equal(upns.size, company.tenant.users.length, 'UPNs stay unique at scale');
  t.diagnostic(
    `100,000 persons, ${employments.length} employments, ${company.tenant.users.length} accounts in ${millis.toFixed(0)} ms; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
  );
});
