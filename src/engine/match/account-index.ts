/**
 * Indexes the tenant's accounts by the values matching and uniqueness look up. String values are
 * compared case-insensitively, as Entra compares UPNs, mail and employee ids.
 */
import type { Account } from '../../core/index.ts';
import { hashOf, KeyTable, mixed } from './key-table.ts';

/** Characters toLowerCase() may change: A–Z and anything outside ASCII. */
const MAY_LOWER = /[A-Z\u0080-\uffff]/;

/**
 * The key a value is indexed and looked up by. toLowerCase() copies the text even when nothing
 * changes, and most values (UPNs, mail, ids) are lower case already: the test spares ~40 bytes a key,
 * and an index keeps the account's own text instead of a copy.
 */
export const normaliseKey = (value: string): string => (isKey(value) ? value : lowerOf(value.trim()));

const lowerOf = (trimmed: string): string => (MAY_LOWER.test(trimmed) ? trimmed.toLowerCase() : trimmed);

/**
 * Whether a value is its own key: printable ASCII at both ends (trim() removes only characters up
 * to a space and outside ASCII) and no character toLowerCase() may change. One loop over the text,
 * without trim()'s and the regular expression's calls: this runs for every key of every account.
 */
function isKey(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  if (value.charCodeAt(0) <= 32 || value.charCodeAt(n - 1) <= 32) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return false;
  }
  return true;
}

/** What ownKeyHash answers for a value that is not its own key: no hash is (hashes are 32-bit integers). */
export const NOT_OWN_KEY = 2 ** 32;

/**
 * hashOf(value) when isKey finds the value its own key (normaliseKey(value) === value), else
 * NOT_OWN_KEY (then normaliseKey and hashOf answer): the test and the hash in one pass over the text,
 * where normaliseKey and hashOf each made one. Reading a character costs more than what is done with
 * it, and every key of every account is read so.
 */
export function ownKeyHash(value: string): number {
  const n = value.length;
  if (n > 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(n - 1) <= 32)) return NOT_OWN_KEY;
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return NOT_OWN_KEY;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return mixed(h);
}

/** A key and its hashOf, as keyHashOf writes them (one object reused by each caller). */
export interface KeyHash {
  key: string;
  hash: number;
}

/**
 * normaliseKey(value) and its hashOf, into `out`: nearly every value is its own key, then tested and
 * hashed in one pass (ownKeyHash); any other is normalised and hashed after.
 */
export function keyHashOf(value: string, out: KeyHash): KeyHash {
  const hash = ownKeyHash(value);
  if (hash !== NOT_OWN_KEY) {
    out.key = value;
    out.hash = hash;
  } else {
    out.key = normaliseKey(value);
    out.hash = hashOf(out.key);
  }
  return out;
}

/** One account per key, as nearly every key has; a list only where several accounts share it. */
export type IndexEntry = Account | readonly Account[];

/**
 * One attribute's values: key → the account holding it (by position in the tenant's list), or the
 * accounts, in the order they hold it, where several do (an account listed as often as it holds it).
 */
class ValueIndex {
  readonly table: KeyTable;
  /** entry → the account's position, or −1 − its list in `lists` where several accounts hold it. */
  private first: Int32Array;
  private readonly lists: Account[][] = [];

  constructor(private readonly accounts: readonly Account[]) {
    this.table = new KeyTable(accounts.length);
    this.first = new Int32Array(Math.max(8, accounts.length));
  }

  add(key: string, at: number): void {
    const table = this.table;
    const size = table.size;
    const entry = table.add(key);
    if (entry === size) {
      if (entry === this.first.length) this.first = grown(this.first);
      this.first[entry] = at;
      return;
    }
    const first = this.first[entry] as number;
    const account = this.accounts[at] as Account;
    if (first < 0) (this.lists[-1 - first] as Account[]).push(account);
    else {
      this.first[entry] = -1 - this.lists.length;
      this.lists.push([this.accounts[first] as Account, account]);
    }
  }

  get(key: string): IndexEntry | undefined {
    const entry = this.table.find(key);
    if (entry < 0) return undefined;
    const first = this.first[entry] as number;
    return first >= 0 ? (this.accounts[first] as Account) : this.lists[-1 - first];
  }
}

/** An Int32Array twice as long, holding the same values in front. */
function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** The tenant's accounts by id (as a Map of them would answer: the last account listed with an id). */
class AccountsById implements ReadonlyMap<string, Account> {
  private readonly table: KeyTable;
  /** entry → the account's position. */
  private readonly at: Int32Array;

  constructor(private readonly accounts: readonly Account[]) {
    const table = new KeyTable(accounts.length);
    const at = new Int32Array(Math.max(1, accounts.length));
    // An indexed loop over the accounts: this runs once per run, mostly before the optimiser takes it,
    // where for-of makes an iterator result per account.
    for (let i = 0; i < accounts.length; i++) at[table.add((accounts[i] as Account).id)] = i;
    this.table = table;
    this.at = at;
  }

  get size(): number {
    return this.table.size;
  }

  get(id: string): Account | undefined {
    const entry = this.table.find(id);
    return entry < 0 ? undefined : (this.accounts[this.at[entry] as number] as Account);
  }

  has(id: string): boolean {
    return this.table.find(id) >= 0;
  }

  *values(): MapIterator<Account> {
    for (let e = 0; e < this.table.size; e++) yield this.accounts[this.at[e] as number] as Account;
  }

  keys(): MapIterator<string> {
    return this.table.keys.values();
  }

  *entries(): MapIterator<[string, Account]> {
    const keys = this.table.keys;
    for (let e = 0; e < keys.length; e++)
      yield [keys[e] as string, this.accounts[this.at[e] as number] as Account];
  }

  [Symbol.iterator](): MapIterator<[string, Account]> {
    return this.entries();
  }

  forEach(callback: (value: Account, key: string, map: ReadonlyMap<string, Account>) => void): void {
    const keys = this.table.keys;
    for (let e = 0; e < keys.length; e++)
      callback(this.accounts[this.at[e] as number] as Account, keys[e] as string, this);
  }
}

/** The keys of a KeyTable as a set (its table read directly by uniqueness, to hash a key once). */
export class KeySet implements ReadonlySet<string> {
  constructor(readonly table: KeyTable) {}

  get size(): number {
    return this.table.size;
  }

  has(key: string): boolean {
    return this.table.find(key) >= 0;
  }

  values(): SetIterator<string> {
    return this.table.keys.values();
  }

  keys(): SetIterator<string> {
    return this.table.keys.values();
  }

  *entries(): SetIterator<[string, string]> {
    for (const key of this.table.keys) yield [key, key];
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.table.keys.values();
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    for (const key of this.table.keys) callback(key, key, this);
  }
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
  private ids: AccountsById | undefined;
  private readonly byValue = new Map<string, ValueIndex>();
  /** Attributes that may be looked up; each is indexed on its first lookup. */
  private readonly indexable: ReadonlySet<string>;
  /**
   * For has(): normalised value → the attributes (bits, in presentBits by entry) that hold it in any
   * account. UPN, mail and proxy address are nearly always one value, so one table of bits holds them
   * in a third of the entries three indexes of accounts would, and without an account list per key.
   */
  private readonly present: KeyTable;
  private presentBits: Int32Array = new Int32Array(8);
  private readonly bits = new Map<string, number>();

  constructor(
    readonly accounts: readonly Account[],
    attributes: readonly string[],
  ) {
    this.indexable = new Set(attributes);
    this.present = new KeyTable();
  }

  /**
   * The accounts by id, made on first use: only links and `link` overrides are looked up by id, so a
   * first run (no links yet) never needs the table of 50,000 ids, which was ~1% of its plan.
   */
  get byId(): ReadonlyMap<string, Account> {
    this.ids ??= new AccountsById(this.accounts);
    return this.ids;
  }

  /**
   * The index of one attribute, built when first asked for: a run without creates never looks at
   * UPN, mail, proxy addresses or mail nickname, only at the matching attribute. Plain loops, and no
   * list per key: this is on every run's plan path.
   */
  private index(attribute: string): ValueIndex | undefined {
    const known = this.byValue.get(attribute);
    if (known !== undefined || !this.indexable.has(attribute)) return known;
    const accounts = this.accounts;
    const built = new ValueIndex(accounts);
    const proxy = attribute === 'proxyAddresses';
    // Plain loops, no callback per account: this runs over every account of the tenant.
    for (let i = 0; i < accounts.length; i++) {
      const value = (accounts[i] as Account).attributes[attribute];
      if (value === null || value === undefined || value === '') continue;
      if (Array.isArray(value)) for (const v of value as readonly string[]) built.add(keyOf(v, proxy), i);
      else built.add(keyOf(typeof value === 'string' ? value : String(value), proxy), i);
    }
    this.byValue.set(attribute, built);
    return built;
  }

  /** The bit of an attribute in the presence table, loading the values on first use; 0 when it has none. */
  private bit(attribute: string): number {
    const known = this.bits.get(attribute);
    if (known !== undefined) return known;
    if (!this.indexable.has(attribute) || this.bits.size >= PRESENCE_BITS) return 0;
    this.loadPresence();
    return this.bits.get(attribute) ?? 0;
  }

  /**
   * Loads every indexable attribute find() has not indexed into the presence table, in one pass over
   * the accounts: an account's UPN, mail and proxy address are nearly always one value, which then
   * costs one table update instead of three (the table work is most of the index's cost).
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
    const hashes: number[] = [];
    const masks: number[] = [];
    const accounts = this.accounts;
    for (let a = 0; a < accounts.length; a++) {
      const count = accountKeys(accounts[a] as Account, attributes, attributeBits, keys, hashes, masks);
      for (let k = 0; k < count; k++) {
        const size = present.size;
        const entry = present.addHashed(keys[k] as string, hashes[k] as number);
        if (entry === size) {
          if (entry === this.presentBits.length) this.presentBits = grown(this.presentBits);
          this.presentBits[entry] = masks[k] as number;
        } else this.presentBits[entry] = (this.presentBits[entry] as number) | (masks[k] as number);
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
    // An attribute indexed for find() already answers; otherwise the shared table of bits does.
    const index = this.byValue.get(attribute);
    if (index !== undefined) return index.table.has(normaliseKey(value));
    const bit = this.bit(attribute);
    if (bit === 0) return this.index(attribute)?.table.has(normaliseKey(value)) ?? false;
    return (this.presence(value) & bit) !== 0;
  }

  /**
   * How `has(attribute, ·)` is answered, worked out once (uniqueness asks for every candidate of every
   * create): the attribute's bit in the presence table, or 0 when has() asks the attribute's own index.
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
    const entry = this.present.find(normaliseKey(key));
    return entry < 0 ? 0 : (this.presentBits[entry] as number);
  }

  /**
   * Every key (normaliseKey) any account holds in any of these attributes, made on first ask and kept
   * per set of attributes; undefined when one of them may not be looked up. Uniqueness asks whether a
   * name is held in any of the attributes it collides with (a UPN: UPN, mail, proxy address): one set
   * per such group answers with one lookup, and is made with one insert per distinct key of an account
   * (its UPN, mail and primary proxy address are nearly always one), where the presence table takes a
   * lookup and an update per key.
   */
  heldInAny(attributes: readonly string[]): ReadonlySet<string> | undefined {
    for (const attribute of attributes) if (!this.indexable.has(attribute)) return undefined;
    const id = groupId(attributes);
    if (!this.groups.has(id)) this.prepareHeld([attributes]);
    return this.groups.get(id);
  }

  private readonly groups = new Map<string, ReadonlySet<string>>();

  /**
   * Makes heldInAny's sets of these groups of attributes (those not made yet, whose attributes may all
   * be looked up) in one pass over the accounts: uniqueness asks for two or three groups in a run (the
   * mail nickname's, the UPN's and mail's), and one pass reads each account's attributes once, where a
   * pass per group fetched every account from memory again. Each set holds what a pass of its own
   * would, in the same order.
   */
  prepareHeld(groups: readonly (readonly string[])[]): void {
    const ids: string[] = [];
    const lists: string[][] = [];
    for (const group of groups) {
      if (group.some((attribute) => !this.indexable.has(attribute))) continue;
      const id = groupId(group);
      if (this.groups.has(id) || ids.includes(id)) continue;
      ids.push(id);
      lists.push([...new Set(group)]);
    }
    if (lists.length === 0) return;
    const accounts = this.accounts;
    const tables = lists.map(() => new KeyTable(accounts.length));
    const ones = lists.map((list) => list.map(() => 1));
    // One account's keys and their hashes, reused for every account and group; the bits are not needed here.
    const keys: string[] = [];
    const hashes: number[] = [];
    const masks: number[] = [];
    for (let a = 0; a < accounts.length; a++) {
      const account = accounts[a] as Account;
      for (let g = 0; g < lists.length; g++) {
        const count = accountKeys(account, lists[g] as string[], ones[g] as number[], keys, hashes, masks);
        const held = tables[g] as KeyTable;
        for (let k = 0; k < count; k++) held.addHashed(keys[k] as string, hashes[k] as number);
      }
    }
    keys.length = 0;
    for (let g = 0; g < ids.length; g++) this.groups.set(ids[g] as string, new KeySet(tables[g] as KeyTable));
  }

  /** All indexed values of an attribute (for uniqueness checks). */
  values(attribute: string): Iterable<string> {
    return this.index(attribute)?.table.keys ?? [];
  }
}

/** The attributes of a heldInAny group, as the key of its set (order and repeats do not matter). */
function groupId(attributes: readonly string[]): string {
  return JSON.stringify([...new Set(attributes)].sort());
}

/**
 * An account's distinct keys in `attributes`, into keys[0..count), each with its hashOf in
 * hashes[0..count) and the OR of the bits of the attributes holding it in masks[0..count); returns count. Most values repeat one this account already
 * gave (mail is the UPN, the primary proxy address is SMTP: and the UPN): such a value is that key (a key
 * is its own key), found without a copy, a lower-casing test or a slice.
 */
/** accountKeys' key and hash of one value. */
const scratchKey: KeyHash = { key: '', hash: 0 };

function accountKeys(
  account: Account,
  attributes: readonly string[],
  bits: readonly number[],
  keys: string[],
  hashes: number[],
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
        const { key, hash } = keyHashOf(proxy ? withoutSmtp(text) : text, scratchKey);
        k = 0;
        while (k < count && keys[k] !== key) k++;
        if (k === count) {
          keys[count] = key;
          hashes[count] = hash;
        }
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
