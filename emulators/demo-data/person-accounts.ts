/**
 * The accounts HR persons already have in the tenant, including the awkward ones a real tenant
 * collects: accounts that only match on UPN or mail, two accounts for one person, leavers not yet
 * disabled, a stranger holding a joiner's obvious address. Also records in the model what AFAS holds
 * (written-back e-mail and UPN), since that depends on the account.
 */

import { createdInstant, personAccount, SKU } from './account-record.ts';
import { chooseScenarios, chooseUpnTaken, wantsAccount } from './account-scenarios.ts';
import { type AddressBook, legacyLocalPart, obviousLocalPart, personLocalParts } from './addresses.ts';
import type { Day } from './local-date.ts';
import type { DemoPerson, EmploymentRecord } from './model.ts';
import { primaryEmployment } from './primary-employment.ts';
import type { DemoProportions } from './proportions.ts';
import type { Random } from './random.ts';
import {
  type SecondAccountContext,
  sameAddressAccount,
  sameEmployeeIdAccount,
  strangerAccount,
} from './second-accounts.ts';
import type { DemoAccountKind, DemoManifest, GraphUserRecord } from './types.ts';

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

export function buildPersonAccounts(input: PersonAccountsInput): PersonAccounts {
  const { persons, today, domain, proportions: p, random, ids, book } = input;
  const hasAccount = persons.map((person) => wantsAccount(person, p, random));
  const scenarios = chooseScenarios(persons, hasAccount, p, random);
  const upnTakenTargets = chooseUpnTaken(persons, hasAccount, p, random);
  const ctx: SecondAccountContext = { book, domain, today, random, ids };

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
    const mail = `${book.claim(personLocalParts(person.name), domain, id)}@${domain}`;
    // These accounts date from an older naming convention, so only their mail address matches.
    const upn =
      scenario === 'unlinked-mail' || scenario === 'duplicate-mail'
        ? `${book.claim([legacyLocalPart(person.name)], domain, id)}@${domain}`
        : mail;
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
      const second = sameAddressAccount(ctx, person, mail);
      add(second, 'duplicate-mail');
      out.accounts.duplicateMail.push({
        employeeNumber: person.employeeNumber,
        address: mail,
        accountIds: [id, second.id],
      });
    }
    if (scenario === 'duplicate-employee-id') {
      const second = sameEmployeeIdAccount(ctx, person, shown, duplicates++ % 2 === 0, mail);
      add(second, 'duplicate-employee-id');
      out.accounts.duplicateEmployeeId.push({
        employeeNumber: person.employeeNumber,
        accountIds: [id, second.id],
      });
    }
  }

  for (const index of upnTakenTargets) {
    const person = persons[index]!;
    const local = obviousLocalPart(person.name);
    const address = `${local}@${domain}`;
    let owner = book.ownerOf(address);
    if (owner === undefined) {
      const stranger = strangerAccount(ctx, person, local);
      add(stranger, 'upn-taken');
      owner = stranger.id;
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
