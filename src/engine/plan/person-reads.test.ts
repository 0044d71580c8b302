import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Account, Attributes, ConnectionConfig, Link } from '../../core/index.ts';
import { compileMapping } from '../map/index.ts';
import { AccountIndex } from '../match/index.ts';
import { DERIVED } from '../normalise/attribute-record.ts';
import { normalise } from '../normalise/index.ts';
import { compileScope } from '../scope/index.ts';
import { planEntitlements } from './entitlements.ts';
import { NAME_PART_ATTRIBUTES } from './naming-schemes.ts';
import { PLANNER_READS, personAttributesRead } from './person-reads.ts';
import { plan } from './planner.ts';
import { cloudTestConfig } from './test-config.ts';
import { writeBackReads } from './write-back.ts';

const TODAY = '2026-11-24';
const GROUP = '6b1e0000-0000-4000-8000-000000000001';

/**
 * Every kind of reference, each through an attribute nothing else reads: the mapping (Kostenplaats),
 * a scoping filter (Locatie), a unique-name candidate (Inlognaam), write-back (Email_werk), an
 * entitlement rule's condition (Team). A mapping also names an attribute AFAS does not have.
 */
const config: ConnectionConfig = {
  ...cloudTestConfig(),
  mapping: [
    { target: 'employeeId', type: 'direct', source: 'Medewerker', apply: 'always' },
    {
      target: 'displayName',
      type: 'expression',
      source: 'Join(" ", [Roepnaam], [Geboortenaam])',
      apply: 'always',
    },
    {
      target: 'jobTitle',
      type: 'expression',
      source: 'Join(" - ", [Functie], [Kostenplaats])',
      apply: 'always',
    },
    {
      target: 'officeLocation',
      type: 'direct',
      source: 'Bestaat_niet',
      apply: 'always',
      default: 'onbekend',
    },
    { target: 'companyName', type: 'expression', source: 'IsNullOrEmpty([Ook_niet])', apply: 'always' },
    {
      target: 'userPrincipalName',
      type: 'expression',
      source: 'Join("@", [UniqueName], [Domain])',
      apply: 'create',
    },
    {
      target: 'accountEnabled',
      type: 'expression',
      source: 'Switch([Lifecycle], "False", "active", "True")',
      apply: 'always',
    },
  ],
  uniqueness: { candidates: ['Join(".", [Inlognaam], [Geboortenaam])'], maxSuffix: 9 },
  scope: {
    filters: [{ clauses: [{ attribute: 'Locatie', operator: 'EQUALS', value: 'Utrecht' }] }],
    outOfScope: 'disable',
  },
  writeBack: { email: true, upn: false },
  entitlements: [
    {
      name: 'Blue team',
      condition: [{ clauses: [{ attribute: 'Team', operator: 'EQUALS', value: 'Blauw' }] }],
      groups: [{ id: GROUP, displayName: 'Blauw' }],
      licences: [],
      grantAt: 'enable',
      removeAfterDays: 0,
      authoritative: false,
    },
  ],
};

const user = (n: string, given: string, extra: Attributes): Attributes => ({
  Medewerker: n,
  Roepnaam: given,
  Voornaam: given,
  Geboortenaam: 'Jansen',
  Inlognaam: `${given.toLowerCase()}x`,
  Email_werk: `${given.toLowerCase()}@contoso.nl`,
  Locatie: 'Utrecht',
  Team: 'Rood',
  Onbelangrijk: 'x',
  ...extra,
});
const job = (n: string, extra: Attributes = {}): Attributes => ({
  Medewerker: n,
  ExternalID: `${n}-1`,
  Begindatum_functie: '2020-01-01T00:00:00Z',
  Einddatum_functie: null,
  Functie: 'Adviseur',
  Kostenplaats: 'K1',
  Organisatorische_eenheid_omschrijving: 'ICT',
  Organisatorische_eenheid_code: 'ICT',
  ...extra,
});
const users = [
  user('1001', 'Anna', { Email_werk: 'oud@contoso.nl' }),
  user('1002', 'Bram', {}),
  user('1003', 'Cees', { Locatie: 'Amsterdam' }),
  user('1004', 'Dirk', { Team: 'Blauw' }),
  user('1005', 'Eva', {}),
];
const jobs = [job('1001'), job('1002'), job('1003'), job('1004'), job('1005', { Kostenplaats: 'K2' })];
const account = (id: string, n: string, given: string, extra: Attributes = {}): Account => ({
  id,
  attributes: {
    employeeId: n,
    displayName: `${given} Jansen`,
    jobTitle: 'Adviseur - K1',
    officeLocation: 'onbekend',
    companyName: 'True',
    userPrincipalName: `${given.toLowerCase()}@contoso.nl`,
    mail: `${given.toLowerCase()}@contoso.nl`,
    accountEnabled: true,
    ...extra,
  },
});
// Bram and Eva have none: they are created, named by the candidate; Eva's first choice is taken.
const accounts = [
  account('a1', '1001', 'Anna'),
  account('a3', '1003', 'Cees'),
  account('a4', '1004', 'Dirk'),
  account('a5', '9999', 'Evax.jansen', { employeeId: '9999' }),
];
const link = (n: string, accountId: string): Link => ({
  employeeNumber: n,
  accountId,
  applied: {},
  linkedAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
const links = [link('1001', 'a1'), link('1003', 'a3'), link('1004', 'a4')];

/** The items and writes of a run whose persons keep `attributes` (undefined: all of them). */
function planned(attributes: ReadonlySet<string> | undefined): string {
  const compiled = compileMapping(config.mapping, { accountEnabled: 'boolean' });
  assert.ok(compiled.ok);
  const persons = normalise(
    { users, employments: jobs, organizationalUnits: [] },
    {
      today: TODAY,
      timeZone: config.timeZone,
      persons: config.persons,
      constants: { Domain: 'contoso.nl' },
      ...(attributes === undefined ? {} : { attributes }),
    },
  );
  const index = new AccountIndex(accounts, ['employeeId', 'userPrincipalName', 'mail']);
  const base = plan({
    config,
    mapping: compiled.mapping,
    scope: compileScope(config.scope),
    persons,
    index,
    links,
    today: TODAY,
    nowIso: '2026-11-24T09:00:00Z',
    collisions: { userPrincipalName: ['userPrincipalName', 'mail'], mail: ['userPrincipalName', 'mail'] },
  });
  const withEntitlements = planEntitlements({
    plan: base,
    rules: config.entitlements ?? [],
    persons,
    index,
    links,
    snapshot: {
      groups: new Map([
        [GROUP, { id: GROUP, displayName: 'Blauw', members: new Set<string>(), assignedLicences: [] }],
      ]),
      skus: new Map(),
    },
    capabilities: { groups: true, licenceAttribute: null, licenceRequires: null },
    today: TODAY,
  });
  return JSON.stringify(withEntitlements.persons.map((p) => ({ item: p.item, writes: p.writes })));
}

function read(): ReadonlySet<string> {
  const compiled = compileMapping(config.mapping, {});
  assert.ok(compiled.ok);
  const names = personAttributesRead(config, compiled.mapping);
  assert.ok(names);
  return names;
}

describe('personAttributesRead', () => {
  test('persons with only the attributes the configuration reads are planned as with all of them', () => {
    const names = read();
    assert.equal(names.has('Onbelangrijk'), false);
    assert.equal(planned(names), planned(undefined));
  });

  test('the example needs every kind: without any one of them the plan changes', () => {
    const full = planned(undefined);
    const names = read();
    for (const kind of ['Kostenplaats', 'Locatie', 'Inlognaam', 'Email_werk', 'Team']) {
      assert.ok(names.has(kind), kind);
      const without = new Set(names);
      without.delete(kind);
      assert.notEqual(planned(without), full, `leaving out ${kind} changes nothing in the example`);
    }
  });

  test('names of write-back and naming schemes only when configured', () => {
    const compiled = compileMapping(config.mapping, {});
    assert.ok(compiled.ok);
    const plain = { ...config, writeBack: { email: false, upn: false } };
    const names = personAttributesRead(plain, compiled.mapping);
    assert.equal(names?.has('Email_werk'), false);
    assert.equal(names?.has('Voorletters'), false);
    const scheme = { ...plain, uniqueness: { ...plain.uniqueness, scheme: 'initials.last' as const } };
    assert.equal(personAttributesRead(scheme, compiled.mapping)?.has('Voorletters'), true);
    const bad = { ...plain, uniqueness: { candidates: ['Join('], maxSuffix: 9 } };
    assert.equal(personAttributesRead(bad, compiled.mapping), undefined);
  });

  test('every attribute the planner reads by name in its source is one it keeps', () => {
    // `person.attributes.X`, `p.attributes.X` and `attrs.X` in the planner: a name read there but
    // missing from PLANNER_READS (or the configuration's) would silently read as empty.
    const dir = import.meta.dirname;
    const kept = new Set<string>([
      ...DERIVED,
      ...PLANNER_READS,
      ...NAME_PART_ATTRIBUTES,
      ...writeBackReads({ email: true, upn: true }),
    ]);
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const m of source.matchAll(/\b(?:person\.attributes|p\.attributes|attrs)\.([A-Z]\w*)/g))
        if (!kept.has(m[1] as string)) missing.push(`${file}: ${m[1]}`);
    }
    assert.deepEqual(missing, []);
  });
});
