/**
 * The accounts HR persons already have in the tenant, including the awkward ones a real tenant
 * collects: accounts that only match on UPN or mail, two accounts for one person, leavers not yet
 * disabled, a stranger holding a joiner's obvious address. Also records in the model what AFAS holds
 * (written-back e-mail and UPN), since that depends on the account.
 */

import { createdInstant, personAccount, plainAccount, SKU } from './account-record.ts';
import { type AddressBook, legacyLocalPart, obviousLocalPart, personLocalParts } from './addresses.ts';
import { primaryEmployment } from './employments.ts';
import type { Day } from './local-date.ts';
import type { DemoPerson, EmploymentRecord } from './model.ts';
import { displayNameOf, surnameFor } from './names/compose.ts';
import { namesakeOf } from './names/person-name.ts';
import type { DemoProportions } from './proportions.ts';
import type { Random } from './random.ts';
import type { DemoAccountKind, DemoManifest, GraphUserRecord } from './types.ts';

type Scenario = 'unlinked-upn' | 'unlinked-mail' | 'duplicate-employee-id' | 'duplicate-mail';

export interface PersonAccountsInput {
  readonly persons: readonly DemoPerson[];
  readonly today: Day;
  readonly domain: string;
  readonly proportions: DemoProportions;
  /** draws for who has what */
  readonly random: Random;
  /** draws for object ids only, so ids stay put when scenarios change */
  readonly ids: Random;
  readonly book: AddressBook;
  readonly jobTitles: readonly string[];
  readonly unitNames: readonly string[];
}

export interface PersonAccounts {
  readonly users: GraphUserRecord[];
  readonly kinds: Map<string, DemoAccountKind>;
  readonly accounts: Omit<DemoManifest['accounts'], 'cloudOnly'>;
  readonly staleAttributes: string[];
  readonly disabledWhileActive: string[];
  readonly leaversStillEnabled: string[];
}

const OUTSIDE_COMPANIES = [
  'Adviesbureau Noord B.V.',
  'IT Partners Zuid',
  'Interim Netwerk',
  'Projectbureau West',
];

export function buildPersonAccounts(input: PersonAccountsInput): PersonAccounts {
  const { persons, today, domain, proportions: p, random, ids, book } = input;
  const hasAccount = persons.map((person) => wantsAccount(person, p, random));
  const scenarios = chooseScenarios(input, hasAccount);
  const upnTakenTargets = chooseNamesakes(input, hasAccount);

  const out: PersonAccounts = {
    users: [],
    kinds: new Map(),
    accounts: {
      unlinkedByUpn: [],
      unlinkedByMail: [],
      duplicateEmployeeId: [],
      duplicateMail: [],
      upnTaken: [],
    },
    staleAttributes: [],
    disabledWhileActive: [],
    leaversStillEnabled: [],
  };
  const add = (user: GraphUserRecord, kind: DemoAccountKind) => {
    out.users.push(user);
    out.kinds.set(user.id, kind);
  };
  let duplicates = 0;

  for (const person of persons) {
    if (!hasAccount[person.index]) continue;
    const scenario = scenarios.get(person.index);
    const id = ids.guid();
    const shown = shownEmployment(person, today);
    const firstStart = Math.min(...person.employments.map((e) => e.contractStart));
    const created = createdInstant(random, firstStart, today);
    const licence = random.chance(0.05) ? SKU.ENTERPRISEPACK : shown.hours < 20 ? SKU.SPE_F1 : SKU.SPE_E3;
    const { enabled, leaveDay } = accountState(person, shown, today, p, random);
    let upn: string;
    let mail: string;
    if (scenario === 'unlinked-mail' || scenario === 'duplicate-mail') {
      mail = `${book.claim(personLocalParts(person.name), domain, id)}@${domain}`;
      upn = `${book.claim([legacyLocalPart(person.name)], domain, id)}@${domain}`;
    } else {
      mail = `${book.claim(personLocalParts(person.name), domain, id)}@${domain}`;
      upn = mail;
    }
    const linked = scenario === undefined || scenario === 'duplicate-employee-id';
    const user = personAccount(person, {
      id,
      userPrincipalName: upn,
      mail,
      employeeId: linked ? person.employeeNumber : null,
      accountEnabled: enabled,
      employment: shown,
      leaveDay,
      createdDateTime: created,
      licence,
    });
    if (upn !== mail) user.mailNickname = mail.split('@')[0]!;
    person.account = { id, userPrincipalName: upn, mail };
    const written = random.chance(p.emailWrittenBack);
    person.afasMail = written || scenario === 'unlinked-mail' || scenario === 'duplicate-mail' ? mail : null;
    if (scenario === 'unlinked-upn') person.hasProfitUser = true;
    person.afasUpn =
      person.hasProfitUser && (written || scenario === 'unlinked-upn') && upn === mail ? upn : null;

    if (linked && enabled && person.kind === 'employee' && random.chance(p.staleAttributes)) {
      if (random.chance(0.5)) user.jobTitle = pickOther(random, input.jobTitles, user.jobTitle);
      else user.department = pickOther(random, input.unitNames, user.department);
      out.staleAttributes.push(person.employeeNumber);
    }
    if (
      person.kind === 'employee' &&
      scenario === undefined &&
      enabled &&
      random.chance(p.disabledWhileActive)
    ) {
      user.accountEnabled = false;
      out.disabledWhileActive.push(person.employeeNumber);
    }
    if (person.kind === 'leaver' && person.leaverTiming !== 'upcoming' && user.accountEnabled)
      out.leaversStillEnabled.push(person.employeeNumber);
    add(user, linked ? 'linked' : scenario === 'unlinked-upn' ? 'unlinked-upn' : 'unlinked-mail');

    if (scenario === 'unlinked-upn')
      out.accounts.unlinkedByUpn.push({ employeeNumber: person.employeeNumber, accountId: id });
    if (scenario === 'unlinked-mail')
      out.accounts.unlinkedByMail.push({ employeeNumber: person.employeeNumber, accountId: id });
    if (scenario === 'duplicate-mail') {
      // Someone created a second account with the person's address as its UPN (Entra keeps UPN and
      // proxy addresses in separate indexes, so it was accepted).
      const second = ids.guid();
      const nickname = book.claim([`${mail.split('@')[0]}.nieuw`], domain, second);
      add(
        plainAccount({
          id: second,
          userPrincipalName: mail,
          displayName: displayNameOf(person.name),
          mailNickname: nickname,
          accountEnabled: true,
          mail: null,
          givenName: person.name.callingName,
          surname: surnameFor(person.name),
          createdDateTime: createdInstant(random, today - random.int(5, 200), today),
        }),
        'duplicate-mail',
      );
      out.accounts.duplicateMail.push({
        employeeNumber: person.employeeNumber,
        address: mail,
        accountIds: [id, second],
      });
    }
    if (scenario === 'duplicate-employee-id') {
      const second = ids.guid();
      const admin = duplicates++ % 2 === 0;
      const local = admin
        ? book.claim([`adm-${mail.split('@')[0]}`], domain, second)
        : book.claim(personLocalParts(person.name), domain, second);
      const record = personAccount(person, {
        id: second,
        userPrincipalName: `${local}@${domain}`,
        mail: admin ? null : `${local}@${domain}`,
        employeeId: person.employeeNumber,
        accountEnabled: admin,
        employment: shown,
        leaveDay: null,
        createdDateTime: createdInstant(random, firstStart, today),
        licence: null,
      });
      record.mailNickname = local;
      if (admin) record.displayName = `${record.displayName} (beheer)`;
      add(record, 'duplicate-employee-id');
      out.accounts.duplicateEmployeeId.push({
        employeeNumber: person.employeeNumber,
        accountIds: [id, second],
      });
    }
  }

  for (const index of upnTakenTargets) {
    const person = persons[index]!;
    const local = obviousLocalPart(person.name);
    const address = `${local}@${domain}`;
    let owner = book.ownerOf(address);
    if (owner === undefined) {
      owner = ids.guid();
      book.claim([local], domain, owner);
      add(
        plainAccount({
          id: owner,
          userPrincipalName: address,
          displayName: `${displayNameOf(person.name)} (extern)`,
          mailNickname: local,
          accountEnabled: true,
          mail: address,
          givenName: person.name.callingName,
          surname: surnameFor(person.name),
          employeeType: 'Contractor',
          jobTitle: 'Externe adviseur',
          companyName: random.pick(OUTSIDE_COMPANIES),
          createdDateTime: createdInstant(random, today - random.int(30, 1500), today),
          licence: SKU.SPE_E3,
        }),
        'upn-taken',
      );
    }
    out.accounts.upnTaken.push({
      employeeNumber: person.employeeNumber,
      userPrincipalName: address,
      accountId: owner,
    });
  }

  linkManagers(persons, out.users, today, p, random);
  return out;
}

function wantsAccount(person: DemoPerson, p: DemoProportions, random: Random): boolean {
  switch (person.kind) {
    case 'joiner':
    case 'future-starter':
      return false;
    case 'leaver':
      return (
        random.chance(p.existingAccounts) &&
        !(person.leaverTiming === 'long-ago' && random.chance(p.leaverAccountsDeleted))
      );
    case 'employee':
    case 'rehire':
      return random.chance(p.existingAccounts);
  }
}

/** Exact counts, drawn from current non-manager employees with an account. */
function chooseScenarios(input: PersonAccountsInput, hasAccount: readonly boolean[]): Map<number, Scenario> {
  const { persons, proportions: p, random } = input;
  const pool = persons
    .filter((x) => x.kind === 'employee' && x.manages === null && hasAccount[x.index])
    .map((x) => x.index);
  const counts: [Scenario, number][] = [
    ['unlinked-upn', Math.round(persons.length * p.unlinkedByUpn)],
    ['unlinked-mail', Math.round(persons.length * p.unlinkedByMail)],
    ['duplicate-employee-id', Math.round((persons.length * p.duplicates) / 2)],
    [
      'duplicate-mail',
      Math.round(persons.length * p.duplicates) - Math.round((persons.length * p.duplicates) / 2),
    ],
  ];
  const chosen = random.sample(
    pool,
    counts.reduce((sum, [, n]) => sum + n, 0),
  );
  const scenarios = new Map<number, Scenario>();
  let next = 0;
  for (const [scenario, n] of counts)
    for (let i = 0; i < n && next < chosen.length; i++) scenarios.set(chosen[next++]!, scenario);
  return scenarios;
}

/**
 * Joiners whose obvious address will be taken. Half get the name of an employee who already has an
 * account (common names make namesakes); the rest meet a stranger's account with that address.
 */
function chooseNamesakes(input: PersonAccountsInput, hasAccount: readonly boolean[]): number[] {
  const { persons, proportions: p, random } = input;
  const starters = persons
    .filter((x) => x.kind === 'joiner' || x.kind === 'future-starter')
    .map((x) => x.index);
  const targets = random.sample(starters, Math.round(starters.length * p.joinerUpnTaken));
  const namesakes = persons.filter((x) => x.kind === 'employee' && hasAccount[x.index]);
  targets.forEach((index, k) => {
    if (k % 2 === 0 && namesakes.length > 0) {
      const person = persons[index]!;
      person.name = namesakeOf(random.pick(namesakes).name, person.name);
    }
  });
  return targets.sort((a, b) => a - b);
}

/** A rehire's old account still shows the old job; everyone else's the primary employment. */
function shownEmployment(person: DemoPerson, today: Day): EmploymentRecord {
  if (person.kind === 'rehire') return person.employments[0]!;
  return primaryEmployment(person, today) ?? person.employments[0]!;
}

function accountState(
  person: DemoPerson,
  shown: EmploymentRecord,
  today: Day,
  p: DemoProportions,
  random: Random,
): { enabled: boolean; leaveDay: Day | null } {
  const openEnded = person.employments.some((e) => e.functionEnd === null);
  const inStepLeave = openEnded || shown.functionEnd === null ? null : shown.functionEnd + 1;
  switch (person.kind) {
    case 'rehire':
      return { enabled: false, leaveDay: shown.functionEnd === null ? null : shown.functionEnd + 1 };
    case 'leaver': {
      if (person.leaverTiming === 'upcoming') return { enabled: true, leaveDay: inStepLeave };
      const disabled = person.leaverTiming === 'long-ago' || random.chance(p.leaverAccountsDisabled);
      return disabled ? { enabled: false, leaveDay: inStepLeave } : { enabled: true, leaveDay: null };
    }
    default:
      return { enabled: shown.functionStart <= today, leaveDay: inStepLeave };
  }
}

/** Most accounts already point at their manager's account; the rest are for the sync to fill in. */
function linkManagers(
  persons: readonly DemoPerson[],
  users: GraphUserRecord[],
  today: Day,
  p: DemoProportions,
  random: Random,
) {
  const byId = new Map(users.map((u) => [u.id, u]));
  for (const person of persons) {
    if (person.account === null) continue;
    const user = byId.get(person.account.id);
    if (!user || user.employeeId === null) continue;
    const managerIndex = shownEmployment(person, today).manager;
    const manager = managerIndex === null ? null : persons[managerIndex]!.account;
    if (manager && manager.id !== user.id && random.chance(p.managerOnAccount)) user.managerId = manager.id;
  }
}

/** A value from the list other than `current` (lists here always hold more than one value). */
function pickOther(random: Random, values: readonly string[], current: string | null | undefined): string {
  for (;;) {
    const value = random.pick(values);
    if (value !== current || values.length < 2) return value;
  }
}
