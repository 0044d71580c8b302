import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Account, Attributes, ConnectionConfig, Link, RunItem } from '../../core/index.ts';
import { compileMapping } from '../map/index.ts';
import { AccountIndex } from '../match/index.ts';
import { normalise } from '../normalise/index.ts';
import { compileScope } from '../scope/index.ts';
import { plan } from './planner.ts';
import { cloudTestConfig } from './test-config.ts';

const config: ConnectionConfig = cloudTestConfig();
const collisions = {
  userPrincipalName: ['userPrincipalName', 'mail', 'proxyAddresses'],
  mail: ['userPrincipalName', 'mail', 'proxyAddresses'],
  mailNickname: ['mailNickname'],
};
const types = {
  accountEnabled: 'boolean',
  businessPhones: 'string[]',
  employeeHireDate: 'datetime',
  employeeLeaveDateTime: 'datetime',
} as const;
const NOW = '2026-11-24T09:00:00Z';

const user = (n: string, given: string, family: string, extra: Attributes = {}): Attributes => ({
  Medewerker: n,
  Roepnaam: given,
  Voorletters: `${given[0]}.`,
  Geboortenaam: family,
  Naamgebruik_code: 0,
  ...extra,
});
const job = (n: string, start: string, end: string | null, extra: Attributes = {}): Attributes => ({
  Medewerker: n,
  ExternalID: `${n}-${start}`,
  Begindatum_functie: `${start}T00:00:00Z`,
  Einddatum_functie: end ? `${end}T00:00:00Z` : null,
  FTE: 1,
  Functie_omschrijving: 'Adviseur',
  Organisatorische_eenheid_omschrijving: 'ICT',
  ...extra,
});

function run(
  users: Attributes[],
  jobs: Attributes[],
  accounts: Account[],
  links: Link[] = [],
  cfg = config,
  capabilities: Parameters<typeof plan>[0]['capabilities'] = undefined,
  more: Partial<Parameters<typeof plan>[0]> = {},
) {
  const compiled = compileMapping(cfg.mapping, types);
  assert.ok(compiled.ok, JSON.stringify(!compiled.ok && compiled.errors));
  const persons = personsOf(users, jobs, cfg);
  const attrs = ['employeeId', 'userPrincipalName', 'mail', 'mailNickname', 'proxyAddresses'];
  return plan({
    config: cfg,
    mapping: compiled.mapping,
    scope: compileScope(cfg.scope),
    persons,
    index: new AccountIndex(accounts, attrs),
    links,
    today: '2026-11-24',
    nowIso: NOW,
    collisions,
    ...(capabilities ? { capabilities } : {}),
    ...more,
  });
}

function personsOf(users: Attributes[], jobs: Attributes[], cfg = config) {
  return normalise(
    { users, employments: jobs, organizationalUnits: [] },
    {
      today: '2026-11-24',
      timeZone: cfg.timeZone,
      persons: cfg.persons,
      constants: { Domain: 'contoso.nl' },
    },
  );
}

/** Every order of a list (n! of them: keep n small). */
function permutations<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [[...list]];
  return list.flatMap((x, i) =>
    permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

/** The plan for every order the persons could arrive in from AFAS. */
function runInEveryOrder(
  users: Attributes[],
  jobs: Attributes[],
  accounts: Account[],
  cfg: ConnectionConfig,
) {
  return permutations(personsOf(users, jobs, cfg)).map((persons) =>
    run(users, jobs, accounts, [], cfg, undefined, { persons }),
  );
}

const byEmployee = (p: ReturnType<typeof run>) => new Map(p.persons.map((x) => [x.item.employeeNumber, x]));

describe('planner', () => {
  test('joiner: a unique UPN is generated when the obvious one is taken', () => {
    const taken: Account = {
      id: 'a1',
      attributes: { userPrincipalName: 'jan.jansen@contoso.nl', accountEnabled: true },
    };
    const p = byEmployee(run([user('100', 'Jan', 'Jansen')], [job('100', '2026-01-01', null)], [taken]));
    const joiner = p.get('100');
    assert.equal(joiner?.item.action, 'create');
    const create = joiner?.writes[0];
    assert.ok(create?.kind === 'create');
    assert.equal(create.attributes.userPrincipalName, 'j.jansen@contoso.nl');
    assert.equal(create.attributes.mail, 'j.jansen@contoso.nl');
    assert.equal(create.attributes.mailNickname, 'j.jansen');
    assert.equal(create.attributes.displayName, 'Jan Jansen');
    assert.equal(create.attributes.employeeHireDate, '2025-12-31T23:00:00Z');
    assert.equal(create.enabled, true);
  });

  test('a create’s attributes and applied values are plain objects, the plain values first', () => {
    const p = byEmployee(run([user('100', 'Jan', 'Jansen')], [job('100', '2026-01-01', null)], []));
    const joiner = p.get('100');
    const create = joiner?.writes[0];
    assert.ok(create?.kind === 'create' && joiner);
    // Plain as `{}` is (they are compared, shown and stored as such), whatever builds them.
    assert.equal(Object.getPrototypeOf(create.attributes), Object.prototype);
    assert.equal(Object.getPrototypeOf(joiner.applied), Object.prototype);
    assert.deepEqual(Object.keys(create.attributes), [
      'displayName',
      'givenName',
      'surname',
      'employeeId',
      'employeeType',
      'employeeHireDate',
      'jobTitle',
      'department',
      'usageLocation',
      'mailNickname',
      'userPrincipalName',
      'mail',
    ]);
  });

  test('pre-hire within the lead days gets a disabled account; beyond them nothing yet', () => {
    const p = byEmployee(
      run(
        [user('1', 'Anna', 'Bakker'), user('2', 'Bram', 'Smit')],
        [job('1', '2026-12-01', null), job('2', '2027-06-01', null)],
        [],
      ),
    );
    const w = p.get('1')?.writes[0];
    assert.ok(w?.kind === 'create' && w.enabled === false);
    assert.equal(p.get('2')?.item.action, 'no-change');
    assert.equal(p.get('2')?.writes.length, 0);
  });

  test('mover: changed title and department are updated; unchanged stays untouched', () => {
    const account: Account = {
      id: 'acc',
      attributes: {
        employeeId: '7',
        accountEnabled: true,
        displayName: 'Eva de Vries',
        givenName: 'Eva',
        surname: 'de Vries',
        jobTitle: 'Adviseur',
        department: 'HR',
        usageLocation: 'NL',
        employeeType: 'Employee',
        employeeHireDate: '2019-12-31T23:00:00Z',
        businessPhones: [],
      },
    };
    const p = byEmployee(
      run([user('7', 'Eva', 'Vries', { Voorvoegsel: 'de' })], [job('7', '2020-01-01', null)], [account]),
    );
    const item = p.get('7')?.item;
    assert.equal(item?.action, 'update');
    assert.deepEqual(item?.changes, [{ attribute: 'department', old: 'HR', new: 'ICT' }]);
  });

  test('leaver is disabled after the end date; a rehire gets the old account enabled', () => {
    const accounts: Account[] = [
      { id: 'l', attributes: { employeeId: '1', accountEnabled: true, displayName: 'A B' } },
      { id: 'r', attributes: { employeeId: '2', accountEnabled: false, displayName: 'C D' } },
    ];
    const p = byEmployee(
      run(
        [user('1', 'A', 'B'), user('2', 'C', 'D')],
        [
          job('1', '2020-01-01', '2026-11-23'),
          job('2', '2010-01-01', '2015-01-01'),
          job('2', '2026-11-01', null),
        ],
        accounts,
      ),
    );
    assert.equal(p.get('1')?.item.action, 'disable');
    assert.equal(p.get('2')?.item.action, 'enable');
    assert.ok(p.get('2')?.writes.some((w) => w.kind === 'enable'));
  });

  test('name change by marriage (name-use code) updates display name and surname', () => {
    const account: Account = {
      id: 'm',
      attributes: {
        employeeId: '5',
        accountEnabled: true,
        displayName: 'Janine van den Boele',
        surname: 'van den Boele',
      },
    };
    const married = user('5', 'Janine', 'Boele', {
      Voorvoegsel: 'van den',
      Voorvoegsel_partner: 'de',
      Geboortenaam_partner: 'Vries',
      Naamgebruik_code: 1,
    });
    const item = byEmployee(run([married], [job('5', '2020-01-01', null)], [account])).get('5')?.item;
    const changes = Object.fromEntries(item?.changes.map((c) => [c.attribute, c.new]) ?? []);
    assert.equal(changes.displayName, 'Janine de Vries - van den Boele');
    assert.equal(changes.surname, 'de Vries - van den Boele');
  });

  test('two accounts with the same employeeId: a conflict, never a guess', () => {
    const accounts: Account[] = [
      { id: 'x', attributes: { employeeId: '9', accountEnabled: true } },
      { id: 'y', attributes: { employeeId: '9', accountEnabled: true } },
    ];
    const item = byEmployee(run([user('9', 'Z', 'Q')], [job('9', '2020-01-01', null)], accounts)).get(
      '9',
    )?.item;
    assert.equal(item?.action, 'conflict');
    assert.equal(item?.status, 'failed');
    assert.equal(item?.error?.code, 'HRS_MATCH_AMBIGUOUS');
  });

  test('two persons matching one account: the second is a conflict naming the first, never a second link', () => {
    // Namesakes: 1 matches x on its employee id; 2 has no account of its own and matches x on mail.
    const cfg: ConnectionConfig = { ...config, matching: ['employeeId', 'mail'] };
    const accounts: Account[] = [
      { id: 'x', attributes: { employeeId: '1', mail: 'anna.visser@contoso.nl', accountEnabled: true } },
    ];
    const users = [user('1', 'Anna', 'Visser'), user('2', 'Anna', 'Visser')];
    const jobs = [job('1', '2020-01-01', null), job('2', '2020-01-01', null)];
    for (const order of [users, [...users].reverse()]) {
      const p = byEmployee(run(order, jobs, accounts, [], cfg));
      assert.equal(p.get('1')?.item.accountId, 'x');
      const second = p.get('2')?.item;
      assert.equal(second?.action, 'conflict', JSON.stringify(second?.steps));
      assert.equal(second?.status, 'failed');
      assert.equal(second?.accountId, null);
      assert.equal(second?.error?.code, 'HRS_MATCH_AMBIGUOUS');
      assert.match(second?.error?.message ?? '', /account x .*employee 1/);
      assert.equal(p.get('2')?.writes.length, 0);
      assert.equal(p.get('2')?.newLink ?? false, false);
    }
  });

  describe('one account, two persons of the run: the strongest match decides, whatever the order', () => {
    const cfg: ConnectionConfig = { ...config, matching: ['employeeId', 'mail'] };
    const reasonOf = (item: RunItem | undefined) => item?.steps.find((s) => s.step === 'match')?.reason;

    test('the person matching on an earlier rule gets the account; the other is a conflict naming both', () => {
      // 1 arrives first (AFAS sorts on the number) and matches x on mail; 2 matches x on its employee id.
      const accounts: Account[] = [
        { id: 'x', attributes: { employeeId: '2', mail: 'anna.visser@contoso.nl', accountEnabled: true } },
      ];
      const users = [user('1', 'Anna', 'Visser'), user('2', 'Anna', 'Visser')];
      const jobs = [job('1', '2020-01-01', null), job('2', '2020-01-01', null)];
      for (const result of runInEveryOrder(users, jobs, accounts, cfg)) {
        const p = byEmployee(result);
        assert.equal(p.get('2')?.item.accountId, 'x', JSON.stringify(p.get('2')?.item.steps));
        assert.equal(p.get('2')?.newLink, true);
        const loser = p.get('1');
        assert.equal(loser?.item.action, 'conflict', JSON.stringify(loser?.item.steps));
        assert.equal(loser?.item.status, 'failed');
        assert.equal(loser?.item.accountId, null);
        assert.equal(loser?.writes.length, 0);
        assert.equal(loser?.newLink, false);
        assert.equal(loser?.item.error?.code, 'HRS_MATCH_AMBIGUOUS');
        assert.deepEqual(loser?.item.error?.accounts, ['x']);
        assert.match(loser?.item.error?.message ?? '', /account x .*employee 2 .*employeeId/);
        assert.deepEqual(reasonOf(loser?.item), {
          code: 'conflict-linked-elsewhere',
          account: 'x',
          attribute: 'mail',
          value: 'anna.visser@contoso.nl',
          owner: '2',
          inRun: true,
          ownerAttribute: 'employeeId',
        });
        assert.equal(result.managedAccounts, 1);
      }
    });

    test('a tie on the same rule: both persons are conflicts, each naming the other and the account', () => {
      const accounts: Account[] = [
        { id: 'x', attributes: { mail: 'anna.visser@contoso.nl', accountEnabled: true } },
      ];
      const users = [user('1', 'Anna', 'Visser'), user('2', 'Anna', 'Visser')];
      const jobs = [job('1', '2020-01-01', null), job('2', '2020-01-01', null)];
      for (const result of runInEveryOrder(users, jobs, accounts, cfg)) {
        const p = byEmployee(result);
        for (const [n, other] of [
          ['1', '2'],
          ['2', '1'],
        ] as const) {
          const item = p.get(n)?.item;
          assert.equal(item?.action, 'conflict', `${n}: ${JSON.stringify(item?.steps)}`);
          assert.equal(item?.status, 'failed');
          assert.equal(item?.accountId, null);
          assert.equal(p.get(n)?.writes.length, 0);
          assert.equal(p.get(n)?.newLink, false);
          assert.deepEqual(item?.error?.accounts, ['x']);
          assert.match(item?.error?.message ?? '', new RegExp(`account x .*employee ${other}\\b`));
          assert.deepEqual(reasonOf(item), {
            code: 'conflict-linked-elsewhere',
            account: 'x',
            attribute: 'mail',
            value: 'anna.visser@contoso.nl',
            owner: other,
            inRun: true,
            ownerAttribute: 'mail',
            tie: true,
          });
        }
        assert.equal(result.managedAccounts, 0);
      }
    });

    test('every order of the persons gives the same plan, managers included', () => {
      // x: 1 on mail, 3 on employee id (3 wins); y: 2 and 4 on mail (a tie); z and v: 5 and 6 alone.
      // 5's manager is 1, who holds x until 3 comes when 1 comes first: 1 has no account, nor is it
      // anyone's manager; 6's manager is 3, whose account is x.
      const accounts: Account[] = [
        { id: 'x', attributes: { employeeId: '3', mail: 'anna.visser@contoso.nl', accountEnabled: true } },
        { id: 'y', attributes: { mail: 'kees.bakker@contoso.nl', accountEnabled: true } },
        { id: 'z', attributes: { employeeId: '5', mail: 'piet.smit@contoso.nl', accountEnabled: true } },
        { id: 'v', attributes: { employeeId: '6', mail: 'eva.groen@contoso.nl', accountEnabled: true } },
      ];
      const users = [
        user('1', 'Anna', 'Visser'),
        user('2', 'Kees', 'Bakker'),
        user('3', 'Anna', 'Visser'),
        user('4', 'Kees', 'Bakker'),
        user('5', 'Piet', 'Smit'),
        user('6', 'Eva', 'Groen'),
      ];
      const jobs = users.map((u) =>
        job(String(u.Medewerker), '2020-01-01', null, {
          Medewerkernummer_leidinggevende:
            ({ 5: '1', 6: '3' } as Record<string, string>)[String(u.Medewerker)] ?? null,
        }),
      );
      const results = runInEveryOrder(users, jobs, accounts, cfg);
      assert.equal(results.length, 720);
      const seen = (result: (typeof results)[number]) =>
        JSON.stringify({
          managed: result.managedAccounts,
          persons: [...result.persons]
            .sort((a, b) => a.item.employeeNumber.localeCompare(b.item.employeeNumber))
            .map((p) => ({ item: p.item, writes: p.writes, newLink: p.newLink, dropLink: p.dropLink })),
        });
      const first = seen(results[0] as (typeof results)[number]);
      for (const result of results) assert.equal(seen(result), first);
      const p = byEmployee(results[0] as (typeof results)[number]);
      assert.deepEqual(
        ['1', '2', '3', '4', '5', '6'].map((n) => [n, p.get(n)?.item.action, p.get(n)?.item.accountId]),
        [
          ['1', 'conflict', null],
          ['2', 'conflict', null],
          ['3', 'update', 'x'],
          ['4', 'conflict', null],
          ['5', 'update', 'z'],
          ['6', 'update', 'v'],
        ],
      );
      assert.equal(results[0]?.managedAccounts, 3);
      assert.equal(p.get('5')?.item.status, 'warning');
      assert.equal(
        p.get('5')?.item.steps.find((s) => s.reason?.code === 'manager-unresolved')?.reason?.code,
        'manager-unresolved',
      );
      const managerOf6 = p.get('6')?.writes.find((w) => w.kind === 'set-manager');
      assert.equal(managerOf6?.kind === 'set-manager' && managerOf6.managerAccountId, 'x');
    });

    test('persons out of scope claim what they match too: a leaver keeps their account from a weaker match', () => {
      // 2 is a leaver, out of scope, whose account x has their employee id; 1, a new namesake in scope,
      // matches x only on mail: 1 must not take (and update) a former colleague's account. 3, out of
      // scope, matches w only on mail; 4, in scope, matches w on its employee id: 4 gets w.
      const scoped: ConnectionConfig = {
        ...cfg,
        scope: {
          ...cfg.scope,
          filters: [{ clauses: [{ attribute: 'Locatie', operator: 'EQUALS', value: 'Utrecht' }] }],
        },
      };
      const accounts: Account[] = [
        { id: 'x', attributes: { employeeId: '2', mail: 'anna.visser@contoso.nl', accountEnabled: false } },
        { id: 'w', attributes: { employeeId: '4', mail: 'piet.smit@contoso.nl', accountEnabled: true } },
      ];
      const users = [
        user('1', 'Anna', 'Visser', { Locatie: 'Utrecht' }),
        user('2', 'Anna', 'Visser'),
        user('3', 'Piet', 'Smit'),
        user('4', 'Piet', 'Smit', { Locatie: 'Utrecht' }),
      ];
      const jobs = [
        job('1', '2026-01-01', null),
        job('2', '2015-01-01', '2025-06-30'),
        job('3', '2020-01-01', null),
        job('4', '2020-01-01', null),
      ];
      for (const result of runInEveryOrder(users, jobs, accounts, scoped)) {
        const p = byEmployee(result);
        const newcomer = p.get('1');
        assert.equal(newcomer?.item.action, 'conflict', JSON.stringify(newcomer?.item.steps));
        assert.equal(newcomer?.item.status, 'failed');
        assert.equal(newcomer?.writes.length, 0);
        assert.match(newcomer?.item.error?.message ?? '', /account x .*employee 2 /);
        const leaver = p.get('2');
        assert.equal(leaver?.item.action, 'out-of-scope');
        assert.equal(leaver?.item.status, 'skipped');
        assert.equal(leaver?.item.accountId, 'x');
        assert.equal(leaver?.writes.length, 0);
        assert.equal(p.get('4')?.item.accountId, 'w', JSON.stringify(p.get('4')?.item.steps));
        assert.equal(p.get('4')?.newLink, true);
        const outside = p.get('3');
        assert.equal(outside?.item.action, 'out-of-scope');
        assert.equal(outside?.item.status, 'skipped');
        assert.equal(outside?.item.accountId, null);
        assert.equal(reasonOf(outside?.item)?.code, 'conflict-linked-elsewhere');
      }
    });
  });

  test('manager is set on create as a pending reference and not repeated once applied', () => {
    const users = [user('1', 'Boss', 'Baas'), user('2', 'Kim', 'Klein')];
    const jobs = [
      job('1', '2020-01-01', null),
      job('2', '2020-01-01', null, { Medewerkernummer_leidinggevende: '1' }),
    ];
    const first = byEmployee(run(users, jobs, []));
    const mw = first.get('2')?.writes.find((w) => w.kind === 'set-manager');
    assert.ok(mw?.kind === 'set-manager' && mw.managerEmployeeNumber === '1' && mw.accountId === null);
    const link = (n: string, id: string, manager: string | null): Link => ({
      employeeNumber: n,
      accountId: id,
      applied: { manager },
      linkedAt: NOW,
      updatedAt: NOW,
    });
    const accounts: Account[] = [
      { id: 'b', attributes: { employeeId: '1', accountEnabled: true } },
      { id: 'k', attributes: { employeeId: '2', accountEnabled: true } },
    ];
    const second = byEmployee(run(users, jobs, accounts, [link('1', 'b', null), link('2', 'k', '1')]));
    assert.equal(
      second.get('2')?.writes.some((w) => w.kind === 'set-manager'),
      false,
    );
  });

  test('out of scope: a linked account is disabled per policy, an unlinked person is skipped', () => {
    const cfg: ConnectionConfig = {
      ...config,
      scope: {
        outOfScope: 'disable',
        filters: [{ clauses: [{ attribute: 'Werkgever_code', operator: 'EQUALS', value: 'C1' }] }],
      },
    };
    const accounts: Account[] = [{ id: 'o', attributes: { employeeId: '3', accountEnabled: true } }];
    const link: Link = { employeeNumber: '3', accountId: 'o', applied: {}, linkedAt: NOW, updatedAt: NOW };
    const p = byEmployee(
      run(
        [user('3', 'O', 'S'), user('4', 'N', 'S')],
        [job('3', '2020-01-01', null), job('4', '2020-01-01', null)],
        accounts,
        [link],
        cfg,
      ),
    );
    assert.equal(p.get('3')?.item.action, 'disable');
    assert.equal(p.get('4')?.item.action, 'out-of-scope');
    assert.equal(p.get('4')?.item.status, 'skipped');
  });

  test('out of scope: two accounts sharing the employee id are no conflict for this connection', () => {
    const cfg: ConnectionConfig = {
      ...config,
      scope: {
        outOfScope: 'disable',
        filters: [{ clauses: [{ attribute: 'Medewerker', operator: 'EQUALS', value: '1' }] }],
      },
    };
    const accounts: Account[] = [
      { id: 'x', attributes: { employeeId: '9', accountEnabled: true } },
      { id: 'y', attributes: { employeeId: '9', accountEnabled: true } },
    ];
    const p = byEmployee(
      run(
        [user('1', 'A', 'B'), user('9', 'Z', 'Q')],
        [job('1', '2020-01-01', null), job('9', '2020-01-01', null)],
        accounts,
        [],
        cfg,
      ),
    );
    const outside = p.get('9')?.item;
    assert.equal(outside?.action, 'out-of-scope');
    assert.equal(outside?.status, 'skipped');
    assert.equal(outside?.error, null);
    assert.match(outside?.steps.map((s) => s.message).join('\n') ?? '', /2 accounts have employeeId/);
    assert.equal(p.get('9')?.writes.length, 0);
    assert.equal(p.get('1')?.item.action, 'create');
  });

  test('an account on-premises AD owns: refused changes fail the person with why, accepted ones still go', () => {
    const capabilities = {
      externalOwner: {
        attribute: 'onPremisesSyncEnabled',
        value: true,
        name: 'on-premises Active Directory (directory sync)',
        writable: ['usageLocation'],
      },
    };
    const synced = (id: string, n: string, extra: Attributes = {}): Account => ({
      id,
      attributes: { employeeId: n, accountEnabled: true, onPremisesSyncEnabled: true, ...extra },
    });
    const users = [user('1', 'Ann', 'Aa'), user('2', 'Bob', 'Bb'), user('3', 'Cor', 'Cc')];
    const jobs = [
      job('1', '2020-01-01', null),
      job('2', '2020-01-01', '2026-10-31'),
      job('3', '2020-01-01', null, { Medewerkernummer_leidinggevende: '1' }),
    ];
    const first = byEmployee(
      run(users, jobs, [synced('a', '1'), synced('b', '2'), synced('c', '3')], [], config, capabilities),
    );
    const ann = first.get('1');
    assert.equal(ann?.item.status, 'failed');
    assert.equal(ann?.item.error?.code, 'HRS_TARGET_ACCOUNT_OWNED_ELSEWHERE');
    assert.match(
      ann?.item.error?.message ?? '',
      /^This account is managed by on-premises Active Directory \(directory sync\); change .*jobTitle \(empty\) → "Adviseur".* there/,
    );
    const update = ann?.writes.find((w) => w.kind === 'update');
    assert.ok(update?.kind === 'update', 'the usageLocation the target accepts is still written');
    assert.deepEqual(
      update.changes.map((c) => c.attribute),
      ['usageLocation'],
    );
    assert.equal(ann?.item.accountId, 'a', 'the account is matched all the same');
    const bob = first.get('2');
    assert.equal(bob?.item.action, 'disable');
    assert.equal(bob?.item.status, 'failed');
    assert.equal(
      bob?.writes.some((w) => w.kind === 'disable'),
      false,
    );
    assert.match(bob?.item.error?.message ?? '', /disable it there/);

    // In step with AFAS but for the manager: the manager write is refused too.
    const cor = first.get('3')?.item;
    const inStep = Object.fromEntries(cor?.changes.map((c) => [c.attribute, c.new]) ?? []);
    const second = byEmployee(
      run(
        users,
        jobs,
        [synced('a', '1'), synced('c', '3', { ...inStep, manager: null })],
        [],
        config,
        capabilities,
      ),
    ).get('3');
    assert.equal(second?.item.status, 'failed');
    assert.match(second?.item.error?.message ?? '', /change manager \(empty\) → "1" there/);
    assert.equal(
      second?.writes.some((w) => w.kind === 'set-manager'),
      false,
    );
    // Cloud accounts are not affected.
    const cloud = byEmployee(
      run(
        users,
        jobs,
        [{ id: 'a', attributes: { employeeId: '1', accountEnabled: true } }],
        [],
        config,
        capabilities,
      ),
    ).get('1');
    assert.equal(cloud?.item.status, 'success');
  });

  test('the plan is deterministic', () => {
    const users = [user('1', 'Zoë', "d'Hondt"), user('2', 'Zoe', 'Dhondt')];
    const jobs = [job('1', '2020-01-01', null), job('2', '2020-01-01', null)];
    assert.deepEqual(run(users, jobs, []), run(users, jobs, []));
    const p = byEmployee(run(users, jobs, []));
    const upn = (n: string) => {
      const w = p.get(n)?.writes[0];
      return w?.kind === 'create' ? w.attributes.userPrincipalName : null;
    };
    assert.equal(upn('1'), 'zoe.dhondt@contoso.nl');
    assert.equal(upn('2'), 'z.dhondt@contoso.nl', 'the second Zoë gets the initials candidate');
  });

  test('unique names: an empty initials candidate is skipped, never collapsed to the bare surname', () => {
    const taken: Account = { id: 'a1', attributes: { userPrincipalName: 'jan.jansen@contoso.nl' } };
    const p = byEmployee(
      run(
        [user('100', 'Jan', 'Jansen', { Voorletters: '' }), user('101', 'Ömer', 'Yılmaz')],
        [job('100', '2026-01-01', null), job('101', '2026-01-01', null)],
        [taken],
      ),
    );
    const jan = p.get('100')?.writes[0];
    assert.ok(jan?.kind === 'create');
    assert.equal(jan.attributes.userPrincipalName, 'j.jansen@contoso.nl');
    const omer = p.get('101')?.writes[0];
    assert.ok(omer?.kind === 'create');
    assert.equal(omer.attributes.userPrincipalName, 'omer.yilmaz@contoso.nl');
  });

  /**
   * `count` joiners all named Jan Jansen against the `taken` accounts: per joiner, the created
   * account's `attribute` and the name-taken step's candidate number.
   */
  const jansenCreates = (count: number, taken: readonly Account[], attribute: string) => {
    const numbers = Array.from({ length: count }, (_, i) => String(100 + i));
    const p = byEmployee(
      run(
        numbers.map((n) => user(n, 'Jan', 'Jansen')),
        numbers.map((n) => job(n, '2026-01-01', null)),
        [...taken],
      ),
    );
    return numbers.map((n) => {
      const create = p.get(n)?.writes[0];
      const step = p.get(n)?.item.steps.find((s) => s.reason?.code === 'name-taken');
      return [
        create?.kind === 'create' ? create.attributes[attribute] : null,
        step?.reason?.code === 'name-taken' ? step.reason.candidate : null,
      ];
    });
  };

  test('unique names: numbered names an earlier create found taken are passed over, counted as tried', () => {
    const taken = ['jan.jansen', 'j.jansen', 'jan.jansen2', 'jan.jansen3'].map(
      (name, i): Account => ({ id: `a${i}`, attributes: { userPrincipalName: `${name}@contoso.nl` } }),
    );
    const chosen = jansenCreates(3, taken, 'userPrincipalName');
    // jan.jansen, j.jansen (the third candidate is j.jansen again), then jan.jansen2, 3, 4, …
    assert.deepEqual(chosen, [
      ['jan.jansen4@contoso.nl', 5],
      ['jan.jansen5@contoso.nl', 6],
      ['jan.jansen6@contoso.nl', 7],
    ]);
  });

  test('unique names: the tenant’s own numbers of a name are passed over, counted as tried', () => {
    // The mail nicknames jan.jansen2–4 and 6 are held; 5 only as a UPN (which the rules still check).
    const nicknames = ['jan.jansen', 'j.jansen', 'jan.jansen2', 'jan.jansen3', 'jan.jansen4', 'jan.jansen6'];
    const taken = [
      ...nicknames.map((name, i): Account => ({ id: `a${i}`, attributes: { mailNickname: name } })),
      { id: 'u5', attributes: { userPrincipalName: 'jan.jansen5@contoso.nl' } },
    ];
    const chosen = jansenCreates(2, taken, 'mailNickname');
    assert.deepEqual(chosen, [
      ['jan.jansen7', 8],
      ['jan.jansen8', 9],
    ]);
  });

  test('unique names: numbered names found taken in one domain are tried again in another', () => {
    // The domain is the person's own (a column of theirs), so the memo of taken numbers must be per domain.
    const byDomain: ConnectionConfig = {
      ...config,
      mapping: config.mapping.map((r) =>
        r.target === 'userPrincipalName' || r.target === 'mail'
          ? { ...r, source: 'Join("@", [UniqueName], [Domein])' }
          : r,
      ),
    };
    const taken = [
      'jan.jansen@contoso.nl',
      'j.jansen@contoso.nl',
      'jan.jansen2@contoso.nl',
      'jan.jansen3@contoso.nl',
      'jan.jansen@fabrikam.nl',
      'j.jansen@fabrikam.nl',
    ].map((upn, i): Account => ({ id: `a${i}`, attributes: { userPrincipalName: upn } }));
    const domains: Record<string, string> = {
      '100': 'contoso.nl',
      '101': 'fabrikam.nl',
      '102': 'contoso.nl',
    };
    const numbers = Object.keys(domains);
    const p = byEmployee(
      run(
        numbers.map((n) => user(n, 'Jan', 'Jansen', { Domein: domains[n] as string })),
        numbers.map((n) => job(n, '2026-01-01', null)),
        taken,
        [],
        byDomain,
      ),
    );
    const upns = numbers.map((n) => {
      const create = p.get(n)?.writes[0];
      return create?.kind === 'create' ? create.attributes.userPrincipalName : null;
    });
    // fabrikam.nl's jan.jansen2 is free: contoso.nl's taken 2 and 3 say nothing about it.
    assert.deepEqual(upns, ['jan.jansen4@contoso.nl', 'jan.jansen2@fabrikam.nl', 'jan.jansen5@contoso.nl']);
  });

  test('unique names: a built-in naming scheme replaces the candidates', () => {
    const cfg: ConnectionConfig = {
      ...config,
      uniqueness: { ...config.uniqueness, scheme: 'growing-first-name' },
    };
    const taken = ['jan.jansen', 'j.jansen'].map((l, i) => ({
      id: `a${i}`,
      attributes: { userPrincipalName: `${l}@contoso.nl` },
    }));
    const p = byEmployee(
      run([user('100', 'Jan', 'Jansen')], [job('100', '2026-01-01', null)], taken, [], cfg),
    );
    const w = p.get('100')?.writes[0];
    assert.ok(w?.kind === 'create');
    assert.equal(w.attributes.userPrincipalName, 'ja.jansen@contoso.nl');
    assert.deepEqual(p.get('100')?.item.steps.find((s) => s.reason?.code === 'name-taken')?.reason, {
      code: 'name-taken',
      first: 'jan.jansen',
      why: null,
      chosen: 'ja.jansen',
      candidate: 3,
    });
    const noSurname = byEmployee(
      run([user('200', 'Jan', '')], [job('200', '2026-01-01', null)], [], [], cfg),
    );
    assert.equal(noSurname.get('200')?.item.status, 'failed');
    assert.match(noSurname.get('200')?.item.error?.message ?? '', /name parts .* are empty/);
  });

  test('each person’s steps carry their reasons as data: dates, lead days, the matched account', () => {
    const linked: Account = {
      id: 'a7',
      attributes: {
        employeeId: '300',
        userPrincipalName: 'p@contoso.nl',
        accountEnabled: true,
        department: 'Sales',
      },
    };
    const p = byEmployee(
      run(
        [user('100', 'Nina', 'Nieuw'), user('200', 'Vera', 'Verre'), user('300', 'Piet', 'Post')],
        [
          job('100', '2026-12-01', null),
          // The only employment starts next year and has an end: not a leaver, a future joiner.
          job('200', '2027-03-01', '2027-12-31'),
          job('300', '2019-01-03', '2026-10-31'),
        ],
        [linked],
      ),
    );
    const reasons = (n: string) => p.get(n)?.item.steps.map((s) => s.reason ?? null);
    assert.deepEqual(reasons('100')?.[0], {
      code: 'person',
      lifecycle: 'pre-hire',
      employments: 1,
      primary: '100-2026-12-01',
      start: '2026-12-01',
      end: null,
      unit: 'ICT',
      hire: '2026-12-01',
    });
    assert.deepEqual(reasons('100')?.at(-1), {
      code: 'create',
      enabled: false,
      upn: 'nina.nieuw@contoso.nl',
      start: '2026-12-01',
      leadDays: 14,
    });
    assert.equal(p.get('200')?.item.action, 'no-change');
    assert.deepEqual(
      reasons('200')?.map((r) => (r === null ? null : 'lifecycle' in r ? [r.code, r.lifecycle] : r.code)),
      [['person', 'future'], null, 'no-account', ['no-account-needed', 'future']],
    );
    assert.equal(p.get('300')?.item.action, 'disable');
    assert.deepEqual(reasons('300')?.slice(2), [
      { code: 'matched', account: 'a7', attribute: 'employeeId', value: '300', unlinked: null },
      { code: 'disable', lifecycle: 'gone', count: 9 },
    ]);
  });

  test('a matched or linked person’s match step reads, and is sent as JSON, with the matcher’s message', () => {
    const account = (id: string, employeeId: string): Account => ({
      id,
      attributes: { employeeId, accountEnabled: true },
    });
    const linkOf = (employeeNumber: string, accountId: string): Link => ({
      employeeNumber,
      accountId,
      applied: {},
      linkedAt: '2026-01-02T09:00:00.000Z',
      updatedAt: '2026-01-02T09:00:00.000Z',
    });
    const p = byEmployee(
      run(
        [user('1', 'Anna', 'Bakker'), user('2', 'Bram', 'Smit')],
        [job('1', '2020-01-01', null), job('2', '2020-01-01', null)],
        [account('a1', '1'), account('a2', '2')],
        [linkOf('2', 'a2')],
      ),
    );
    const matchStep = (n: string) => p.get(n)?.item.steps.find((s) => s.step === 'match');
    const matched = {
      step: 'match',
      status: 'success',
      message: 'matched account a1 on employeeId = "1"',
      reason: { code: 'matched', account: 'a1', attribute: 'employeeId', value: '1', unlinked: null },
    };
    const linked = {
      step: 'match',
      status: 'success',
      message: 'linked to account a2 since 2026-01-02T09:00:00.000Z',
      reason: { code: 'linked', account: 'a2', since: '2026-01-02T09:00:00.000Z', override: false },
    };
    assert.equal(matchStep('1')?.message, matched.message);
    assert.equal(JSON.stringify(matchStep('1')), JSON.stringify(matched));
    assert.equal(matchStep('2')?.message, linked.message);
    assert.equal(JSON.stringify(matchStep('2')), JSON.stringify(linked));
  });

  test('a plan that will not be applied (a simulation) keeps no applied values nor fingerprints, and the same items', () => {
    const users = [user('1', 'Boss', 'Baas'), user('2', 'Kim', 'Klein'), user('3', 'Eva', 'Vries')];
    const jobs = [
      job('1', '2020-01-01', null),
      job('2', '2020-01-01', null, { Medewerkernummer_leidinggevende: '1' }),
      job('3', '2020-01-01', null, { Medewerkernummer_leidinggevende: '1' }),
    ];
    const accounts: Account[] = [
      { id: 'k', attributes: { employeeId: '2', accountEnabled: true, department: 'HR' } },
      { id: 'e', attributes: { employeeId: '3', accountEnabled: true } },
    ];
    const quarantine = { entries: new Map(), fingerprint: () => 'hash' };
    const applied = run(users, jobs, accounts, [], config, undefined, { quarantine });
    const simulated = run(users, jobs, accounts, [], config, undefined, { quarantine, applies: false });
    assert.deepEqual(
      simulated.persons.map((p) => JSON.stringify(p.item)),
      applied.persons.map((p) => JSON.stringify(p.item)),
    );
    assert.deepEqual(
      simulated.persons.map((p) => p.writes),
      applied.persons.map((p) => p.writes),
    );
    // A create (1), an update with a manager (2), a manager only (3): each would keep what it applied.
    assert.deepEqual(
      applied.persons.map((p) => [p.item.action, p.applied.manager !== undefined, p.fingerprint?.()]),
      [
        ['create', true, 'hash'],
        ['update', true, 'hash'],
        ['update', true, 'hash'],
      ],
    );
    for (const p of simulated.persons) {
      assert.deepEqual(p.applied, {});
      assert.equal(p.fingerprint, undefined);
    }
  });
});
