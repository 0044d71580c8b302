/**
 * Groups and licences from rules, end to end: AFAS emulator → engine → Graph emulator over HTTPS.
 * "Everyone → Microsoft 365 Business Premium without Exchange (freed 30 days after disable);
 * department Sales → group Sales (at once); ICT → a group that carries Office 365 E3".
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EntitlementRule } from '../../src/core/index.ts';
import { company, type PersonSpec, tenant } from './company.ts';
import { type Stack, startStack } from './stack.ts';

const SPB = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const EXCHANGE = '9aaf7827-d63c-4b61-89c3-182f06f82e5c';
const SALES = '5a1e5000-0000-4000-8000-000000000001';
const ICT_LICENSED = '1c7e5000-0000-4000-8000-000000000002';

const job = (unit: string, extra: { end?: string; start?: string } = {}) => ({
  start: extra.start ?? '2020-01-01',
  unit,
  ...(extra.end ? { end: extra.end } : {}),
});
const anna: PersonSpec = { n: '2001', given: 'Anna', family: 'Akker', jobs: [job('SAL')] };
const bram: PersonSpec = { n: '2002', given: 'Bram', family: 'Beek', jobs: [job('ICT')] };
const chris: PersonSpec = {
  n: '2003',
  given: 'Chris',
  family: 'Dam',
  jobs: [job('SAL', { start: '2026-12-01' })],
};
const dirk: PersonSpec = { n: '2004', given: 'Dirk', family: 'Dijk', jobs: [job('SAL')] };
const eva: PersonSpec = { n: '2005', given: 'Eva', family: 'Eik', jobs: [job('FIN')] };

const RULES: EntitlementRule[] = [
  {
    name: 'Everyone',
    condition: [],
    groups: [],
    licences: [
      { skuId: SPB, skuPartNumber: 'SPB', disabledPlans: [EXCHANGE], disabledPlanNames: ['Exchange'] },
    ],
    grantAt: 'enable',
    removeAfterDays: 30,
    authoritative: false,
  },
  {
    name: 'Sales',
    condition: [
      { clauses: [{ attribute: 'Organisatorische_eenheid_code', operator: 'EQUALS', value: 'SAL' }] },
    ],
    groups: [{ id: SALES, displayName: 'Sales' }],
    licences: [],
    grantAt: 'enable',
    removeAfterDays: 0,
    authoritative: false,
  },
  {
    name: 'ICT',
    condition: [
      { clauses: [{ attribute: 'Organisatorische_eenheid_code', operator: 'EQUALS', value: 'ICT' }] },
    ],
    groups: [{ id: ICT_LICENSED }],
    licences: [],
    grantAt: 'enable',
    removeAfterDays: 0,
    authoritative: false,
  },
];

describe('groups and licences from rules', () => {
  let stack: Stack;
  before(async () => {
    const t = tenant();
    t.groups.push(
      { id: SALES, displayName: 'Sales', members: [] },
      {
        id: ICT_LICENSED,
        displayName: 'ICT (E3)',
        members: [],
        assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
      },
    );
    // Three Business Premium licences free for four persons who qualify; plenty of E3.
    t.subscribedSkus.push(
      { skuId: SPB, skuPartNumber: 'SPB', prepaidUnits: { enabled: 4 }, consumedUnits: 1 },
      { skuId: E3, skuPartNumber: 'ENTERPRISEPACK', prepaidUnits: { enabled: 10 }, consumedUnits: 0 },
    );
    stack = await startStack(company([anna, bram, chris, dirk, eva]), t, {
      configure: (c) => ({
        ...c,
        entitlements: RULES,
        thresholds: { ...c.thresholds, maxDisableDeletePercent: null },
      }),
    });
  });
  after(() => stack.close());

  const user = (n: string) => stack.users().find((u) => u.employeeId === n);
  const group = (id: string) => stack.graph.state.directory.groups.get(id);
  const sku = (id: string) => stack.graph.state.directory.skus.get(id);
  const item = (o: { items: readonly { employeeNumber: string }[] }, n: string) =>
    o.items.find((i) => i.employeeNumber === n) as (typeof o.items)[number] & {
      changes: { attribute: string; old: unknown; new: unknown }[];
      steps: { status: string; message: string }[];
      status: string;
    };

  test('simulation shows each grant and the licence shortfall per SKU, and writes nothing', async () => {
    const outcome = await stack.run('simulation');
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    assert.equal(stack.graphWrites(), 0);
    const a = item(outcome, '2001');
    assert.deepEqual(
      a.changes.filter((c) => c.attribute === 'group' || c.attribute === 'licence'),
      [
        { attribute: 'group', old: null, new: 'Sales' },
        { attribute: 'licence', old: null, new: 'Microsoft 365 Business Premium (without Exchange)' },
      ],
    );
    assert.ok(a.steps.some((s) => s.message.startsWith('entitlements: + group Sales, + licence')));
    const b = item(outcome, '2002');
    assert.ok(
      b.changes.some((c) => c.new === 'ICT (E3) (licence Office 365 E3)'),
      JSON.stringify(b.changes),
    );
    // Chris is a pre-hire: a disabled account, no grants yet.
    assert.equal(
      item(outcome, '2003').changes.some((c) => c.attribute === 'licence'),
      false,
    );
    // Four want Business Premium, three are free: the last in plan order is short.
    const e = item(outcome, '2005');
    assert.equal(e.status, 'warning');
    assert.ok(
      e.steps.some((s) =>
        /Microsoft 365 Business Premium not assigned: no licences left in the pool \(1 short/.test(s.message),
      ),
      JSON.stringify(e.steps),
    );
    assert.equal(
      e.changes.some((c) => c.attribute === 'licence'),
      false,
    );
    const pool = outcome.licencePools?.find((p) => p.skuId === SPB);
    assert.deepEqual(
      { wanted: pool?.wanted, short: pool?.short, free: (pool?.enabled ?? 0) - (pool?.consumed ?? 0) },
      { wanted: 4, short: 1, free: 3 },
    );
  });

  test('sync grants: memberships via members/$ref, licences via assignLicense after usageLocation', async () => {
    const outcome = await stack.run('sync');
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    assert.equal(
      outcome.statusCounts.failed,
      0,
      JSON.stringify(outcome.items.filter((i) => i.status === 'failed')),
    );
    const salesMembers = group(SALES)?.members ?? [];
    assert.deepEqual(new Set(salesMembers), new Set([user('2001')?.id, user('2004')?.id]));
    assert.deepEqual(user('2001')?.assignedLicenses, [{ skuId: SPB, disabledPlans: [EXCHANGE] }]);
    assert.equal(user('2001')?.usageLocation, 'NL');
    assert.deepEqual(user('2005')?.assignedLicenses, []);
    // Bram got E3 through the group (group-based licensing) and Business Premium directly.
    assert.deepEqual(new Set(user('2002')?.assignedLicenses?.map((l) => l.skuId)), new Set([SPB, E3]));
    assert.equal(sku(SPB)?.consumedUnits, 4);
    const link = (await stack.store.links()).find((l) => l.employeeNumber === '2001');
    assert.deepEqual(Object.keys(link?.granted?.groups ?? {}), [SALES]);
    assert.deepEqual(Object.keys(link?.granted?.licences ?? {}), [SPB]);
  });

  test('a re-sync with no change makes zero writes', async () => {
    const before = stack.graphWrites();
    const outcome = await stack.run('sync');
    assert.equal(outcome.status, 'succeeded');
    assert.equal(
      stack.graphWrites(),
      before,
      JSON.stringify(outcome.items.filter((i) => i.action !== 'no-change')),
    );
  });

  test('a mover leaves the Sales group at once and keeps the licence', async () => {
    await stack.setAfas(company([{ ...anna, jobs: [job('FIN')] }, bram, chris, dirk, eva]));
    const outcome = await stack.run('sync');
    assert.equal(outcome.status, 'succeeded');
    const a = item(outcome, '2001');
    assert.ok(a.changes.some((c) => c.attribute === 'group' && c.old === 'Sales' && c.new === null));
    assert.ok(!(group(SALES)?.members ?? []).includes(user('2001')?.id ?? ''));
    assert.equal(user('2001')?.assignedLicenses?.length, 1);
  });

  test('a joiner is granted when enabled; a leaver loses the group on disable and the licence 30 days later, to the next in line', async () => {
    const people = [
      { ...anna, jobs: [job('FIN')] },
      bram,
      chris,
      { ...dirk, jobs: [job('SAL', { end: '2026-11-30' })] },
      eva,
    ];
    await stack.setAfas(company(people));
    const disabled = await stack.run('sync', { now: '2026-12-01T09:00:00Z' });
    assert.equal(disabled.status, 'succeeded', disabled.blockedReason ?? '');
    assert.equal(user('2004')?.accountEnabled, false);
    assert.ok(!(group(SALES)?.members ?? []).includes(user('2004')?.id ?? ''));
    assert.equal(user('2004')?.assignedLicenses?.length, 1, 'the licence stays for 30 days');
    // Chris starts today: enabled, into Sales at once; no Business Premium is free yet.
    assert.equal(user('2003')?.accountEnabled, true);
    assert.ok((group(SALES)?.members ?? []).includes(user('2003')?.id ?? ''));
    assert.deepEqual(user('2003')?.assignedLicenses, []);
    assert.equal(user('2005')?.assignedLicenses?.length, 0);

    const still = await stack.run('sync', { now: '2026-12-30T09:00:00Z' });
    assert.equal(still.status, 'succeeded');
    assert.equal(user('2004')?.assignedLicenses?.length, 1);

    const freed = await stack.run('sync', { now: '2026-12-31T09:00:00Z' });
    assert.equal(freed.status, 'succeeded', freed.blockedReason ?? '');
    assert.deepEqual(user('2004')?.assignedLicenses, []);
    const d = item(freed, '2004');
    assert.ok(d.changes.some((c) => c.attribute === 'licence' && c.new === null));
    // Chris started on 1 December and was short since; the unit this run frees goes to him (plan
    // order), Eva stays short.
    assert.deepEqual(user('2003')?.assignedLicenses, [{ skuId: SPB, disabledPlans: [EXCHANGE] }]);
    assert.deepEqual(user('2005')?.assignedLicenses, []);
    const pool = freed.licencePools?.find((p) => p.skuId === SPB);
    assert.deepEqual(
      { freed: pool?.freed, wanted: pool?.wanted, short: pool?.short },
      { freed: 1, wanted: 2, short: 1 },
    );
  });

  test('mass removals count towards the thresholds', async () => {
    const saved = stack.config;
    stack.config = { ...saved, thresholds: { ...saved.thresholds, maxDisableDeleteCount: 0 } };
    try {
      // Everyone leaves the ICT rule: Bram would lose his group.
      await stack.setAfas(
        company([
          { ...anna, jobs: [job('FIN')] },
          { ...bram, jobs: [job('FIN')] },
          chris,
          { ...dirk, jobs: [job('SAL', { end: '2026-11-30' })] },
          eva,
        ]),
      );
      const outcome = await stack.run('simulation', { now: '2026-12-31T09:00:00Z' });
      assert.equal(outcome.status, 'blocked');
      assert.match(
        outcome.blockedReason ?? '',
        /1 disables \+ deletes \(1 of them lose groups or licences\), over the limit of 0/,
      );
    } finally {
      stack.config = saved;
    }
  });

  test('a group deleted in the tenant: a clear finding per person, no crash', async () => {
    await stack.setAfas(company([anna, bram, chris, dirk, eva]));
    stack.graph.state.directory.groups.delete(SALES);
    const outcome = await stack.run('simulation', { now: '2026-12-31T09:00:00Z' });
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    const a = item(outcome, '2001');
    assert.equal(a.status, 'warning');
    assert.ok(
      a.steps.some(
        (s) =>
          s.message ===
          `group "Sales" (${SALES}) does not exist in the tenant any more; not granted — update the rule`,
      ),
      JSON.stringify(a.steps),
    );
  });
});
