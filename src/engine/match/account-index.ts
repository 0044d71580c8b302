/**
 * Indexes the tenant's accounts by the values matching and uniqueness look up. String values are
 * compared case-insensitively, as Entra compares UPNs, mail and employee ids.
 */
import type { Account, AttrValue } from '../../core/index.ts';

export const normaliseKey = (value: string): string => value.trim().toLowerCase();

/** proxyAddresses hold `SMTP:a@b` / `smtp:a@b`; uniqueness is about the address itself. */
function keysOf(attribute: string, value: AttrValue | undefined): string[] {
  if (value === null || value === undefined || value === '') return [];
  const list = Array.isArray(value) ? value : [String(value)];
  return list.map((v) => normaliseKey(attribute === 'proxyAddresses' ? v.replace(/^smtp:/i, '') : v));
}

export class AccountIndex {
  readonly byId: ReadonlyMap<string, Account>;
  private readonly byValue = new Map<string, Map<string, Account[]>>();

  constructor(
    readonly accounts: readonly Account[],
    attributes: readonly string[],
  ) {
    this.byId = new Map(accounts.map((a) => [a.id, a]));
    for (const attribute of new Set(attributes)) {
      const map = new Map<string, Account[]>();
      for (const account of accounts) {
        for (const key of keysOf(attribute, account.attributes[attribute])) {
          const list = map.get(key);
          if (list) list.push(account);
          else map.set(key, [account]);
        }
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
