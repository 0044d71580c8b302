/**
 * Indexes the tenant's accounts by the values matching and uniqueness look up. String values are
 * compared case-insensitively, as Entra compares UPNs, mail and employee ids.
 */
import type { Account } from '../../core/index.ts';

export const normaliseKey = (value: string): string => value.trim().toLowerCase();

const SMTP = /^smtp:/i;
/** proxyAddresses hold `SMTP:a@b` / `smtp:a@b`; uniqueness is about the address itself. */
const keyOf = (attribute: string, v: string): string =>
  normaliseKey(attribute === 'proxyAddresses' ? v.replace(SMTP, '') : v);

function add(map: Map<string, Account[]>, key: string, account: Account): void {
  const list = map.get(key);
  if (list) list.push(account);
  else map.set(key, [account]);
}

export class AccountIndex {
  readonly byId: ReadonlyMap<string, Account>;
  private readonly byValue = new Map<string, Map<string, Account[]>>();

  constructor(
    readonly accounts: readonly Account[],
    attributes: readonly string[],
  ) {
    const byId = new Map<string, Account>();
    for (const account of accounts) byId.set(account.id, account);
    this.byId = byId;
    // Plain loops, no array per account and attribute: construction is on every run's plan path.
    for (const attribute of new Set(attributes)) {
      const map = new Map<string, Account[]>();
      for (const account of accounts) {
        const value = account.attributes[attribute];
        if (value === null || value === undefined || value === '') continue;
        if (Array.isArray(value)) for (const v of value) add(map, keyOf(attribute, v), account);
        else add(map, keyOf(attribute, String(value)), account);
      }
      this.byValue.set(attribute, map);
    }
  }

  find(attribute: string, value: string): readonly Account[] {
    return this.byValue.get(attribute)?.get(normaliseKey(value)) ?? [];
  }

  /** All indexed values of an attribute (for uniqueness checks). */
  values(attribute: string): Iterable<string> {
    return this.byValue.get(attribute)?.keys() ?? [];
  }
}
