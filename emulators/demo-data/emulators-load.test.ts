/** The generated data must load into both emulators as it is (they refuse conflicting accounts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AfasEmulatorState } from '../afas/index.ts';
import { Directory } from '../graph/directory/directory.ts';
import { generateCompany } from './generate.ts';

const company = generateCompany({ persons: 2000, seed: 17, today: '2026-03-15' });

test('the Graph emulator accepts every generated account (no UPN, alias or address conflict)', () => {
  const directory = new Directory(company.tenant, () => Date.parse('2026-03-15T12:00:00Z'));
  assert.equal(directory.userCount, company.tenant.users.length);
  assert.ok(directory.isVerifiedDomain('contoso.nl'));
  assert.equal(directory.isVerifiedDomain('contoso-groep.nl'), false);
});

test('the AFAS emulator serves every generated connector with all its rows', () => {
  const state = new AfasEmulatorState({ dataset: company.afas });
  for (const connector of company.afas.connectors)
    assert.equal(state.table(connector.id)?.rowCount, connector.rows.length, connector.id);
});
