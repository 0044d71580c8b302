/**
 * Creates and moves outside what the target's read covers (AD: the base DN) are refused per person:
 * such an account would not be read back, and the next run would create it again. The read's
 * container comes with the read (PlanInput.readWithin), so a base DN from RootDSE and a container an
 * expression gives are checked as well as configured ones.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Account, Attributes, ConnectionConfig, Link, MappingRule } from '../../core/index.ts';
import { DEFAULT_SECTIONS } from '../defaults.ts';
import { compileMapping } from '../map/index.ts';
import { AccountIndex } from '../match/index.ts';
import { normalise } from '../normalise/index.ts';
import type { ReadWithin } from '../ports.ts';
import { compileScope } from '../scope/index.ts';
import { plan } from './planner.ts';

const BASE = 'DC=hrsync,DC=test';
const STAFF = `OU=Staff,${BASE}`;
const LEAVERS = 'OU=Leavers,DC=archive,DC=test';
const EXTERN = 'OU=Extern,DC=other,DC=test';
const within = (container = BASE, fallback?: string): ReadWithin => ({
  attribute: 'parentDistinguishedName',
  container,
  ...(fallback === undefined ? {} : { fallback }),
});

/** Staff in OU=Staff, Afdeling "Extern" outside the domain, and the gone in a disabled container outside. */
const placement: MappingRule = {
  target: 'parentDistinguishedName',
  type: 'expression',
  source: `IIF([Lifecycle]="gone", "${LEAVERS}", IIF([Afdeling]="Extern", "${EXTERN}", "${STAFF}"))`,
  apply: 'always',
};

const config = (rules: readonly MappingRule[] = [placement]): ConnectionConfig => ({
  version: 1,
  ...structuredClone(DEFAULT_SECTIONS),
  mapping: [
    { target: 'cn', type: 'expression', source: 'Join(" ", [Roepnaam], [Geboortenaam])', apply: 'always' },
    { target: 'sAMAccountName', type: 'expression', source: '[UniqueName]', apply: 'create' },
    { target: 'employeeID', type: 'direct', source: 'Medewerker', apply: 'always' },
    { target: 'title', type: 'direct', source: 'Functie_omschrijving', apply: 'always' },
    ...rules,
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
    container: STAFF,
    upnSuffixes: ['hrsync.test'],
    defaultDomain: 'hrsync.test',
    mustChangePassword: true,
  },
});

const person = (
  n: string,
  given: string,
  family: string,
  afdeling = 'Staf',
  options: { end?: string; title?: string } = {},
): [Attributes, Attributes] => [
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
    Einddatum_functie: options.end ? `${options.end}T00:00:00Z` : null,
    FTE: 1,
    Functie_omschrijving: options.title ?? 'Adviseur',
  },
];

const account = (id: string, cn: string, employeeID: string, parent = STAFF): Account => ({
  id,
  attributes: {
    cn,
    sAMAccountName: id,
    employeeID,
    title: 'Adviseur',
    parentDistinguishedName: parent,
    accountEnabled: true,
  },
});

const link = (employeeNumber: string, accountId: string): Link => ({
  employeeNumber,
  accountId,
  applied: {},
  linkedAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

function run(
  people: [Attributes, Attributes][],
  options: {
    readWithin?: ReadWithin;
    accounts?: Account[];
    links?: Link[];
    rules?: readonly MappingRule[];
  } = {},
) {
  const cfg = config(options.rules);
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
    index: new AccountIndex(options.accounts ?? [], ['employeeID', 'sAMAccountName']),
    links: options.links ?? [],
    today: '2026-11-24',
    nowIso: '2026-11-24T09:00:00Z',
    collisions: { sAMAccountName: ['sAMAccountName'] },
    ...(options.readWithin ? { readWithin: options.readWithin } : {}),
  });
  return new Map(result.persons.map((p) => [p.item.employeeNumber, p]));
}

describe('placement within what the read covers', () => {
  test('a create into a container outside the base DN fails the person with why, and nothing is written', () => {
    const p = run([person('1', 'Jan', 'Jansen'), person('2', 'Eva', 'Extern', 'Extern')], {
      readWithin: within(),
    });
    const jan = p.get('1');
    assert.equal(jan?.item.status, 'success');
    assert.equal(jan?.writes[0]?.kind, 'create');
    const eva = p.get('2');
    assert.equal(eva?.item.action, 'create');
    assert.equal(eva?.item.status, 'failed');
    assert.deepEqual(eva?.writes, []);
    assert.equal(eva?.item.error?.code, 'HRS_TARGET_VALUE_INVALID');
    assert.equal(
      eva?.item.error?.message,
      `not created: "${EXTERN}" is outside the base DN "${BASE}", where hrsync reads accounts: an account placed there would not be found on the next run. Correct the mapping of parentDistinguishedName so that it gives a container inside the base DN, or widen the base DN`,
    );
    const last = eva?.item.steps.at(-1);
    assert.equal(last?.status, 'failed');
    assert.deepEqual(last?.reason, {
      code: 'outside-read',
      create: true,
      attribute: 'parentDistinguishedName',
      container: EXTERN,
      base: BASE,
    });
  });

  test('a create into a container the read found missing, or taking no accounts, fails as the sync would', () => {
    const containers = [
      { container: BASE, accountsAllowed: true },
      { container: STAFF, accountsAllowed: true },
      { container: `OU=Locked,${BASE}`, accountsAllowed: false },
    ];
    const placed = (container: string) =>
      run([person('1', 'Jan', 'Jansen')], {
        readWithin: { ...within(), containers },
        rules: [{ target: 'parentDistinguishedName', type: 'constant', source: container, apply: 'always' }],
      }).get('1');
    // Spelt another way, OU=Staff is still the container the read found.
    assert.equal(placed('ou=staff, dc=HRSYNC,dc=test')?.item.status, 'success');
    const missing = placed(`OU=Nowhere,${BASE}`);
    assert.equal(missing?.item.status, 'failed');
    assert.deepEqual(missing?.writes, []);
    assert.equal(
      missing?.item.error?.message,
      `not created: the container "OU=Nowhere,${BASE}" does not exist in the directory (or hrsync's bind account cannot see it): create it, or correct the mapping of parentDistinguishedName (step 3)`,
    );
    assert.deepEqual(missing?.item.steps.at(-1)?.reason, {
      code: 'container-unusable',
      create: true,
      attribute: 'parentDistinguishedName',
      container: `OU=Nowhere,${BASE}`,
      problem: 'missing',
    });
    const locked = placed(`OU=Locked,${BASE}`);
    assert.equal(locked?.item.status, 'failed');
    assert.match(
      locked?.item.error?.message ?? '',
      /may not create accounts in "OU=Locked,DC=hrsync,DC=test"/,
    );
    // Without a list (a target that does not say), every container within the read is taken as usable.
    assert.equal(
      run([person('1', 'Jan', 'Jansen')], {
        readWithin: within(),
        rules: [
          {
            target: 'parentDistinguishedName',
            type: 'constant',
            source: `OU=Nowhere,${BASE}`,
            apply: 'always',
          },
        ],
      }).get('1')?.item.status,
      'success',
    );
  });

  test('DNs compare per RFC 4514: case, spacing and escapes do not make a container outside', () => {
    const odd = 'OU=Sales\\, Marketing,DC=hrsync,DC=test';
    const rules: MappingRule[] = [
      { target: 'parentDistinguishedName', type: 'constant', source: odd, apply: 'always' },
    ];
    const p = run([person('1', 'Jan', 'Jansen')], {
      readWithin: within('ou=SALES\\2C marketing, dc=HRSYNC, dc=test'),
      rules,
    });
    assert.equal(p.get('1')?.item.status, 'success');
    // A comma inside a value is no RDN boundary: OU=x\,DC=hrsync,DC=test is one RDN, not below the base.
    const comma = run([person('1', 'Jan', 'Jansen')], {
      readWithin: within('DC=hrsync,DC=test'),
      rules: [
        {
          target: 'parentDistinguishedName',
          type: 'constant',
          source: 'OU=x\\,DC=hrsync,DC=test',
          apply: 'always',
        },
      ],
    });
    assert.equal(comma.get('1')?.item.status, 'failed');
  });

  test('a move out of the base DN is withheld and fails the person; the rest of the update still goes', () => {
    const p = run([person('1', 'Jan', 'Jansen', 'Extern', { title: 'Senior adviseur' })], {
      readWithin: within(),
      accounts: [account('jjansen', 'Jan Jansen', '1')],
      links: [link('1', 'jjansen')],
    });
    const jan = p.get('1');
    assert.equal(jan?.item.status, 'failed');
    assert.equal(jan?.item.error?.code, 'HRS_TARGET_VALUE_INVALID');
    assert.match(
      jan?.item.error?.message ?? '',
      /^not moved: "OU=Extern,DC=other,DC=test" is outside the base DN/,
    );
    const update = jan?.writes.find((w) => w.kind === 'update');
    assert.ok(update?.kind === 'update');
    assert.deepEqual(
      update.changes.map((c) => c.attribute),
      ['title'],
    );
  });

  test('a leaver whose disabled container lies outside is still disabled, not moved', () => {
    const p = run([person('1', 'Jan', 'Jansen', 'Staf', { end: '2025-01-31' })], {
      readWithin: within(),
      accounts: [account('jjansen', 'Jan Jansen', '1')],
      links: [link('1', 'jjansen')],
    });
    const jan = p.get('1');
    assert.equal(jan?.item.action, 'disable');
    assert.equal(jan?.item.status, 'failed');
    assert.deepEqual(
      jan?.writes.map((w) => w.kind),
      ['disable'],
    );
    assert.equal(jan?.item.steps.at(-1)?.reason?.code, 'outside-read');
  });

  test('a create without a container goes to the fallback, which is checked too', () => {
    const p = run([person('1', 'Jan', 'Jansen')], { readWithin: within(BASE, EXTERN), rules: [] });
    assert.equal(p.get('1')?.item.status, 'failed');
    assert.match(
      p.get('1')?.item.error?.message ?? '',
      /Put the container inside the base DN or widen the base DN$/,
    );
    const inside = run([person('1', 'Jan', 'Jansen')], { readWithin: within(BASE, STAFF), rules: [] });
    assert.equal(inside.get('1')?.item.status, 'success');
  });

  test('a read that covers every account (a cloud target gives no readWithin) refuses no placement', () => {
    const p = run([person('2', 'Eva', 'Extern', 'Extern')]);
    assert.equal(p.get('2')?.item.status, 'success');
    assert.equal(p.get('2')?.writes[0]?.kind, 'create');
  });
});
