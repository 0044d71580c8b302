/**
 * A container outside the base DN, against a real Samba AD domain controller (127.0.0.87): the
 * connection reads accounts below OU=Staff only, and its mapping places persons of the unit "Extern"
 * in OU=Extern, which exists in the domain but lies outside that base. Samba would create the account
 * there; hrsync would then never read it back, find the person's link stale on the next run and create
 * them again, a duplicate every run. The planner refuses it per person instead: the simulation shows
 * the person failed with why, a sync writes nothing for them, and the next sync neither.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { itemReasonWords } from '../../src/contracts/index.ts';
import { company, type PersonSpec } from '../engine/company.ts';
import { addOu, startTestDomain, type TestDomain, users } from './support/samba.ts';
import { type DirectoryStack, startDirectoryStack, userUsn } from './support/stack.ts';

const ADDRESS = '127.0.0.87';
const jan: PersonSpec = {
  n: '3001',
  given: 'Jan',
  family: 'Jansen',
  jobs: [{ start: '2020-01-01', unit: 'ICT' }],
};
const eva: PersonSpec = {
  n: '3002',
  given: 'Eva',
  family: 'Buiten',
  jobs: [{ start: '2020-01-01', unit: 'Extern' }],
};

describe('a mapping that places a person outside the base DN (Samba)', () => {
  let domain: TestDomain;
  let stack: DirectoryStack;
  let staff: string;
  let extern: string;

  before(async () => {
    domain = await startTestDomain(ADDRESS);
    const base = domain.domain.baseDn;
    staff = `OU=Staff,${base}`;
    extern = `OU=Extern,${base}`;
    for (const ou of [staff, extern]) await addOu(domain.admin, ou);
    stack = await startDirectoryStack(company([jan, eva]), domain, (c) => ({
      ...c,
      target: { ...c.target, baseDn: staff },
      mapping: c.mapping.map((rule) =>
        rule.target === 'parentDistinguishedName'
          ? {
              ...rule,
              type: 'expression' as const,
              source: `Switch([Organisatorische_eenheid_code], "${staff}", "Extern", "${extern}")`,
            }
          : rule,
      ),
    }));
  });
  after(async () => {
    await stack?.close();
    await domain?.dispose();
  });

  /** Accounts of the employee anywhere in the domain, not only below the base DN hrsync reads. */
  const accountsOf = async (employeeId: string) =>
    [...(await users(domain.admin, domain.domain.baseDn, ['employeeID'])).values()].filter(
      (u) => u.employeeID === employeeId,
    );

  const expected = () =>
    `not created: "${extern}" is outside the base DN "${staff}", where hrsync reads accounts: an account placed there would not be found on the next run. Correct the mapping of parentDistinguishedName so that it gives a container inside the base DN, or widen the base DN`;

  test('the simulation shows the person failed with why, and writes nothing', async () => {
    const before = await userUsn(domain);
    const outcome = await stack.run('simulation');
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    assert.equal(await userUsn(domain), before, 'a simulation writes nothing');
    const byNumber = new Map(outcome.items.map((i) => [i.employeeNumber, i]));
    assert.equal(byNumber.get('3001')?.action, 'create');
    assert.equal(byNumber.get('3001')?.status, 'success');
    const e = byNumber.get('3002');
    assert.equal(e?.status, 'failed', JSON.stringify(e));
    assert.deepEqual(e?.error, { code: 'HRS_TARGET_VALUE_INVALID', message: expected() });
    assert.ok(e);
    assert.match(
      itemReasonWords(e, { timeZone: 'Europe/Amsterdam', tenantType: 'hybrid' }),
      /Not created: “OU=Extern,DC=hrsync,DC=test” is outside the base DN “OU=Staff,DC=hrsync,DC=test”, where hrsync reads accounts, so the account would not be found on the next run and would be created again/,
    );
  });

  test('a sync creates nothing for the person, and the next sync does not create them either', async () => {
    const first = await stack.run('sync');
    assert.equal(first.status, 'succeeded', JSON.stringify(first.error));
    const firstItems = new Map(first.items.map((i) => [i.employeeNumber, i]));
    assert.equal(firstItems.get('3001')?.status, 'success', JSON.stringify(firstItems.get('3001')));
    assert.equal(firstItems.get('3002')?.status, 'failed');
    assert.equal(firstItems.get('3002')?.error?.message, expected());
    assert.equal((await accountsOf('3001')).length, 1);
    assert.deepEqual(
      await accountsOf('3002'),
      [],
      'nothing was created for Eva, inside or outside the base DN',
    );
    assert.equal(
      (await stack.store.links()).some((l) => l.employeeNumber === '3002'),
      false,
    );

    const before = await userUsn(domain);
    const second = await stack.run('sync');
    assert.equal(second.status, 'succeeded', JSON.stringify(second.error));
    const items = new Map(second.items.map((i) => [i.employeeNumber, i]));
    assert.equal(items.get('3001')?.action, 'no-change', 'Jan’s account, inside the base DN, is read back');
    assert.equal(items.get('3002')?.status, 'failed');
    assert.equal(items.get('3002')?.error?.message, expected());
    assert.equal(await userUsn(domain), before, 'the second sync wrote nothing');
    assert.deepEqual(await accountsOf('3002'), []);
  });
});
