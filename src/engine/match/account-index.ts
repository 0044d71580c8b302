/**
 * Indexes the tenant's accounts by the values matching and uniqueness look up. String values are
 * compared case-insensitively, as Entra compares UPNs, mail and employee ids.
 */
import type { Account } from '../../core/index.ts';

/** Characters toLowerCase() may change: A–Z and anything outside ASCII. */
const MAY_LOWER = /[A-Z\u0080-\uffff]/;

/**
 * The key a value is indexed and looked up by. toLowerCase() copies the text even when nothing
 * changes, and most values (UPNs, mail, ids) are lower case already: the test spares ~40 bytes a key,
 * and an index keeps the account's own text instead of a copy.
 */
export const normaliseKey = (value: string): string => {
  const trimmed = value.trim();
  return MAY_LOWER.test(trimmed) ? trimmed.toLowerCase() : trimmed;
};

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

function hasSmtpPrefix(value: string): boolean {
  return (
    (value.charCodeAt(0) | 32) === 115 && // s
    (value.charCodeAt(1) | 32) === 109 && // m
    (value.charCodeAt(2) | 32) === 116 && // t
    (value.charCodeAt(3) | 32) === 112 && // p
    value.charCodeAt(4) === 58 // :
  );
}

/** `smtp:` + key, compared in place (no slice). */
function sameAfterPrefix(value: string, key: string): boolean {
  return value.length === key.length + 5 && value.startsWith(key, 5);
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
    // Indexed loops over the accounts: this runs once per run, mostly before the optimiser takes it,
    // where for-of makes an iterator result per account.
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i] as Account;
      byId.set(account.id, account);
    }
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
    const accounts = this.accounts;
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i] as Account;
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

  /** The bit of an attribute in the presence map, loading the values on first use; 0 when it has none. */
  private bit(attribute: string): number {
    const known = this.bits.get(attribute);
    if (known !== undefined) return known;
    if (!this.indexable.has(attribute) || this.bits.size >= PRESENCE_BITS) return 0;
    this.loadPresence();
    return this.bits.get(attribute) ?? 0;
  }

  /**
   * Loads every indexable attribute find() has not indexed into the presence map, in one pass over the
   * accounts: an account's UPN, mail and proxy address are nearly always one value, which then costs
   * one map update instead of three (the map work is most of the index's cost).
   */
  private loadPresence(): void {
    const attributes: string[] = [];
    const attributeBits: number[] = [];
    for (const attribute of this.indexable) {
      if (this.bits.has(attribute) || this.byValue.has(attribute)) continue;
      if (this.bits.size >= PRESENCE_BITS) break;
      const bit = 1 << this.bits.size;
      this.bits.set(attribute, bit);
      attributes.push(attribute);
      attributeBits.push(bit);
    }
    const present = this.present;
    // One account's keys and their bits, reused for every account.
    const keys: string[] = [];
    const masks: number[] = [];
    const accounts = this.accounts;
    for (let a = 0; a < accounts.length; a++) {
      const count = accountKeys(accounts[a] as Account, attributes, attributeBits, keys, masks);
      for (let k = 0; k < count; k++) {
        const key = keys[k] as string;
        const before = present.get(key);
        present.set(key, before === undefined ? (masks[k] as number) : before | (masks[k] as number));
      }
    }
    keys.length = 0;
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

  /**
   * How `has(attribute, ·)` is answered, worked out once (uniqueness asks for every candidate of every
   * create): the attribute's bit in the presence map, or 0 when has() asks the attribute's own index.
   * Either answers as has() would: both hold every account's values.
   */
  presenceBit(attribute: string): number {
    return this.byValue.has(attribute) ? 0 : this.bit(attribute);
  }

  /**
   * The presence bits of a normalised key (see presenceBit): one lookup answers every attribute
   * that has a bit.
   */
  presence(key: string): number {
    return this.present.get(normaliseKey(key)) ?? 0;
  }

  /**
   * Every key (normaliseKey) any account holds in any of these attributes, made on first ask and kept
   * per set of attributes; undefined when one of them may not be looked up. Uniqueness asks whether a
   * name is held in any of the attributes it collides with (a UPN: UPN, mail, proxy address): one set
   * per such group answers with one lookup, and is made with one insert per distinct key of an account
   * (its UPN, mail and primary proxy address are nearly always one), where the presence map takes a
   * lookup and an update per key.
   */
  heldInAny(attributes: readonly string[]): ReadonlySet<string> | undefined {
    for (const attribute of attributes) if (!this.indexable.has(attribute)) return undefined;
    const id = JSON.stringify([...new Set(attributes)].sort());
    let held = this.groups.get(id);
    if (held === undefined) {
      held = this.keysOf([...new Set(attributes)]);
      this.groups.set(id, held);
    }
    return held;
  }

  private readonly groups = new Map<string, ReadonlySet<string>>();

  private keysOf(attributes: readonly string[]): ReadonlySet<string> {
    const held = new Set<string>();
    // One account's keys, reused for every account; the bits are not needed here.
    const keys: string[] = [];
    const masks: number[] = [];
    const ones = attributes.map(() => 1);
    const accounts = this.accounts;
    for (let a = 0; a < accounts.length; a++) {
      const count = accountKeys(accounts[a] as Account, attributes, ones, keys, masks);
      for (let k = 0; k < count; k++) held.add(keys[k] as string);
    }
    keys.length = 0;
    return held;
  }

  /** All indexed values of an attribute (for uniqueness checks). */
  values(attribute: string): Iterable<string> {
    return this.index(attribute)?.keys() ?? [];
  }
}

/**
 * An account's distinct keys in `attributes`, into keys[0..count), each with the OR of the bits of the
 * attributes holding it in masks[0..count); returns count. Most values repeat one this account already
 * gave (mail is the UPN, the primary proxy address is SMTP: and the UPN): such a value is that key (a key
 * is its own key), found without a copy, a lower-casing test or a slice.
 */
function accountKeys(
  account: Account,
  attributes: readonly string[],
  bits: readonly number[],
  keys: string[],
  masks: number[],
): number {
  let count = 0;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i] as string;
    const value = account.attributes[attribute];
    if (value === null || value === undefined || value === '') continue;
    const proxy = attribute === 'proxyAddresses';
    const bit = bits[i] as number;
    const many = Array.isArray(value);
    const n = many ? (value as readonly string[]).length : 1;
    for (let v = 0; v < n; v++) {
      const text = many
        ? ((value as readonly string[])[v] as string)
        : typeof value === 'string'
          ? value
          : String(value);
      let k = 0;
      if (proxy && text.length >= 5 && hasSmtpPrefix(text))
        while (k < count && !sameAfterPrefix(text, keys[k] as string)) k++;
      else while (k < count && keys[k] !== text) k++;
      if (k === count) {
        const key = keyOf(text, proxy);
        k = 0;
        while (k < count && keys[k] !== key) k++;
        if (k === count) keys[count] = key;
      }
      if (k < count) masks[k] = (masks[k] as number) | bit;
      else {
        masks[count] = bit;
        count++;
      }
    }
  }
  return count;
}
