import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StepReason, StepReasonCode } from '../core/index.ts';
import {
  type ItemLike,
  itemReasonWords,
  legacyReason,
  type ReasonContext,
  reasonWords,
  type StepLike,
  stepDetail,
  stepWords,
} from './item-reasons.ts';

const ctx: ReasonContext = {
  timeZone: 'Europe/Amsterdam',
  tenantType: 'cloud',
  account: (id) => (id === 'a1' ? 'anna.jansen@contoso.nl (Anna Jansen)' : undefined),
  person: (n) => (n === '100012' ? 'Piet de Vries' : undefined),
};

const person = (over: Partial<Extract<StepReason, { code: 'person' }>> = {}): StepReason => ({
  code: 'person',
  lifecycle: 'active',
  employments: 1,
  primary: '100051-1-1',
  start: '2021-05-01',
  end: null,
  unit: 'Sales',
  hire: '2019-01-03',
  ...over,
});

const item = (steps: StepLike[], changes: ItemLike['changes'] = [], status = 'success'): ItemLike => ({
  status,
  changes,
  steps,
});
const read = (r: StepReason): StepLike => ({ step: 'read', status: 'success', message: '', reason: r });

/** Each code, its reason, the item it belongs to, and the words it must read as. */
const CASES: Record<StepReasonCode, readonly [StepReason, ItemLike | undefined, string][]> = {
  person: [
    [person(), undefined, 'Employed since 3 Jan 2019 (1 employment: Sales, 100051-1-1)'],
    [
      person({ employments: 2 }),
      undefined,
      'Employed since 3 Jan 2019 (2 employments, primary: Sales, 100051-1-1)',
    ],
    [
      person({ lifecycle: 'pre-hire', start: '2027-03-01', hire: '2027-03-01' }),
      undefined,
      'Starts on 1 Mar 2027 (1 employment: Sales, 100051-1-1)',
    ],
    [
      person({ lifecycle: 'leaver', end: '2026-10-31' }),
      undefined,
      'Left on 31 Oct 2026 (1 employment: Sales, 100051-1-1)',
    ],
    [
      person({ lifecycle: 'no-employment', employments: 0, primary: null }),
      undefined,
      'No employment in AFAS',
    ],
  ],
  'missing-from-source': [
    [{ code: 'missing-from-source' }, undefined, 'No longer in AFAS: not in this read'],
  ],
  linked: [
    [
      { code: 'linked', account: 'a1', since: '2026-12-03T11:00:00.000Z', override: false },
      undefined,
      'Linked to anna.jansen@contoso.nl (Anna Jansen) since 3 Dec 2026, 12:00 CET',
    ],
    [
      { code: 'linked', account: 'x9', since: null, override: true },
      undefined,
      'Linked to account x9 by an override',
    ],
  ],
  matched: [
    [
      { code: 'matched', account: 'a1', attribute: 'employeeId', value: '100051', unlinked: null },
      undefined,
      'Found anna.jansen@contoso.nl (Anna Jansen) by employee ID 100051',
    ],
  ],
  'no-account': [
    [
      {
        code: 'no-account',
        tried: [
          { attribute: 'employeeId', value: '100051', leftOut: 0 },
          { attribute: 'userPrincipalName', value: null, leftOut: 0 },
        ],
        staleLink: null,
        unlinkedByOverride: false,
      },
      undefined,
      'No existing account found (looked for employee ID 100051, user principal name (empty))',
    ],
  ],
  conflict: [
    [
      { code: 'conflict', attribute: 'employeeId', value: '100030', accounts: ['a1', 'b2'] },
      undefined,
      '2 accounts have employee ID 100030: anna.jansen@contoso.nl (Anna Jansen); account b2 — link the person to one of them, or exclude them',
    ],
  ],
  'conflict-linked-elsewhere': [
    [
      {
        code: 'conflict-linked-elsewhere',
        account: 'a1',
        attribute: 'employeeId',
        value: '7',
        owner: '100012',
      },
      undefined,
      'The account anna.jansen@contoso.nl (Anna Jansen) has employee ID 7, but it is linked to Piet de Vries (100012)',
    ],
    [
      {
        code: 'conflict-linked-elsewhere',
        account: 'a1',
        attribute: 'employeeId',
        value: '7',
        owner: '100012',
        inRun: true,
      },
      undefined,
      'The account anna.jansen@contoso.nl (Anna Jansen) has employee ID 7, but it is matched first, in this run, by Piet de Vries (100012)',
    ],
    [
      {
        code: 'conflict-linked-elsewhere',
        account: 'a1',
        attribute: 'mail',
        value: 'anna@contoso.nl',
        owner: '100012',
        inRun: true,
        ownerAttribute: 'employeeId',
      },
      undefined,
      'The account anna.jansen@contoso.nl (Anna Jansen) has email anna@contoso.nl, but Piet de Vries (100012) of this run matches it on employee ID, earlier in the matching order',
    ],
    [
      {
        code: 'conflict-linked-elsewhere',
        account: 'a1',
        attribute: 'mail',
        value: 'anna@contoso.nl',
        owner: '100012',
        inRun: true,
        ownerAttribute: 'mail',
        tie: true,
      },
      undefined,
      'The account anna.jansen@contoso.nl (Anna Jansen) has email anna@contoso.nl, which Piet de Vries (100012) of this run matches too, on the same matching attribute: a tie, so neither is linked — link one of them with an override',
    ],
  ],
  'override-account-gone': [
    [
      { code: 'override-account-gone', account: 'zz' },
      undefined,
      'An override links this person to an account that is no longer in the tenant (zz); remove the override or link another account',
    ],
  ],
  excluded: [
    [
      { code: 'excluded', by: 'Otto Operator', note: 'external' },
      undefined,
      'Excluded by an override (Otto Operator: external) — nothing is sent',
    ],
  ],
  'up-to-date': [[{ code: 'up-to-date' }, undefined, 'No change: the account is up to date']],
  update: [
    [
      { code: 'update', count: 1 },
      item([], [{ attribute: 'department', old: 'Sales', new: 'Marketing' }]),
      'Updates 1 attribute: department Sales → Marketing',
    ],
  ],
  enable: [
    [
      { code: 'enable', lifecycle: 'active', count: 0 },
      item([read(person())]),
      'Employed since 3 Jan 2019 — account enabled',
    ],
  ],
  disable: [
    [
      { code: 'disable', lifecycle: 'leaver', count: 0 },
      item([read(person({ lifecycle: 'leaver', end: '2026-10-31' }))]),
      'Left on 31 Oct 2026 — account disabled',
    ],
    [
      { code: 'disable', lifecycle: 'active', count: 1 },
      item([read(person())], [{ attribute: 'jobTitle', old: 'Advisor', new: 'Senior advisor' }]),
      'Account disabled: the Account enabled mapping says so (they are employed); updates 1 attribute: job title Advisor → Senior advisor',
    ],
  ],
  create: [
    [
      { code: 'create', enabled: false, upn: null, start: '2027-03-01', leadDays: 14 },
      undefined,
      'Starts on 1 Mar 2027 — account created disabled 14 days before',
    ],
    [
      { code: 'create', enabled: true, upn: 'jan@contoso.nl', start: '2019-01-03', leadDays: 14 },
      undefined,
      'New account jan@contoso.nl, created enabled',
    ],
  ],
  'no-account-needed': [
    [
      { code: 'no-account-needed', lifecycle: 'future', start: '2027-09-01', end: null, leadDays: 14 },
      undefined,
      'Starts on 1 Sept 2027 — no account yet; it is created 14 days before',
    ],
    [
      { code: 'no-account-needed', lifecycle: 'gone', start: null, end: '2025-06-30', leadDays: 14 },
      undefined,
      'Left on 30 Jun 2025 — no account, none is made',
    ],
  ],
  'delete-due': [
    [
      { code: 'delete-due', end: '2026-01-31', days: 90 },
      undefined,
      'Left on 31 Jan 2026 — account deleted, more than 90 days after leaving',
    ],
  ],
  'out-of-scope-left': [
    [{ code: 'out-of-scope-left', account: true }, undefined, 'Out of scope — the account is left as it is'],
    [{ code: 'out-of-scope-left', account: false }, undefined, 'Out of scope — no account is made'],
  ],
  'out-of-scope-write': [
    [
      { code: 'out-of-scope-write', policy: 'disable' },
      undefined,
      'Out of scope — account disabled (this connection disables accounts of persons who leave scope)',
    ],
  ],
  'missing-disable': [
    [
      { code: 'missing-disable' },
      undefined,
      'No longer in AFAS — account disabled (this connection disables accounts of persons missing from AFAS)',
    ],
  ],
  'missing-left': [[{ code: 'missing-left' }, undefined, 'No longer in AFAS — the account is left as it is']],
  manager: [
    [{ code: 'manager', old: null, new: '100012' }, undefined, 'Manager set to Piet de Vries (100012)'],
    [
      { code: 'manager', old: '100012', new: '100013' },
      undefined,
      'Manager changes from Piet de Vries (100012) to employee 100013',
    ],
    [{ code: 'manager', old: '100012', new: null }, undefined, 'Manager Piet de Vries (100012) removed'],
  ],
  'manager-unresolved': [
    [
      { code: 'manager-unresolved', manager: '100018', name: 'Martijn Dekker', why: 'no-account' },
      undefined,
      'No manager is set: their manager, Martijn Dekker (100018), has no account yet',
    ],
    [
      { code: 'manager-unresolved', manager: '100012', name: null, why: 'not-linked' },
      undefined,
      'No manager is set: their manager, Piet de Vries (100012), is not linked to an account yet (a sync of everyone links them)',
    ],
    [
      { code: 'manager-unresolved', manager: '999999', name: null, why: 'not-in-read' },
      undefined,
      'No manager is set: their manager, employee 999999, is not in AFAS',
    ],
  ],
  'name-taken': [
    [
      { code: 'name-taken', first: 'jan.jansen', why: null, chosen: 'jjansen', candidate: 2 },
      undefined,
      'The user name "jan.jansen" is taken, so "jjansen" is used (candidate 2)',
    ],
  ],
  refused: [
    [
      {
        code: 'refused',
        target: 'Microsoft Entra ID',
        create: true,
        problems: [
          { attribute: 'surname', problem: 'too-long', length: 68, max: 64, value: 'Jansen-van der Berg' },
          {
            attribute: 'usageLocation',
            problem: 'format',
            value: 'Nederland',
            rule: 'must be a two-letter country code such as NL',
          },
        ],
      },
      undefined,
      'Microsoft 365 would refuse the new account: Last name · surname “Jansen-van der Berg” has 68 characters, at most 64 are allowed; Usage location · usageLocation “Nederland” must be a two-letter country code such as NL. Correct the value in AFAS, or the mapping in step 3',
    ],
    [
      {
        code: 'refused',
        target: 'Microsoft Entra ID',
        create: false,
        problems: [
          { attribute: 'displayName', problem: 'cannot-clear' },
          { attribute: 'businessPhones', problem: 'too-many', count: 3, max: 1 },
        ],
      },
      undefined,
      'Microsoft 365 would refuse the change: Display name · displayName would be emptied, which Microsoft 365 does not allow; Business phone · businessPhones has 3 values, at most 1 is allowed. Correct the value in AFAS, or the mapping in step 3',
    ],
  ],
  'container-unusable': [
    [
      {
        code: 'container-unusable',
        create: true,
        attribute: 'parentDistinguishedName',
        container: 'OU=Nowhere,DC=hrsync,DC=test',
        problem: 'missing',
      },
      undefined,
      'Not created: the container “OU=Nowhere,DC=hrsync,DC=test” does not exist in the directory (or hrsync’s bind account cannot see it), so a sync could not create the account there. Create it, or correct parentDistinguishedName in the mapping (step 3)',
    ],
    [
      {
        code: 'container-unusable',
        create: false,
        attribute: 'parentDistinguishedName',
        container: 'OU=Locked,DC=hrsync,DC=test',
        problem: 'not-allowed',
      },
      undefined,
      'Not moved: hrsync’s bind account may not create accounts in “OU=Locked,DC=hrsync,DC=test”, so a sync could not move the account there. Delegate “Create, delete, and manage user accounts” on it to the bind account, or correct parentDistinguishedName in the mapping (step 3)',
    ],
  ],
  'outside-read': [
    [
      {
        code: 'outside-read',
        create: true,
        attribute: 'parentDistinguishedName',
        container: 'OU=Extern,DC=other,DC=test',
        base: 'DC=hrsync,DC=test',
      },
      undefined,
      'Not created: “OU=Extern,DC=other,DC=test” is outside the base DN “DC=hrsync,DC=test”, where hrsync reads accounts, so the account would not be found on the next run and would be created again. Correct parentDistinguishedName in the mapping (step 3), or widen the base DN of the tenant’s directory settings',
    ],
  ],
  shortened: [
    [
      {
        code: 'shortened',
        target: 'Microsoft Entra ID',
        attribute: 'jobTitle',
        max: 10,
        old: 'Medewerker administratie',
        new: 'Medewerker',
      },
      undefined,
      'Job title · jobTitle shortened to 10 characters, the most Microsoft 365 allows: “Medewerker administratie” → “Medewerker”',
    ],
    [
      {
        code: 'shortened',
        target: 'Microsoft Entra ID',
        attribute: 'businessPhones',
        max: 1,
        old: ['020 1', '06 2'],
        new: ['020 1'],
      },
      undefined,
      'Business phone · businessPhones holds at most 1 value in Microsoft 365: kept “020 1”, left out “06 2”',
    ],
  ],
  'owned-elsewhere': [
    [
      {
        code: 'owned-elsewhere',
        owner: 'on-premises Active Directory (directory sync)',
        changes: [{ attribute: 'jobTitle', old: 'Adviseur', new: 'Senior adviseur' }],
        lifecycle: 'disable',
      },
      undefined,
      'This account is managed by on-premises Active Directory (directory sync): change Job title · jobTitle “Adviseur” → “Senior adviseur” and disable the account there, or exclude the person with an override',
    ],
    [
      {
        code: 'owned-elsewhere',
        owner: 'on-premises Active Directory (directory sync)',
        changes: [{ attribute: 'manager', old: null, new: '100012' }],
        lifecycle: null,
      },
      undefined,
      'This account is managed by on-premises Active Directory (directory sync): set the manager to Piet de Vries (100012) there, or exclude the person with an override',
    ],
  ],
  quarantined: [
    [
      {
        code: 'quarantined',
        since: '2026-07-01T08:30:00.000Z',
        because:
          'update account a1 (employee 100051): 403 Authorization_RequestDenied: Insufficient privileges to complete the operation.',
      },
      undefined,
      'Quarantined since 1 Jul 2026, 10:30 CEST. Microsoft 365 refused to update the account: the app registration lacks the permission to write users (User.ReadWrite.All). Grant it in the Microsoft Entra admin center under App registrations → API permissions, and give admin consent. Nothing is sent again until their AFAS data, the configuration or an operator changes something',
    ],
    [
      { code: 'quarantined', since: '2026-07-01T08:30:00.000Z', because: 'the controller refused a value' },
      undefined,
      'Quarantined since 1 Jul 2026, 10:30 CEST. The controller refused a value. Nothing is sent again until their AFAS data, the configuration or an operator changes something',
    ],
  ],
  released: [
    [
      {
        code: 'released',
        since: '2026-07-01T08:30:00.000Z',
        because:
          'update account a1 (employee 100051): 403 Authorization_RequestDenied: Insufficient privileges to complete the operation.',
        byOperator: true,
      },
      undefined,
      'Sent again because an operator asked to run them again. They had been quarantined since 1 Jul 2026, 10:30 CEST. Microsoft 365 refused to update the account: the app registration lacks the permission to write users (User.ReadWrite.All). Grant it in the Microsoft Entra admin center under App registrations → API permissions, and give admin consent',
    ],
  ],
  created: [
    [{ code: 'created', account: 'a1' }, undefined, 'Account created: anna.jansen@contoso.nl (Anna Jansen)'],
  ],
  applied: [
    [{ code: 'applied', write: 'update' }, undefined, 'Attributes updated'],
    [{ code: 'applied', write: 'disable' }, undefined, 'Account disabled'],
  ],
  'manager-set': [[{ code: 'manager-set' }, undefined, 'Manager set']],
  'written-back': [[{ code: 'written-back' }, undefined, 'E-mail address / UPN written back to AFAS']],
};

for (const [code, cases] of Object.entries(CASES)) {
  test(`reason ${code} reads in plain words`, () => {
    for (const [reason, it, words] of cases) assert.equal(reasonWords(reason, it, ctx), words);
  });
}

test('no reason word is engine shorthand', () => {
  for (const cases of Object.values(CASES))
    for (const [reason, it] of cases) {
      const words = reasonWords(reason, it, ctx);
      assert.doesNotMatch(words, /\(s\)|lifecycle |;\s*primary |^[a-z]/, words);
    }
});

test('a person whose only employment starts in the future is never called a leaver', () => {
  for (const lifecycle of ['pre-hire', 'future'] as const) {
    const words = reasonWords(person({ lifecycle, start: '2027-03-01', end: '2027-12-31' }), undefined, ctx);
    assert.match(words, /^Starts on 1 Mar 2027/);
    assert.doesNotMatch(words, /left|leaver/i);
  }
});

test('stored runs from before reasons: the old shorthand reads in the same words', () => {
  const old = item(
    [
      {
        step: 'read',
        status: 'success',
        message: 'lifecycle gone; 1 employment(s); primary 100030-1-1 (2018-02-01 – 2026-10-31)',
      },
      { step: 'scope', status: 'success', message: 'matches filter 1: Department EQUALS "Sales"' },
      { step: 'match', status: 'success', message: 'linked to account a1 since 2026-01-02T09:00:00.000Z' },
      { step: 'plan', status: 'success', message: 'disable: lifecycle gone' },
      { step: 'apply', status: 'success', message: 'disable applied' },
    ],
    [{ attribute: 'accountEnabled', old: true, new: false }],
  );
  assert.deepEqual(
    old.steps.map((s) => stepWords(s, old, ctx)),
    [
      'Left on 31 Oct 2026 (1 employment: 100030-1-1)',
      'In scope: matches filter 1 (Department equals "Sales")',
      'Linked to anna.jansen@contoso.nl (Anna Jansen) since 2 Jan 2026, 10:00 CET',
      'Left on 31 Oct 2026 — account disabled',
      'Account disabled',
    ],
  );
  assert.equal(itemReasonWords(old, ctx), 'Left on 31 Oct 2026 — account disabled');
  const update = item(
    [{ step: 'plan', status: 'success', message: 'update 1 attribute(s)' }],
    [{ attribute: 'department', old: 'Sales', new: 'Marketing' }],
  );
  assert.equal(itemReasonWords(update, ctx), 'Updates 1 attribute: department Sales → Marketing');
  assert.equal(
    stepWords(
      { step: 'plan', status: 'success', message: 'create disabled (pre-hire) account p@x.nl' },
      item([
        {
          step: 'read',
          status: 'success',
          message: 'lifecycle pre-hire; 1 employment(s); primary 1-1 (2027-03-01 – open-ended)',
        },
      ]),
      ctx,
    ),
    'Starts on 1 Mar 2027 — account p@x.nl created disabled before the start',
  );
  // The planner's manager warning was text until 4 Dec 2026: old runs read the same words.
  assert.equal(
    stepWords(
      {
        step: 'plan',
        status: 'warning',
        message: 'manager 100018 (Martijn Dekker) has no account, so no manager is set',
      },
      undefined,
      ctx,
    ),
    'No manager is set: their manager, Martijn Dekker (100018), has no account yet',
  );
  assert.equal(
    stepWords(
      {
        step: 'plan',
        status: 'warning',
        message: 'manager 999999 is not in the AFAS read, so no manager is set',
      },
      undefined,
      ctx,
    ),
    'No manager is set: their manager, employee 999999, is not in AFAS',
  );
  assert.equal(legacyReason('plan', 'something new'), null);
  // Text the engine already wrote as a sentence stays itself, with a capital.
  assert.equal(
    stepWords(
      { step: 'plan', status: 'warning', message: 'surname shortened to 64 characters' },
      undefined,
      ctx,
    ),
    'Surname shortened to 64 characters',
  );
});

test('scope decisions read as words, failures with the value found', () => {
  const words = (message: string) => stepWords({ step: 'scope', status: 'skipped', message }, undefined, ctx);
  assert.equal(
    words('no scoping filters: everyone is in scope'),
    'In scope: there are no scoping filters, so everyone is managed',
  );
  assert.equal(
    words(
      'filter 1: Department EQUALS "Sales" is false (value "Marketing"); filter 2: Lifecycle IS_NULL is false (value null)',
    ),
    'Out of scope: filter 1 (Department equals "Sales") does not hold: it is "Marketing"; filter 2 (Lifecycle is empty) does not hold: it is empty',
  );
});

test('the raw detail stays one click away: the message, or the reason as code and values', () => {
  assert.equal(
    stepDetail({ step: 'match', status: 'success', message: 'matched account a1 on employeeId = "1"' }),
    'matched account a1 on employeeId = "1"',
  );
  assert.equal(
    stepDetail({ step: 'plan', status: 'success', message: '', reason: { code: 'update', count: 2 } }),
    'update count=2',
  );
});

test('the why of a person is the deciding plan step; dates in changes read as dates', () => {
  const managerOnly = item([
    { step: 'plan', status: 'success', message: '', reason: { code: 'up-to-date' } },
    { step: 'plan', status: 'success', message: '', reason: { code: 'manager', old: null, new: '100012' } },
  ]);
  assert.equal(itemReasonWords(managerOnly, ctx), 'Manager set to Piet de Vries (100012)');
  const named = item([
    {
      step: 'plan',
      status: 'success',
      message: '',
      reason: { code: 'name-taken', first: 'a', why: null, chosen: 'b', candidate: 2 },
    },
    {
      step: 'plan',
      status: 'success',
      message: '',
      reason: { code: 'create', enabled: true, upn: 'b@x.nl', start: null, leadDays: 14 },
    },
  ]);
  assert.equal(itemReasonWords(named, ctx), 'New account b@x.nl, created enabled');
  const leave = item([], [{ attribute: 'employeeLeaveDateTime', old: null, new: '2026-09-15T22:00:00Z' }]);
  assert.equal(
    reasonWords({ code: 'update', count: 1 }, leave, ctx),
    'Updates 1 attribute: employee leave date (empty) → end of 15 Sept 2026',
  );
});

test('a leave date reads as the last day the person left on, not the midnight after it', () => {
  // AFAS end date 18 Sept is written as 19 Sept 00:00 in the connection's zone: "Left on 18 Sept"
  // beside "→ 19 Sept 2026, 00:00" read as a day apart.
  const leaver = item(
    [read(person({ lifecycle: 'leaver', end: '2026-09-18' }))],
    [{ attribute: 'employeeLeaveDateTime', old: null, new: '2026-09-18T22:00:00Z' }],
  );
  assert.equal(
    reasonWords({ code: 'disable', lifecycle: 'leaver', count: 1 }, leaver, ctx),
    'Left on 18 Sept 2026 — account disabled; updates 1 attribute: employee leave date (empty) → end of 18 Sept 2026',
  );
  // Active Directory's expiry is the same kind of instant; in winter the offset is one hour.
  const expires = item([], [{ attribute: 'accountExpires', old: '2026-11-13T23:00:00Z', new: null }]);
  assert.equal(
    reasonWords({ code: 'update', count: 1 }, expires, { ...ctx, tenantType: 'hybrid' }),
    'Updates 1 attribute: account expires end of 13 Nov 2026 → (empty)',
  );
  // Not midnight there (a mapping of its own), or a start rather than an end: the instant as it is.
  const other = item(
    [],
    [
      { attribute: 'employeeLeaveDateTime', old: null, new: '2026-09-18T15:30:00Z' },
      { attribute: 'employeeHireDate', old: null, new: '2026-08-31T22:00:00Z' },
    ],
  );
  assert.equal(
    reasonWords({ code: 'update', count: 2 }, other, ctx),
    'Updates 2 attributes: employee leave date (empty) → 18 Sept 2026, 17:30 CEST, employee hire date (empty) → 1 Sept 2026, 00:00 CEST',
  );
});

test('the why of a failed person is the failing step', () => {
  const failed = item(
    [
      read(person()),
      {
        step: 'plan',
        status: 'failed',
        message: 'Microsoft 365 would refuse the new account: the surname is too long',
      },
    ],
    [],
    'failed',
  );
  assert.equal(
    itemReasonWords(failed, ctx),
    'Microsoft 365 would refuse the new account: the surname is too long',
  );
});

test("stored refusals from before their reasons read with the admin center's labels, never bare property names", () => {
  const words = (message: string, status = 'failed') =>
    stepWords({ step: 'plan', status, message }, undefined, ctx);
  assert.equal(
    words(
      'Microsoft Entra ID would refuse the new account: surname is 68 characters; Microsoft Entra ID allows at most 64 ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"); usageLocation "Nederland" must be a two-letter country code such as NL; mailNickname is empty; Microsoft Entra ID needs it to create an account',
    ),
    'Microsoft 365 would refuse the new account: Last name · surname “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” has 68 characters, at most 64 are allowed; Usage location · usageLocation “Nederland” must be a two-letter country code such as NL; Mail nickname · mailNickname is empty, and Microsoft 365 needs it for a new account. Correct the value in AFAS, or the mapping in step 3',
  );
  assert.equal(
    words(
      'jobTitle is 24 characters; Microsoft Entra ID allows at most 10: shortened "Medewerker administratie" → "Medewerker"',
      'warning',
    ),
    'Job title · jobTitle shortened to 10 characters, the most Microsoft 365 allows: “Medewerker administratie” → “Medewerker”',
  );
  assert.equal(
    words(
      'This account is managed by on-premises Active Directory (directory sync); change jobTitle "Adviseur" → "Senior adviseur", department (empty) → "Sales" and disable it there (or exclude the person with an override)',
    ),
    'This account is managed by on-premises Active Directory (directory sync): change Job title · jobTitle “Adviseur” → “Senior adviseur”, change Department (empty) → “Sales” and disable the account there, or exclude the person with an override',
  );
  assert.deepEqual(
    legacyReason(
      'plan',
      'This account is managed by on-premises Active Directory (directory sync); delete it there (or exclude the person with an override)',
    ),
    {
      code: 'owned-elsewhere',
      owner: 'on-premises Active Directory (directory sync)',
      changes: [],
      lifecycle: 'delete',
    },
  );
  // A refusal the old patterns do not know stays the sentence it is.
  assert.equal(legacyReason('plan', 'Microsoft Entra ID would refuse: something new'), null);
});
