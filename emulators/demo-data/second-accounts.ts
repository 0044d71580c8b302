/**
 * Accounts that sit next to a person's own: the copy made by hand with the person's address as UPN,
 * the admin or forgotten old account carrying the same employeeId, and the stranger who already has
 * the address a joiner would get.
 */
import { createdInstant, personAccount, plainAccount, SKU } from './account-record.ts';
import type { AddressBook } from './addresses.ts';
import { personLocalParts } from './addresses.ts';
import type { Day } from './local-date.ts';
import type { DemoPerson, EmploymentRecord } from './model.ts';
import { displayNameOf, surnameFor } from './names/compose.ts';
import type { Random } from './random.ts';
import type { GraphUserRecord } from './types.ts';

export interface SecondAccountContext {
  readonly book: AddressBook;
  readonly domain: string;
  readonly today: Day;
  readonly random: Random;
  readonly ids: Random;
}

const OUTSIDE_COMPANIES = [
  'Adviesbureau Noord B.V.',
  'IT Partners Zuid',
  'Interim Netwerk',
  'Projectbureau West',
];

/**
 * A second account whose UPN is the person's mail address. Entra keeps UPNs and proxy addresses in
 * separate indexes, so an administrator could create it; mail and alias stay unique.
 */
export function sameAddressAccount(
  ctx: SecondAccountContext,
  person: DemoPerson,
  mail: string,
): GraphUserRecord {
  const { book, domain, today, random } = ctx;
  const id = ctx.ids.guid();
  return plainAccount({
    id,
    userPrincipalName: mail,
    displayName: displayNameOf(person.name),
    mailNickname: book.claim([`${mail.split('@')[0]}.nieuw`], domain, id),
    accountEnabled: true,
    mail: null,
    givenName: person.name.callingName,
    surname: surnameFor(person.name),
    createdDateTime: createdInstant(random, today - random.int(5, 200), today),
  });
}

/** An admin account (enabled, no mailbox) or an old disabled one, with the person's employeeId. */
export function sameEmployeeIdAccount(
  ctx: SecondAccountContext,
  person: DemoPerson,
  shown: EmploymentRecord,
  admin: boolean,
  mail: string,
): GraphUserRecord {
  const { book, domain, today, random } = ctx;
  const id = ctx.ids.guid();
  const local = admin
    ? book.claim([`adm-${mail.split('@')[0]}`], domain, id)
    : book.claim(personLocalParts(person.name), domain, id);
  const firstStart = Math.min(...person.employments.map((e) => e.contractStart));
  const record = personAccount(person, {
    id,
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
  return record;
}

/** A contractor of the same name who got `local@domain` first. */
export function strangerAccount(
  ctx: SecondAccountContext,
  person: DemoPerson,
  local: string,
): GraphUserRecord {
  const { book, domain, today, random } = ctx;
  const id = ctx.ids.guid();
  const claimed = book.claim([local], domain, id);
  return plainAccount({
    id,
    userPrincipalName: `${claimed}@${domain}`,
    displayName: `${displayNameOf(person.name)} (extern)`,
    mailNickname: claimed,
    accountEnabled: true,
    mail: `${claimed}@${domain}`,
    givenName: person.name.callingName,
    surname: surnameFor(person.name),
    employeeType: 'Contractor',
    jobTitle: 'Externe adviseur',
    companyName: random.pick(OUTSIDE_COMPANIES),
    createdDateTime: createdInstant(random, today - random.int(30, 1500), today),
    licence: SKU.SPE_E3,
  });
}
