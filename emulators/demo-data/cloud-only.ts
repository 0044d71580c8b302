/**
 * Accounts HR does not own and a sync must leave alone: the break-glass and MSP admin accounts,
 * service accounts, shared mailboxes (disabled sign-in, as Exchange creates them), guests invited
 * from other organisations and contractors who never appear in AFAS.
 */

import { createdInstant, plainAccount, SKU } from './account-record.ts';
import type { AddressBook } from './addresses.ts';
import type { Day } from './local-date.ts';
import { toLocalPart } from './names/ascii.ts';
import { displayNameOf, familyForAccount, surnameFor } from './names/compose.ts';
import { generatePersonName } from './names/person-name.ts';
import { type Random, Weighted } from './random.ts';
import type { DemoAccountKind, GraphUserRecord } from './types.ts';

type CloudKind = Extract<DemoAccountKind, 'admin' | 'service' | 'shared-mailbox' | 'guest' | 'external'>;

const SHARED_MAILBOXES = [
  ['info', 'Info'],
  ['hr', 'HR'],
  ['facturen', 'Facturen'],
  ['servicedesk', 'Servicedesk'],
  ['receptie', 'Receptie'],
  ['sollicitaties', 'Sollicitaties'],
  ['inkoop', 'Inkoop'],
  ['privacy', 'Privacy'],
] as const;
const SERVICES = ['backup', 'scanner', 'vergaderzalen', 'teams-rooms', 'printserver', 'monitoring'];
const GUEST_DOMAINS = [
  'adviesbureau-noord.example',
  'itpartners.example',
  'accountancy-zuid.example',
  'interimnet.example',
];
const EXTERNAL_COMPANIES = ['Adviesbureau Noord B.V.', 'IT Partners Zuid', 'Interim Netwerk'];
/** The first few always exist (every tenant has them); beyond that, the mix of a grown tenant. */
const FIRST: readonly CloudKind[] = [
  'admin',
  'shared-mailbox',
  'service',
  'guest',
  'external',
  'shared-mailbox',
  'admin',
];
const MIX = new Weighted<CloudKind>([
  ['guest', 35],
  ['external', 25],
  ['shared-mailbox', 20],
  ['service', 10],
  ['admin', 10],
]);

export interface CloudOnlyInput {
  readonly count: number;
  readonly domain: string;
  readonly initialDomain: string;
  readonly today: Day;
  readonly random: Random;
  readonly ids: Random;
  readonly book: AddressBook;
}

export function buildCloudOnlyAccounts(input: CloudOnlyInput): {
  users: GraphUserRecord[];
  kinds: CloudKind[];
} {
  const { count, domain, initialDomain, today, random, ids, book } = input;
  const users: GraphUserRecord[] = [];
  const kinds: CloudKind[] = [];
  const seen: Record<CloudKind, number> = {
    admin: 0,
    service: 0,
    'shared-mailbox': 0,
    guest: 0,
    external: 0,
  };
  for (let i = 0; i < count; i++) {
    const kind = FIRST[i] ?? MIX.pick(random);
    const n = seen[kind]++;
    const id = ids.guid();
    const created = createdInstant(random, today - random.int(30, 5 * 365), today);
    const name = generatePersonName(random, { partners: 0 });
    const local = (candidates: string[], on = domain) => book.claim(candidates, on, id);
    switch (kind) {
      case 'admin': {
        const nick =
          n === 0
            ? local(['admin'], initialDomain)
            : local([`adm-${toLocalPart(`${name.callingName}.${familyForAccount(name)}`)}`], initialDomain);
        const upn = `${nick}@${initialDomain}`;
        const label = n === 0 ? 'Beheerder (break glass)' : `${displayNameOf(name)} (MSP-beheer)`;
        users.push(
          plainAccount({
            id,
            userPrincipalName: upn,
            displayName: label,
            mailNickname: nick,
            accountEnabled: true,
            mail: null,
            createdDateTime: created,
            licence: n === 0 ? null : SKU.SPE_E3,
          }),
        );
        break;
      }
      case 'service': {
        const nick = local([`svc-${SERVICES[n % SERVICES.length]}`]);
        users.push(
          plainAccount({
            id,
            userPrincipalName: `${nick}@${domain}`,
            displayName: `Service ${nick.slice(4)}`,
            mailNickname: nick,
            accountEnabled: true,
            mail: null,
            createdDateTime: created,
          }),
        );
        break;
      }
      case 'shared-mailbox': {
        const [base, label] = SHARED_MAILBOXES[n % SHARED_MAILBOXES.length]!;
        const nick = local([base]);
        const address = `${nick}@${domain}`;
        users.push(
          plainAccount({
            id,
            userPrincipalName: address,
            displayName: n < SHARED_MAILBOXES.length ? label : `${label} ${nick}`,
            mailNickname: nick,
            accountEnabled: false,
            mail: address,
            createdDateTime: created,
          }),
        );
        break;
      }
      case 'guest': {
        const base = toLocalPart(`${name.callingName.charAt(0)}.${familyForAccount(name)}`);
        const guestDomain = random.pick(GUEST_DOMAINS);
        let external = `${base}@${guestDomain}`;
        for (let k = 2; book.ownerOf(external) !== undefined; k++) external = `${base}${k}@${guestDomain}`;
        // Entra turns the invited address into a local part: '@' becomes '_', then '#EXT#'.
        const nick = local([`${external.replace('@', '_')}#EXT#`], initialDomain);
        book.hold(external, id);
        users.push(
          plainAccount({
            id,
            userPrincipalName: `${nick}@${initialDomain}`,
            displayName: `${displayNameOf(name)} (gast)`,
            mailNickname: nick,
            accountEnabled: true,
            mail: external,
            otherMails: [external],
            givenName: name.callingName,
            surname: surnameFor(name),
            createdDateTime: created,
            userType: 'Guest',
          }),
        );
        break;
      }
      case 'external': {
        const nick = local([`ext-${toLocalPart(`${name.callingName}.${familyForAccount(name)}`)}`]);
        const address = `${nick}@${domain}`;
        users.push(
          plainAccount({
            id,
            userPrincipalName: address,
            displayName: `${displayNameOf(name)} (extern)`,
            mailNickname: nick,
            accountEnabled: random.chance(0.8),
            mail: address,
            givenName: name.callingName,
            surname: surnameFor(name),
            employeeType: 'Contractor',
            jobTitle: 'Externe adviseur',
            companyName: random.pick(EXTERNAL_COMPANIES),
            createdDateTime: created,
            licence: SKU.SPE_E3,
          }),
        );
        break;
      }
    }
    kinds.push(kind);
  }
  return { users, kinds };
}
