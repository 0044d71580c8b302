/**
 * Indexes the tenant's accounts by the values matching and uniqueness look up. String values are
 * compared case-insensitively, as Entra compares UPNs, mail and employee ids.
 */
import type { Account } from '../../core/index.ts';

export const normaliseKey = (value: string): string => value.trim().toLowerCase();

/** proxyAddresses hold `SMTP:a@b` / `smtp:a@b`; uniqueness is about the address itself. */
const SMTP = /^smtp:/i;

/** One account per key, as nearly every key has; a list only where several accounts share it. */
type Entry = Account | Account[];

function add(map: Map<string, Entry>, key: string, account: Account): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, account);
  else if (Array.isArray(entry)) entry.push(account);
  else map.set(key, [entry, account]);
}

const NONE: readonly Account[] = Object.freeze([]);

export class AccountIndex {
  readonly byId: ReadonlyMap<string, Account>;
  private readonly byValue = new Map<string, Map<string, Entry>>();
  /** Attributes that may be looked up; each is indexed on its first lookup. */
  private readonly indexable: ReadonlySet<string>;

  constructor(
    readonly accounts: readonly Account[],
    attributes: readonly string[],
  ) {
    const byId = new Map<string, Account>();
    for (const account of accounts) byId.set(account.id, account);
    this.byId = byId;
    this.indexable = new Set(attributes);
  }

  /**
   * The index of one attribute, built when first asked for: a run without creates never looks at
   * UPN, mail, proxy addresses or mail nickname, only at the matching attribute. Plain loops, and no
   * list per key: this is on every run's plan path.
   */
  private index(attribute: string): Map<string, Entry> | undefined {
    let map = this.byValue.get(attribute);
    if (map !== undefined || !this.indexable.has(attribute)) return map;
    map = new Map<string, Entry>();
    const proxy = attribute === 'proxyAddresses';
    for (const account of this.accounts) {
      const value = account.attributes[attribute];
      if (value === null || value === undefined || value === '') continue;
      if (Array.isArray(value))
        for (const v of value) add(map, normaliseKey(proxy ? v.replace(SMTP, '') : v), account);
      else add(map, normaliseKey(proxy ? String(value).replace(SMTP, '') : String(value)), account);
    }
    this.byValue.set(attribute, map);
    return map;
  }

  find(attribute: string, value: string): readonly Account[] {
    const entry = this.index(attribute)?.get(normaliseKey(value));
    return entry === undefined ? NONE : Array.isArray(entry) ? entry : [entry];
  }

  /** Whether any account holds the value in the attribute (no list is made). */
  has(attribute: string, value: string): boolean {
    return this.index(attribute)?.has(normaliseKey(value)) ?? false;
  }

  /** All indexed values of an attribute (for uniqueness checks). */
  values(attribute: string): Iterable<string> {
    return this.index(attribute)?.keys() ?? [];
  }
}
