/**
 * Joiner / mover / leaver / rehire / name change, end to end: AFAS emulator → engine → Graph
 * emulator over HTTPS, asserting the resulting Entra accounts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { company, type PersonSpec, tenant } from './company.ts';
import { type Stack, startStack } from './stack.ts';

const boss: PersonSpec = {
  n: '1000',
  given: 'Marieke',
  family: 'Bos',
  jobs: [{ start: '2015-01-01', title: 'Directeur' }],
};
const jan: PersonSpec = {
  n: '1001',
  given: 'Jan',
  family: 'Jansen',
  jobs: [{ start: '2020-03-01', title: 'Adviseur', manager: '1000' }],
};
const eva: PersonSpec = {
  n: '1002',
  given: 'Eva',
  family: 'Boele',
  prefix: 'van den',
  jobs: [{ start: '2021-01-01', title: 'Developer', unit: 'ICT', manager: '1000' }],
};
const piet: PersonSpec = {
  n: '1003',
  given: 'Piet',
  family: 'Smit',
  jobs: [{ start: '2019-01-01', manager: '1000' }],
};
const zoe: PersonSpec = {
  n: '1004',
  given: 'Zoë',
  family: "d'Hondt",
  jobs: [{ start: '2026-12-01', manager: '1000' }],
};

describe('lifecycle end to end', () => {
  let stack: Stack;
  before(async () => {
    // A five-person company: one leaver is 20 % of it, so only the count threshold applies here.
    stack = await startStack(company([boss, jan, eva, piet, zoe]), tenant(), {
      configure: (c) => ({ ...c, thresholds: { ...c.thresholds, maxDisableDeletePercent: null } }),
    });
  });
  after(() => stack.close());

  const user = (employeeId: string) => stack.users().find((u) => u.employeeId === employeeId);

  test('joiners get accounts, a pre-hire a disabled one, managers in a second pass', async () => {
    const outcome = await stack.run('sync');
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    assert.equal(outcome.actionCounts.create, 5);
    assert.equal(
      outcome.statusCounts.failed,
      0,
      JSON.stringify(outcome.items.filter((i) => i.status === 'failed')),
    );
    const e = user('1002');
    assert.equal(e?.userPrincipalName, 'eva.vandenboele@contoso.nl');
    assert.equal(e?.displayName, 'Eva van den Boele');
    assert.equal(e?.surname, 'van den Boele');
    assert.equal(e?.jobTitle, 'Developer');
    assert.equal(e?.accountEnabled, true);
    assert.equal(e?.managerId, user('1000')?.id);
    const z = user('1004');
    assert.equal(z?.userPrincipalName, 'zoe.dhondt@contoso.nl');
    assert.equal(z?.accountEnabled, false, 'a pre-hire is created disabled');
  });

  test('a second run with no change in AFAS makes zero writes (invariant 3)', async () => {
    const before = stack.graphWrites();
    const outcome = await stack.run('sync');
    assert.equal(outcome.status, 'succeeded');
    assert.equal(
      outcome.actionCounts['no-change'],
      5,
      JSON.stringify(outcome.items.map((i) => [i.employeeNumber, i.action, i.changes])),
    );
    assert.equal(stack.graphWrites(), before);
  });

  test('mover, leaver, marriage and start date: each account follows', async () => {
    await stack.setAfas(
      company([
        boss,
        {
          ...jan,
          jobs: [{ start: '2020-03-01', title: 'Senior adviseur', unit: 'Financiën', manager: '1000' }],
        },
        { ...eva, partner: { family: 'Vries', prefix: 'de', code: 1 } },
        { ...piet, jobs: [{ start: '2019-01-01', end: '2026-11-20', manager: '1000' }] },
        zoe,
      ]),
    );
    const outcome = await stack.run('sync', { now: '2026-12-01T08:00:00Z' });
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error ?? outcome.blockedReason));
    const actions = Object.fromEntries(outcome.items.map((i) => [i.employeeNumber, i.action]));
    assert.deepEqual(actions, {
      '1000': 'no-change',
      '1001': 'update',
      '1002': 'update',
      '1003': 'disable',
      '1004': 'enable',
    });
    assert.equal(user('1001')?.jobTitle, 'Senior adviseur');
    assert.equal(user('1001')?.department, 'Financiën');
    assert.equal(user('1002')?.displayName, 'Eva de Vries - van den Boele');
    assert.equal(user('1002')?.userPrincipalName, 'eva.vandenboele@contoso.nl', 'the UPN is create-only');
    assert.equal(user('1003')?.accountEnabled, false);
    assert.equal(user('1004')?.accountEnabled, true, 'enabled on the start date');
  });

  test('a rehire gets the old account back, enabled', async () => {
    const accountId = user('1003')?.id;
    await stack.setAfas(
      company([
        boss,
        jan,
        eva,
        {
          ...piet,
          jobs: [
            { start: '2019-01-01', end: '2026-11-20' },
            { start: '2027-01-04', manager: '1000' },
          ],
        },
        zoe,
      ]),
    );
    const outcome = await stack.run('sync', { now: '2027-01-04T07:00:00Z' });
    assert.equal(outcome.status, 'succeeded');
    const piets = stack.users().filter((u) => u.employeeId === '1003');
    assert.equal(piets.length, 1, 'no second account');
    assert.equal(piets[0]?.id, accountId);
    assert.equal(piets[0]?.accountEnabled, true);
  });
});
