/**
 * Simulation = sync (issue 11.1): the demo company plus a set of awkward persons is simulated, then
 * synced through a checker that records every write the Graph emulator refuses. The emulator enforces
 * Graph's documented limits; the simulation must have predicted each refusal — so none is sent — and
 * for every person the action and outcome the simulation shows is what the sync then does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateCompany } from '../../emulators/demo-data/index.ts';
import type { AfasDataset, AfasRow, DemoCompany, TenantDataset } from '../../emulators/demo-data/types.ts';
import type { PlannedWrite, RunItem } from '../../src/core/index.ts';
import type { GraphTarget } from '../../src/targets/graph/index.ts';
import { type Stack, startStack, TODAY } from './stack.ts';

const LONG_SURNAME = 'Vanderzwaluwenburg-Oppenheimer-Kronenberg-Schimmelpenninck-Lanschot'; // 68
const LONG_TITLE = `Senior ${'Medewerker Financiële Administratie en Rapportage '.repeat(3)}`.trim(); // > 128
const LONG_DEPARTMENT = 'Afdeling Klantcontact, Klachtenafhandeling en Kwaliteitsverbetering Noord';

/** Awkward persons, each a copy of a demo person's rows with the fields that make it awkward. */
const AWKWARD: readonly {
  n: string;
  why: string;
  user: AfasRow;
  job: AfasRow;
  expect: { action: RunItem['action']; status: RunItem['status'] };
}[] = [
  {
    n: '900001',
    why: 'a 68-character surname (Graph allows 64) fails the person',
    user: { Roepnaam: 'Anna', Voorletters: 'A.', Voorvoegsel: null, Geboortenaam: LONG_SURNAME },
    job: {},
    expect: { action: 'create', status: 'failed' },
  },
  {
    n: '900002',
    why: 'a 150-character job title is shortened with a warning',
    user: { Roepnaam: 'Bram', Voorletters: 'B.', Geboortenaam: 'Titelman' },
    job: { Functie_omschrijving: LONG_TITLE },
    expect: { action: 'create', status: 'warning' },
  },
  {
    n: '900003',
    why: 'a 74-character department is shortened with a warning',
    user: { Roepnaam: 'Cor', Voorletters: 'C.', Geboortenaam: 'Afdeling' },
    job: { Organisatorische_eenheid_omschrijving: LONG_DEPARTMENT },
    expect: { action: 'create', status: 'warning' },
  },
  {
    n: '900004',
    why: 'a manager who is not in AFAS: no manager is set, a warning says so',
    user: { Roepnaam: 'Ömer', Voorletters: 'Ö.', Voorvoegsel: null, Geboortenaam: 'Yılmaz' },
    job: { Medewerkernummer_leidinggevende: '999999' },
    expect: { action: 'create', status: 'warning' },
  },
  {
    n: '900005',
    why: "d'Hondt with an apostrophe prefix",
    user: { Roepnaam: 'Daan', Voorletters: 'D.', Voorvoegsel: "d'", Geboortenaam: 'Hondt' },
    job: {},
    expect: { action: 'create', status: 'success' },
  },
  {
    n: '9000060000000000001',
    why: 'an employee number of 19 characters does not fit employeeId (16)',
    user: { Roepnaam: 'Eva', Voorletters: 'E.', Geboortenaam: 'Langnummer' },
    job: {},
    expect: { action: 'create', status: 'failed' },
  },
  {
    n: '900007',
    why: 'two business phone numbers: Graph takes one, the first is kept with a warning',
    user: {
      Roepnaam: 'Fenna',
      Voorletters: 'F.',
      Geboortenaam: 'Telefoon',
      Telefoonnr_werk: '020-1111111,020-2222222',
    },
    job: {},
    expect: { action: 'create', status: 'warning' },
  },
];

function withAwkwardPersons(afas: AfasDataset): AfasDataset {
  const connectors = afas.connectors.map((c) => ({ ...c, rows: [...c.rows] }));
  const users = connectors.find((c) => c.id === 'T4E_HelloID_Users_v2');
  const jobs = connectors.find((c) => c.id === 'T4E_HelloID_Employments_v2');
  assert.ok(users && jobs);
  const template = users.rows[0] as AfasRow;
  const jobTemplate = jobs.rows.find((r) => r.Medewerker === template.Medewerker) as AfasRow;
  for (const a of AWKWARD) {
    users.rows.push({
      ...template,
      Medewerker: a.n,
      Persoonsnummer: `P${a.n}`,
      Voornaam: a.user.Roepnaam ?? null,
      Voorvoegsel: null,
      Voorvoegsel_partner: null,
      Geboortenaam_partner: null,
      Naamgebruik_code: 0,
      Email_werk: null,
      Telefoonnr_werk: null,
      UPN: null,
      ...a.user,
    });
    jobs.rows.push({
      ...jobTemplate,
      Medewerker: a.n,
      Persoonsnummer: `P${a.n}`,
      ExternalID: `${a.n}-1`,
      Begindatum_functie: '2024-02-01',
      Einddatum_functie: null,
      Medewerkernummer_leidinggevende: null,
      ...a.job,
    });
  }
  return { ...afas, connectors };
}

const OWNED = 'HRS_TARGET_ACCOUNT_OWNED_ELSEWHERE';

/**
 * Accounts on-premises AD owns (`onPremisesSyncEnabled`), which Graph refuses to change but for
 * usageLocation and employeeLeaveDateTime: an employee whose job title lags behind AFAS, and a leaver
 * whose account is still enabled. The plan must fail both with the reason and send Graph nothing it
 * would refuse.
 */
function withSyncedAccounts(company: DemoCompany): {
  tenant: TenantDataset;
  synced: { stale: string; leaver: string };
} {
  const m = company.manifest;
  assert.ok(m);
  const duplicated = new Set(m.accounts.duplicateEmployeeId.map((d) => d.employeeNumber));
  const stale = m.persons.staleAttributes.find((n) => !duplicated.has(n));
  const leaver = m.persons.leaversStillEnabled.find((n) => !duplicated.has(n));
  assert.ok(stale && leaver, 'the demo company has a lagging account and a leaver still enabled');
  const users = company.tenant.users.map((u) =>
    u.employeeId === stale || u.employeeId === leaver ? { ...u, onPremisesSyncEnabled: true } : u,
  );
  return { tenant: { ...company.tenant, users }, synced: { stale, leaver } };
}

interface Refusal {
  readonly employeeNumber: string;
  readonly kind: PlannedWrite['kind'];
  readonly message: string;
}

/** The Graph target, with every refused write recorded. */
function checker(target: GraphTarget, refusals: Refusal[]): GraphTarget {
  return {
    ...target,
    async apply(writes, options) {
      const outcomes = await target.apply(writes, options);
      outcomes.forEach((o, i) => {
        const w = writes[i] as PlannedWrite;
        if (!o.ok)
          refusals.push({
            employeeNumber: w.employeeNumber,
            kind: w.kind,
            message: `${o.code}: ${o.message}`,
          });
      });
      return outcomes;
    },
  };
}

const summary = (items: readonly RunItem[]) =>
  new Map(
    items.map((i) => [i.employeeNumber, `${i.action}/${i.status}${i.error ? ` ${i.error.code}` : ''}`]),
  );

describe('simulation = sync, across the demo company and awkward persons', () => {
  let stack: Stack;
  const refusals: Refusal[] = [];
  let owned: { stale: string; leaver: string };
  before(async () => {
    const demo = generateCompany({ persons: 150, seed: 2026, today: TODAY.slice(0, 10) });
    const hybrid = withSyncedAccounts(demo);
    owned = hybrid.synced;
    stack = await startStack(withAwkwardPersons(demo.afas), hybrid.tenant, {
      // The demo company has leavers and conflicts by design; the guard is not what this test is about.
      configure: (c) => ({
        ...c,
        thresholds: {
          maxDisableDeleteCount: null,
          maxDisableDeletePercent: null,
          maxSourceShrinkPercent: null,
        },
      }),
    });
    stack.target = checker(stack.target, refusals);
  });
  after(() => stack.close());

  test('every refusal was predicted (none reached Graph) and every person ends as simulated', async () => {
    const simulation = await stack.run('simulation');
    assert.equal(simulation.status, 'succeeded', JSON.stringify(simulation.error));
    const simulated = summary(simulation.items);
    for (const a of AWKWARD)
      assert.equal(
        simulated.get(a.n),
        `${a.expect.action}/${a.expect.status}${a.expect.status === 'failed' ? ' HRS_TARGET_VALUE_INVALID' : ''}`,
        a.why,
      );

    // The manager warning is a reason (its words are made by contracts/item-reasons.ts), not text.
    const managerless = simulation.items.find((i) => i.employeeNumber === '900004');
    assert.deepEqual(
      managerless?.steps.filter((st) => st.status === 'warning').map((st) => [st.message, st.reason]),
      [['', { code: 'manager-unresolved', manager: '999999', name: null, why: 'not-in-read' }]],
    );

    assert.equal(simulated.get(owned.stale), `update/failed ${OWNED}`);
    assert.equal(simulated.get(owned.leaver), `disable/failed ${OWNED}`);
    const reason = simulation.items.find((i) => i.employeeNumber === owned.stale)?.error?.message ?? '';
    assert.match(
      reason,
      /^This account is managed by on-premises Active Directory \(directory sync\); change .*(jobTitle|department) "/,
    );

    const sync = await stack.run('sync');
    assert.equal(sync.status, 'succeeded', JSON.stringify(sync.error));
    assert.deepEqual(refusals, [], 'Graph refused writes the simulation did not predict');
    const synced = summary(sync.items);
    const differences = [...simulated]
      .filter(([n, s]) => synced.get(n) !== s)
      .map(([n, s]) => `${n}: simulated ${s}, synced ${synced.get(n)}`);
    assert.deepEqual(differences, []);
    assert.ok(simulation.actionCounts.create > AWKWARD.length, 'the demo company has joiners of its own');

    const users = stack.users();
    const bram = users.find((u) => u.employeeId === '900002');
    assert.equal(bram?.jobTitle?.length, 128);
    assert.equal(
      users.filter((u) => u.employeeId === '900001').length,
      0,
      'the doomed create was never sent',
    );
    const daan = users.find((u) => u.employeeId === '900005');
    assert.equal(daan?.displayName, "Daan d'Hondt");
    assert.equal(daan?.userPrincipalName, 'daan.dhondt@contoso.nl');
    assert.equal(users.find((u) => u.employeeId === '900004')?.userPrincipalName, 'omer.yilmaz@contoso.nl');
  });

  test('a second sync sends nothing: no doomed create repeated, no shortened value rewritten', async () => {
    const before = stack.graphWrites();
    const again = await stack.run('sync');
    assert.equal(again.status, 'succeeded');
    assert.equal(stack.graphWrites() - before, 0);
    assert.deepEqual(refusals, []);
    assert.equal(summary(again.items).get('900001'), 'create/failed HRS_TARGET_VALUE_INVALID');
  });
});

describe('simulation = sync for an account that becomes owned by on-premises AD', () => {
  let stack: Stack;
  const refusals: Refusal[] = [];
  before(async () => {
    const demo = generateCompany({ persons: 30, seed: 7, today: TODAY.slice(0, 10) });
    stack = await startStack(withAwkwardPersons(demo.afas), demo.tenant, {
      configure: (c) => ({
        ...c,
        thresholds: {
          maxDisableDeleteCount: null,
          maxDisableDeletePercent: null,
          maxSourceShrinkPercent: null,
        },
      }),
    });
    stack.target = checker(stack.target, refusals);
    assert.equal((await stack.run('sync')).status, 'succeeded');
  });
  after(() => stack.close());

  const daan = () => {
    const user = stack.graph.state.directory.findUser(
      stack.users().find((u) => u.employeeId === '900005')?.id ?? '',
    );
    assert.ok(user, 'the first sync created Daan');
    return user;
  };
  /** What directory sync does: AD's values land in Entra without hrsync. */
  const fromAd = (changes: Record<string, unknown>) =>
    stack.graph.state.directory.updateUser(daan(), changes);
  const both = async () => {
    const simulation = await stack.run('simulation');
    const sync = await stack.run('sync');
    const one = (items: readonly RunItem[]) => summary(items).get('900005');
    assert.equal(one(sync.items), one(simulation.items), 'the sync did what the simulation showed');
    return { simulated: simulation.items.find((i) => i.employeeNumber === '900005'), sync };
  };

  test('in step: still matched and linked, nothing to send; cloud-side values still written', async () => {
    fromAd({ onPremisesSyncEnabled: true });
    const linked = (await stack.store.links()).find((l) => l.employeeNumber === '900005')?.accountId;
    let { simulated } = await both();
    assert.equal(`${simulated?.action}/${simulated?.status}`, 'no-change/success');
    assert.equal(simulated?.accountId, linked);

    fromAd({ usageLocation: 'BE' });
    ({ simulated } = await both());
    assert.equal(`${simulated?.action}/${simulated?.status}`, 'update/success');
    assert.equal(daan().usageLocation, 'NL');
    assert.deepEqual(refusals, []);
  });

  test('AD changed a mapped value: failed with why, nothing refused is sent', async () => {
    fromAd({ jobTitle: 'Titel uit AD', usageLocation: 'BE' });
    const before = stack.graphWrites();
    const { simulated } = await both();
    assert.equal(`${simulated?.action}/${simulated?.status}`, 'update/failed');
    assert.equal(simulated?.error?.code, OWNED);
    assert.match(simulated?.error?.message ?? '', /change jobTitle "Titel uit AD" → ".+" there/);
    assert.deepEqual(refusals, [], 'Graph refused nothing');
    assert.equal(daan().usageLocation, 'NL', 'the usageLocation Graph accepts was written');
    assert.equal(daan().jobTitle, 'Titel uit AD');
    assert.equal(stack.graphWrites() - before, 1);
  });
});
