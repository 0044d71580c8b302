/**
 * Indexes the tenant's accounts by the values matching and uniqueness look up. String values are
 * compared case-insensitively, as Entra compares UPNs, mail and employee ids.
 */
import type { Account } from '../../core/index.ts';

export const normaliseKey = (value: string): string => value.trim().toLowerCase();

/** One account per key, as nearly every key has; a list only where several accounts share it. */
export type IndexEntry = Account | readonly Account[];

function add(map: Map<string, IndexEntry>, key: string, account: Account): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, account);
  else if (Array.isArray(entry)) (entry as Account[]).push(account);
  else map.set(key, [entry as Account, account]);
}

/**
 * proxyAddresses hold `SMTP:a@b` / `smtp:a@b`; uniqueness is about the address itself. A character
 * test, not a regular expression: it runs for every address of every account.
 */
function withoutSmtp(value: string): string {
  return value.length >= 5 &&
    (value.charCodeAt(0) | 32) === 115 && // s
    (value.charCodeAt(1) | 32) === 109 && // m
    (value.charCodeAt(2) | 32) === 116 && // t
    (value.charCodeAt(3) | 32) === 112 && // p
    value.charCodeAt(4) === 58 // :
    ? value.slice(5)
    : value;
}

/** The key of one value of an attribute. */
function keyOf(value: string, proxy: boolean): string {
  return normaliseKey(proxy ? withoutSmtp(value) : value);
}

const NONE: readonly Account[] = Object.freeze([]);

/** Attributes answered from the shared presence map (one bit each in a small integer). */
const PRESENCE_BITS = 30;

export class AccountIndex {
  readonly byId: ReadonlyMap<string, Account>;
  private readonly byValue = new Map<string, Map<string, IndexEntry>>();
  /** Attributes that may be looked up; each is indexed on its first lookup. */
  private readonly indexable: ReadonlySet<string>;
  /**
   * For has(): normalised value → the attributes (bits) that hold it in any account. UPN, mail and
   * proxy address are nearly always one value, so one map of bits holds them in a third of the
   * entries three maps of accounts would, and without an account list per key.
   */
  private readonly present = new Map<string, number>();
  private readonly bits = new Map<string, number>();

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
  private index(attribute: string): Map<string, IndexEntry> | undefined {
    let map = this.byValue.get(attribute);
    if (map !== undefined || !this.indexable.has(attribute)) return map;
    const built = new Map<string, IndexEntry>();
    const proxy = attribute === 'proxyAddresses';
    // Plain loops, no callback per account: this runs over every account of the tenant.
    for (const account of this.accounts) {
      const value = account.attributes[attribute];
      if (value === null || value === undefined || value === '') continue;
      if (Array.isArray(value))
        for (const v of value as readonly string[]) add(built, keyOf(v, proxy), account);
      else add(built, keyOf(typeof value === 'string' ? value : String(value), proxy), account);
    }
    this.byValue.set(attribute, built);
    map = built;
    return map;
  }

  /** The bit of an attribute in the presence map, loading its values on first use; 0 when not indexable. */
  private bit(attribute: string): number {
    const known = this.bits.get(attribute);
    if (known !== undefined) return known;
    if (!this.indexable.has(attribute) || this.bits.size >= PRESENCE_BITS) return 0;
    const bit = 1 << this.bits.size;
    this.bits.set(attribute, bit);
    const present = this.present;
    const proxy = attribute === 'proxyAddresses';
    for (const account of this.accounts) {
      const value = account.attributes[attribute];
      if (value === null || value === undefined || value === '') continue;
      if (Array.isArray(value))
        for (const v of value as readonly string[]) {
          const key = keyOf(v, proxy);
          present.set(key, (present.get(key) ?? 0) | bit);
        }
      else {
        const key = keyOf(typeof value === 'string' ? value : String(value), proxy);
        present.set(key, (present.get(key) ?? 0) | bit);
      }
    }
    return bit;
  }

  /** The account, or the accounts, holding the value in the attribute (no list is made for one). */
  entry(attribute: string, value: string): IndexEntry | undefined {
    return this.index(attribute)?.get(normaliseKey(value));
  }

  find(attribute: string, value: string): readonly Account[] {
    const entry = this.entry(attribute, value);
    return entry === undefined ? NONE : Array.isArray(entry) ? entry : [entry as Account];
  }

  /** Whether any account holds the value in the attribute (no list is made). */
  has(attribute: string, value: string): boolean {
    // An attribute indexed for find() already answers; otherwise the shared map of bits does.
    const map = this.byValue.get(attribute);
    if (map !== undefined) return map.has(normaliseKey(value));
    const bit = this.bit(attribute);
    if (bit === 0) return this.index(attribute)?.has(normaliseKey(value)) ?? false;
    return ((this.present.get(normaliseKey(value)) ?? 0) & bit) !== 0;
  }

  /** All indexed values of an attribute (for uniqueness checks). */
  values(attribute: string): Iterable<string> {
    return this.index(attribute)?.keys() ?? [];
  }
}
