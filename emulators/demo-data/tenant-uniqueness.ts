/**
 * What Entra ID keeps unique among a tenant's users, checked over a whole dataset so that a clash is
 * said with both places (`users[3] and users[17] both hold userPrincipalName …`). The Graph emulator's
 * indexes (emulators/graph/directory/user-indexes.ts) keep the same values unique on every write.
 */
import type { GraphUserRecord } from './types.ts';

/** `SMTP:Jan@x.nl` and `smtp:jan@x.nl` are the same address; other types keep their prefix. */
export function addressKey(address: string): string {
  const colon = address.indexOf(':');
  if (colon < 0) return `smtp:${address.toLowerCase()}`;
  return `${address.slice(0, colon).toLowerCase()}:${address.slice(colon + 1).toLowerCase()}`;
}

type Kind = 'id' | 'userPrincipalName' | 'mailNickname' | 'address';

interface Claim {
  readonly kind: Kind;
  readonly key: string;
  /** Where in the user, e.g. `mail` or `proxyAddresses[1]`. */
  readonly field: string;
  readonly value: string;
}

interface Holder extends Claim {
  readonly index: number;
}

const RULE: Record<Kind, string> = {
  id: 'an object id names one object',
  userPrincipalName: 'Entra ID keeps it unique among users, whatever the case',
  mailNickname: 'Entra ID keeps it unique among users, whatever the case',
  address: 'Entra ID keeps every address (mail and proxyAddresses) unique among users, whatever the case',
};

function claims(user: GraphUserRecord): Claim[] {
  const list: Claim[] = [
    { kind: 'id', key: user.id.toLowerCase(), field: 'id', value: user.id },
    {
      kind: 'userPrincipalName',
      key: user.userPrincipalName.toLowerCase(),
      field: 'userPrincipalName',
      value: user.userPrincipalName,
    },
    {
      kind: 'mailNickname',
      key: user.mailNickname.toLowerCase(),
      field: 'mailNickname',
      value: user.mailNickname,
    },
  ];
  if (typeof user.mail === 'string')
    list.push({ kind: 'address', key: addressKey(user.mail), field: 'mail', value: user.mail });
  (user.proxyAddresses ?? []).forEach((address, i) => {
    list.push({ kind: 'address', key: addressKey(address), field: `proxyAddresses[${i}]`, value: address });
  });
  return list;
}

/**
 * The first two users (`path` names the list, e.g. `tenant.users`) holding a value Entra ID keeps
 * unique, in words with both places; undefined when there is none. One user's `mail` and its own
 * `SMTP:` proxy address are one address, not a clash.
 */
export function userClash(users: readonly GraphUserRecord[], path: string): string | undefined {
  const holders = new Map<string, Holder>();
  for (let index = 0; index < users.length; index++) {
    for (const claim of claims(users[index]!)) {
      const slot = `${claim.kind} ${claim.key}`;
      const first = holders.get(slot);
      if (first === undefined) holders.set(slot, { ...claim, index });
      else if (first.index !== index) return clashWords(first, { ...claim, index }, path);
    }
  }
  return undefined;
}

function clashWords(a: Holder, b: Holder, path: string): string {
  const rule = RULE[a.kind];
  if (a.field === b.field && a.value === b.value)
    return `${path}[${a.index}] and ${path}[${b.index}] both hold ${a.field} ${JSON.stringify(a.value)}; ${rule}`;
  const place = (h: Holder) => `${path}[${h.index}].${h.field} ${JSON.stringify(h.value)}`;
  return `${place(a)} and ${place(b)} are the same ${a.kind}; ${rule}`;
}
