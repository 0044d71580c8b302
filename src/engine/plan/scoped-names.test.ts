/**
 * Names unique per container (AD's cn per OU), predicted by the planner: namesakes in one OU are
 * told apart by their sAMAccountName, in different OUs they keep the plain name, a repeat run plans
 * no rename, and a clash that cannot be resolved fails the person in the simulation.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Account, Attributes, ConnectionConfig, Link } from '../../core/index.ts';
import { DEFAULT_SECTIONS } from '../defaults.ts';
import { compileMapping } from '../map/index.ts';
import { AccountIndex } from '../match/index.ts';
import { normalise } from '../normalise/index.ts';
import type { ScopedReservation, ScopedUniqueName } from '../ports.ts';
import { compileScope } from '../scope/index.ts';
import { plan } from './planner.ts';

const STAFF = 'OU=Staff,DC=hrsync,DC=test';
const OTHER = 'OU=Care,DC=hrsync,DC=test';
const CN: ScopedUniqueName = {
  attribute: 'cn',
  within: 'parentDistinguishedName',
  fallback: 'displayName',
  disambiguateWith: 'sAMAccountName',
  maxLength: 64,
};

const config = (container: string): ConnectionConfig => ({
  version: 1,
  ...structuredClone(DEFAULT_SECTIONS),
  mapping: [
    {
      target: 'displayName',
      type: 'expression',
      source: 'Join(" ", [Roepnaam], [Geboortenaam])',
      apply: 'always',
    },
    { target: 'cn', type: 'expression', source: 'Join(" ", [Roepnaam], [Geboortenaam])', apply: 'always' },
    { target: 'sAMAccountName', type: 'expression', source: '[UniqueName]', apply: 'create' },
    { target: 'employeeID', type: 'direct', source: 'Medewerker', apply: 'always' },
    {
      target: 'parentDistinguishedName',
      type: 'expression',
      source: `IIF([Afdeling]="Zorg", "${OTHER}", "${container}")`,
      apply: 'always',
    },
    {
      target: 'accountEnabled',
      type: 'expression',
      source: 'Switch([Lifecycle], "False", "active", "True", "leaver", "True")',
      apply: 'always',
    },
  ],
  matching: ['employeeID'],
  uniqueness: { candidates: ['Join("", Left([Roepnaam], 1), [Geboortenaam])'], maxSuffix: 9 },
  source: {
    type: 'afas-profit',
    environment: { baseUrl: 'http://afas.invalid/ProfitRestServices' },
    token: { value: 'x' },
    connectors: { users: 'U', employments: 'E', organizationalUnits: 'O' },
    pageSize: 1000,
    parallel: 8,
  },
  target: {
    type: 'active-directory',
    urls: ['ldaps://dc.invalid'],
    bindUser: 'svc',
    bindPassword: { value: 'x' },
    container,
    upnSuffixes: ['hrsync.test'],
    defaultDomain: 'hrsync.test',
    mustChangePassword: true,
  },
});

const person = (n: string, given: string, family: string, afdeling = 'Staf'): [Attributes, Attributes] => [
  {
    Medewerker: n,
    Roepnaam: given,
    Voorletters: `${given[0]}.`,
    Geboortenaam: family,
    Naamgebruik_code: 0,
    Afdeling: afdeling,
  },
  {
    Medewerker: n,
    ExternalID: `${n}-1`,
    Begindatum_functie: '2020-01-01T00:00:00Z',
    Einddatum_functie: null,
    FTE: 1,
    Functie_omschrijving: 'Adviseur',
  },
];

const account = (id: string, cn: string, sam: string, employeeID: string, parent = STAFF): Account => ({
  id,
  attributes: {
    cn,
    sAMAccountName: sam,
    employeeID,
    parentDistinguishedName: parent,
    displayName: cn.replace(/ \(.*\)$/, ''),
    accountEnabled: true,
  },
});

function run(
  people: [Attributes, Attributes][],
  accounts: Account[],
  links: Link[] = [],
  held: readonly ScopedReservation[] = [],
) {
  const cfg = config(STAFF);
  const compiled = compileMapping(cfg.mapping, { accountEnabled: 'boolean' });
  assert.ok(compiled.ok, JSON.stringify(!compiled.ok && compiled.errors));
  const persons = normalise(
    { users: people.map((p) => p[0]), employments: people.map((p) => p[1]), organizationalUnits: [] },
    {
      today: '2026-11-24',
      timeZone: cfg.timeZone,
      persons: cfg.persons,
      constants: { Domain: 'hrsync.test' },
    },
  );
  const result = plan({
    config: cfg,
    mapping: compiled.mapping,
    scope: compileScope(cfg.scope),
    persons,
    index: new AccountIndex(accounts, ['employeeID', 'sAMAccountName']),
    links,
    today: '2026-11-24',
    nowIso: '2026-11-24T09:00:00Z',
    collisions: { sAMAccountName: ['sAMAccountName'] },
    capabilities: { scopedUnique: [CN] },
    reservedWithin: { cn: held },
  });
  return new Map(result.persons.map((p) => [p.item.employeeNumber, p]));
}

const created = (p: ReturnType<typeof run>, n: string) => {
  const w = p.get(n)?.writes.find((x) => x.kind === 'create');
  assert.ok(w?.kind === 'create', `no create for ${n}: ${JSON.stringify(p.get(n)?.item)}`);
  return w.attributes;
};

const link = (employeeNumber: string, accountId: string): Link => ({
  employeeNumber,
  accountId,
  applied: {},
  linkedAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('cn unique within its container', () => {
  test('two new namesakes in one OU: the second is told apart by its sAMAccountName', () => {
    const p = run([person('1', 'Jan', 'Jansen'), person('2', 'Jan', 'Jansen')], []);
    assert.equal(created(p, '1').cn, 'Jan Jansen');
    assert.equal(created(p, '1').sAMAccountName, 'jjansen');
    assert.equal(created(p, '2').cn, 'Jan Jansen (jjansen2)');
    const item = p.get('2')?.item;
    assert.equal(item?.changes.find((c) => c.attribute === 'cn')?.new, 'Jan Jansen (jjansen2)');
    assert.match(
      item?.steps.at(-1)?.message ?? '',
      /"Jan Jansen" is taken in OU=Staff.*created as "Jan Jansen \(jjansen2\)"/,
    );
    assert.equal(p.get('2')?.applied.cn, 'Jan Jansen (jjansen2)');
  });

  test('an existing account of someone else with the name in the OU; the same name in another OU is fine', () => {
    const p = run(
      [person('1', 'Jan', 'Jansen'), person('2', 'Eva', 'Bos', 'Zorg')],
      [account('a', 'Jan Jansen', 'jan', 'X1'), account('b', 'Eva Bos', 'eva', 'X2', STAFF)],
    );
    assert.equal(created(p, '1').cn, 'Jan Jansen (jjansen)');
    assert.equal(created(p, '2').cn, 'Eva Bos', 'Eva goes to OU=Care, where the name is free');
    assert.equal(created(p, '2').parentDistinguishedName, OTHER);
  });

  test('a repeat run plans no rename for an account that already has its disambiguated name', () => {
    const p = run(
      [person('1', 'Jan', 'Jansen'), person('2', 'Jan', 'Jansen')],
      [account('a', 'Jan Jansen', 'jjansen', '1'), account('b', 'Jan Jansen (jjansen2)', 'jjansen2', '2')],
      [link('1', 'a'), link('2', 'b')],
    );
    assert.equal(p.get('1')?.item.action, 'no-change');
    assert.equal(p.get('2')?.item.action, 'no-change', JSON.stringify(p.get('2')?.item));
    assert.equal(p.get('2')?.writes.length, 0);
  });

  test('a mover into an OU where its name is taken is renamed as it moves', () => {
    const p = run(
      [person('1', 'Eva', 'Bos', 'Zorg')],
      [account('a', 'Eva Bos', 'evabos', '1', STAFF), account('b', 'Eva Bos', 'ebos', 'X', OTHER)],
      [link('1', 'a')],
    );
    const update = p.get('1')?.writes.find((w) => w.kind === 'update');
    assert.ok(update?.kind === 'update');
    assert.deepEqual(update.changes.map((c) => [c.attribute, c.new]).sort(), [
      ['cn', 'Eva Bos (evabos)'],
      ['parentDistinguishedName', OTHER],
    ]);
  });

  test('when the told-apart name is taken too, the person fails in the simulation with the reason', () => {
    const p = run(
      [person('1', 'Jan', 'Jansen')],
      [account('a', 'Jan Jansen', 'x1', 'X1'), account('b', 'Jan Jansen (jjansen)', 'x2', 'X2')],
    );
    const item = p.get('1')?.item;
    assert.equal(item?.status, 'failed');
    assert.equal(item?.error?.code, 'HRS_TARGET_VALUE_INVALID');
    assert.match(
      item?.error?.message ?? '',
      /already named "Jan Jansen" and "Jan Jansen \(jjansen\)" is taken too/,
    );
    assert.equal(p.get('1')?.writes.length, 0);
  });

  test('a group, contact or OU holding the name in the OU counts too; the reason says what holds it', () => {
    const p = run(
      [person('1', 'Jan', 'Jansen'), person('2', 'Kees', 'Bak'), person('3', 'Eva', 'Bos', 'Zorg')],
      [],
      [],
      [
        { within: STAFF.toLowerCase(), value: 'jan jansen', holder: 'a group' },
        { within: STAFF, value: 'Kees Bak', holder: 'a contact' },
        { within: STAFF, value: 'Kees Bak (kbak)', holder: 'an organizational unit' },
        { within: OTHER.replace(',', ', '), value: 'Eva Bos (ebos)', holder: 'a contact' },
      ],
    );
    assert.equal(created(p, '1').cn, 'Jan Jansen (jjansen)', 'held case-insensitively');
    assert.match(
      p.get('1')?.item.steps.at(-1)?.message ?? '',
      /"Jan Jansen" is taken in OU=Staff.* by a group/,
    );
    const kees = p.get('2')?.item;
    assert.equal(kees?.status, 'failed');
    assert.match(
      kees?.error?.message ?? '',
      /^a contact in OU=Staff,DC=hrsync,DC=test is already named "Kees Bak" and "Kees Bak \(kbak\)" is taken too/,
    );
    assert.equal(created(p, '3').cn, 'Eva Bos', 'only the told-apart name is held there');
  });

  test('managers are set on the plans the names pass made: none for a person it failed, and recorded in a renamed one', () => {
    const reportsTo = (p: [Attributes, Attributes], manager: string): [Attributes, Attributes] => [
      p[0],
      { ...p[1], Medewerkernummer_leidinggevende: manager },
    ];
    const p = run(
      [reportsTo(person('1', 'Jan', 'Jansen'), '9'), person('2', 'Kees', 'Bak'), person('9', 'Piet', 'Baas')],
      [
        account('a', 'Jan Jansen', 'x1', 'X1'),
        account('b', 'Jan Jansen (jjansen)', 'x2', 'X2'),
        account('c', 'Kees Bak', 'x3', 'X3'),
      ],
    );
    const failed = p.get('1');
    assert.equal(failed?.item.status, 'failed');
    assert.deepEqual(failed?.writes, [], 'a person the names pass failed gets no manager write');
    const renamed = p.get('2');
    assert.equal(created(p, '2').cn, 'Kees Bak (kbak)');
    // No manager in HR and none set before: the plan records that it has none (what a link stores).
    assert.equal(Object.hasOwn(renamed?.applied ?? {}, 'manager'), true);
    assert.equal(renamed?.applied.manager, null);
    assert.equal(renamed?.applied.cn, 'Kees Bak (kbak)');
  });
});
