/**
 * Unique UPN / mail / mailNickname values. Candidates come from the configured expressions in order,
 * then the first candidate with a number suffix. A value is free when no account in the tenant holds
 * it in any attribute it collides with (UPN vs mail vs proxyAddresses, per the target's capabilities)
 * and nobody earlier in this run reserved it, not even implicitly (AD's `sAMAccountName@domain`).
 */
import type { AttrValue } from '../../core/index.ts';
import { transliterate } from '../../expr/index.ts';
import {
  type AccountIndex,
  hashOf,
  type KeyHash,
  KeySet,
  KeyTable,
  keyHashOf,
  normaliseKey,
  prefixHash,
} from '../match/index.ts';
import type { ImpliedName } from '../ports.ts';

/** Characters Graph accepts in a UPN local part that are also safe in an SMTP address. */
const INVALID = /[^a-z0-9._-]/g;
export const MAX_LOCAL_PART = 64;

/**
 * Transliterated to ASCII (ı → i, ß → ss, Владимир → vladimir), lower case, characters outside
 * `a-z 0-9 . _ -` dropped (spaces, apostrophes: d'Hondt → dhondt), dots collapsed and trimmed.
 */
export function cleanLocalPart(raw: string, maxLength = MAX_LOCAL_PART): string {
  // Most names are clean already but for capitals ("Jansen", "Thijs.Post"): answered without the
  // five copies the replacements below make. Lower case only when there is a capital (it copies).
  const plain = plainLocalPart(raw, maxLength);
  if (plain !== 0) return plain === 1 ? raw : raw.toLowerCase();
  const ascii = transliterate(raw)
    .toLowerCase()
    .replace(INVALID, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '');
  return ascii.slice(0, maxLength).replace(/[.-]+$/, '');
}

/**
 * 1 when cleanLocalPart would hand `raw` back as it is, 2 when only lower-cased, 0 when it needs the
 * full cleaning: `a-z A-Z 0-9 . _ -` only, no two dots in a row, no dot or hyphen at either end, and
 * not longer than `maxLength`.
 */
function plainLocalPart(raw: string, maxLength: number): 0 | 1 | 2 {
  const n = raw.length;
  if (n === 0 || n > maxLength) return 0;
  let upper = false;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c === 46) {
      if (previous === 46) return 0;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return 0;
    previous = c;
  }
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(n - 1);
  if (first === 46 || first === 45 || last === 46 || last === 45) return 0;
  return upper ? 2 : 1;
}

/**
 * How one attribute's values are checked, worked out on its first check: the attributes it collides
 * with, as bits of the index's presence map and of the run's reservations (one lookup each per value,
 * not one per attribute), and those answered one by one.
 */
interface CollisionCheck {
  /** The keys accounts hold in every attribute it collides with, when the index can say (nearly always). */
  readonly held: ReadonlySet<string> | undefined;
  /** The table behind `held`, when it has one: looked up with the key's hash worked out once. */
  readonly table: KeyTable | undefined;
  readonly presence: number;
  readonly indexed: readonly string[];
  readonly reserved: number;
  readonly reservedApart: readonly string[];
}

/** Attributes whose reservations share one map of bits; any beyond keep a set each. */
const RESERVED_BITS = 30;

export class UniqueNameRegistry {
  /**
   * The values reserved in this run (normalised), and by entry the attributes (bits) reserved with
   * each: a KeyTable, not a Map, so that a check hashes a value once for the tenant's keys and these.
   */
  private readonly reservedKeys = new KeyTable();
  private reservedBits = new Int32Array(64);
  private readonly reservedBit = new Map<string, number>();
  /** Reservations of attributes past RESERVED_BITS. */
  private readonly reservedApart = new Map<string, Set<string>>();
  private readonly checks = new Map<string, CollisionCheck>();
  /** isFree's key and hash of the value it checks. */
  private readonly scratchKey: KeyHash = { key: '', hash: 0 };

  constructor(
    private readonly index: AccountIndex,
    /** attribute → attributes whose values it must not equal, e.g. mail → [userPrincipalName, mail, proxyAddresses] */
    private readonly collisions: Readonly<Record<string, readonly string[]>>,
    /** Values held by objects that are not accounts (a group's sAMAccountName): never free. */
    reserved: Readonly<Record<string, readonly string[]>> = {},
    /** Values every holder of another attribute holds implicitly (AD's implicit UPN). */
    private readonly implied: readonly ImpliedName[] = [],
    /**
     * The attributes whose values this run will check (the unique rules' targets): the sets of
     * everything accounts hold that they collide with are made together, on the first check.
     */
    private readonly checked: readonly string[] = [],
  ) {
    for (const [attribute, values] of Object.entries(reserved)) {
      for (const value of values) this.reserve(attribute, value);
    }
  }

  /**
   * Whether a value is checked for `a` and for `b` alike (the same attributes collide with both, as
   * for UPN and mail, and no name is held implicitly): then a value free for one is free for the other.
   */
  checksAlike(a: string, b: string): boolean {
    if (a === b) return true;
    if (this.implied.length > 0) return false;
    const x = this.checkOf(a);
    const y = this.checkOf(b);
    return (
      x.held === y.held &&
      x.presence === y.presence &&
      x.reserved === y.reserved &&
      x.indexed.length === 0 &&
      y.indexed.length === 0 &&
      x.reservedApart.length === 0 &&
      y.reservedApart.length === 0
    );
  }

  isFree(attribute: string, value: string): boolean {
    const { key, hash } = keyHashOf(value, this.scratchKey);
    const check = this.checkOf(attribute);
    const table = check.table;
    if (table !== undefined ? table.findHashed(key, hash) >= 0 : check.held?.has(key) === true) return false;
    if (check.presence !== 0 && (this.index.presence(key) & check.presence) !== 0) return false;
    for (let i = 0; i < check.indexed.length; i++)
      if (this.index.has(check.indexed[i] as string, key)) return false;
    if (check.reserved !== 0 && (this.reservedOf(key, hash) & check.reserved) !== 0) return false;
    for (let i = 0; i < check.reservedApart.length; i++)
      if (this.reservedApart.get(check.reservedApart[i] as string)?.has(key) === true) return false;
    return this.implied.length === 0 || this.impliedClash(attribute, value) === null;
  }

  /**
   * How far the tenant holds `base2`, `base3`, … without a gap, as the value of `attribute`: the
   * largest k (at most maxSuffix) with every base + i for 2 ≤ i ≤ k not free for it on the tenant's
   * account alone; 1 when base2 is free or the registry cannot say (names held implicitly, or an
   * attribute the index cannot list). `base` is a clean local part (its own key). Common names are
   * numbered into the tens in a large tenant: the first create of a name passes over the tenant's
   * numbers with one lookup each, without evaluating the unique rules and checking all their values.
   */
  heldNumbers(attribute: string, base: string, maxSuffix: number): number {
    if (this.implied.length > 0) return 1;
    const { held, table } = this.checkOf(attribute);
    if (held === undefined) return 1;
    let k = 1;
    if (table === undefined) {
      while (k < maxSuffix && held.has(base + String(k + 1))) k++;
      return k;
    }
    // The numbered names are looked up without being made, the base hashed once, their cache misses
    // overlapping (KeyTable.heldInRow).
    const head = prefixHash(base);
    return 1 + table.heldInRow(base, head, 2, maxSuffix - 1);
  }

  /** The attributes (bits) a normalised key was reserved with in this run; `hash` is hashOf(key). */
  private reservedOf(key: string, hash: number): number {
    const entry = this.reservedKeys.findHashed(key, hash);
    return entry < 0 ? 0 : (this.reservedBits[entry] as number);
  }

  private checkOf(attribute: string): CollisionCheck {
    let check = this.checks.get(attribute);
    if (check === undefined) {
      if (this.checks.size === 0 && this.checked.length > 0)
        this.index.prepareHeld(this.checked.map((a) => this.collisions[a] ?? [a]));
      const collides = this.collisions[attribute] ?? [attribute];
      const held = this.index.heldInAny(collides);
      let presence = 0;
      let reserved = 0;
      const indexed: string[] = [];
      const reservedApart: string[] = [];
      for (const other of collides) {
        if (held === undefined) {
          const bit = this.index.presenceBit(other);
          if (bit !== 0) presence |= bit;
          else indexed.push(other);
        }
        const own = this.bitOf(other);
        if (own !== 0) reserved |= own;
        else reservedApart.push(other);
      }
      const table = held instanceof KeySet ? held.table : undefined;
      check = { held, table, presence, indexed, reserved, reservedApart };
      this.checks.set(attribute, check);
    }
    return check;
  }

  /** The attribute's bit among the reservations; 0 once every bit is taken (then it keeps a set). */
  private bitOf(attribute: string): number {
    let bit = this.reservedBit.get(attribute);
    if (bit === undefined) {
      bit = this.reservedBit.size < RESERVED_BITS ? 1 << this.reservedBit.size : 0;
      this.reservedBit.set(attribute, bit);
    }
    return bit;
  }

  /**
   * Why `value` clashes with a name held implicitly, in words for the run's steps; null when it does
   * not: a UPN that is another account's implicit one, or a sAMAccountName whose implicit UPN another
   * account holds as its userPrincipalName.
   */
  impliedClash(attribute: string, value: string): string | null {
    const key = normaliseKey(value);
    for (const { attribute: implicit, from, suffix } of this.implied) {
      const tail = normaliseKey(suffix);
      if (attribute === implicit && key.endsWith(tail)) {
        const local = key.slice(0, -tail.length);
        if (this.holds(from, local)) return `${value} is how the account with ${from} "${local}" signs in`;
      } else if (attribute === from && this.holds(implicit, key + tail)) {
        return `${from} "${value}" would sign in as ${key + tail}, another account’s ${implicit}`;
      }
    }
    return null;
  }

  private holds(attribute: string, key: string): boolean {
    return this.index.has(attribute, key) || this.isReserved(attribute, key);
  }

  private isReserved(attribute: string, key: string): boolean {
    const bit = this.bitOf(attribute);
    if (bit === 0) return this.reservedApart.get(attribute)?.has(key) === true;
    return (this.reservedOf(key, hashOf(key)) & bit) !== 0;
  }

  reserve(attribute: string, value: string): void {
    const key = normaliseKey(value);
    const bit = this.bitOf(attribute);
    if (bit === 0) {
      const set = this.reservedApart.get(attribute) ?? new Set<string>();
      this.reservedApart.set(attribute, set);
      set.add(key);
      return;
    }
    const keys = this.reservedKeys;
    const size = keys.size;
    const entry = keys.add(key);
    if (entry === size) {
      if (entry === this.reservedBits.length) {
        const bigger = new Int32Array(entry * 2);
        bigger.set(this.reservedBits);
        this.reservedBits = bigger;
      }
      this.reservedBits[entry] = bit;
    } else this.reservedBits[entry] = (this.reservedBits[entry] as number) | bit;
  }
}

export interface UniqueChoice {
  readonly localPart: string;
  readonly values: Readonly<Record<string, AttrValue>>;
  readonly tried: number;
}

/**
 * Tries the expression candidates in order (empty ones left out), then the first with a number
 * suffix; `valuesFor` evaluates the mappings that use `[UniqueName]` for one local part. Returns null
 * when every candidate is taken (HRS_UNIQUE_EXHAUSTED).
 */
export function chooseUnique(
  candidates: readonly string[],
  maxSuffix: number,
  valuesFor: (localPart: string) => Readonly<Record<string, AttrValue>>,
  registry: UniqueNameRegistry,
): UniqueChoice | null {
  return chooseUniqueFrom(candidateSequence(candidates, maxSuffix), valuesFor, registry);
}

/**
 * The cleaned candidates (empty and repeated ones left out), then the first with 2 … maxSuffix.
 * Candidates are taken from `candidates` only as far as they are needed: most names are free at once,
 * so a lazy iterable spares evaluating the other candidate expressions.
 */
export function candidateSequence(candidates: Iterable<string>, maxSuffix: number): IterableIterator<string> {
  return new CandidateSequence(candidates[Symbol.iterator](), maxSuffix);
}

/**
 * candidateSequence as a plain iterator, not a generator: every create walks one, and a generator
 * (with a Set of what it has seen) costs ~1 KB of garbage for three names.
 */
export class CandidateSequence implements IterableIterator<string> {
  /** Few candidates: a list, not a Set. */
  private readonly seen: string[] = [];
  private first: string | undefined;
  private source: Iterator<string> | null;
  private suffix = 2;
  /** The number the last local part given ends with (first + suffix); 0 for a candidate's. */
  suffixed = 0;
  /** How many numbered local parts passOver passed over: tried, though never given. */
  passed = 0;

  constructor(
    source: Iterator<string>,
    private readonly maxSuffix: number,
  ) {
    this.source = source;
  }

  next(): IteratorResult<string> {
    while (this.source !== null) {
      const r = this.source.next();
      if (r.done) {
        this.source = null;
        break;
      }
      const cleaned = cleanLocalPart(r.value);
      if (cleaned === '' || this.seen.includes(cleaned)) continue;
      this.seen.push(cleaned);
      this.first ??= cleaned;
      this.suffixed = 0;
      return { value: cleaned, done: false };
    }
    // Suffixes are generated only as far as they are needed: most names are free at once.
    if (this.first === undefined || this.suffix > this.maxSuffix) return { value: undefined, done: true };
    this.suffixed = this.suffix;
    const suffix = String(this.suffix++);
    // The first is clean already: cleaning it again only shortens it, and only when it is too long.
    const max = MAX_LOCAL_PART - suffix.length;
    const base = this.first.length <= max ? this.first : cleanLocalPart(this.first, max);
    return { value: base + suffix, done: false };
  }

  /**
   * Passes over the numbered local parts up to the number `last` (known taken: PlanRun.takenSuffixes),
   * as if each had been given and refused: the next one given is numbered `last` + 1. Only while
   * numbering. A common name's create passes over tens of numbers, each a string and a result made.
   */
  passOver(last: number): void {
    const to = Math.min(last, this.maxSuffix);
    if (this.suffixed === 0 || to < this.suffix) return;
    this.passed += to - this.suffix + 1;
    this.suffix = to + 1;
    this.suffixed = to;
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this;
  }
}

function allFree(values: Readonly<Record<string, AttrValue>>, registry: UniqueNameRegistry): boolean {
  for (const attribute in values) {
    const value = values[attribute];
    if (typeof value === 'string' && !registry.isFree(attribute, value)) return false;
  }
  return true;
}

/**
 * The first local part of the sequence whose values are free; reserves them for the rest of the run.
 * `taken`, when given, answers whether some value of a local part is not free (what allFree would
 * answer of its values, negated): a taken one is passed over without its values being made, and the
 * values of the one chosen are not checked again.
 */
export function chooseUniqueFrom(
  sequence: Iterable<string>,
  valuesFor: (localPart: string) => Readonly<Record<string, AttrValue>>,
  registry: UniqueNameRegistry,
  taken?: (localPart: string) => boolean,
): UniqueChoice | null {
  let tried = 0;
  for (const localPart of sequence) {
    tried++;
    if (taken?.(localPart) === true) continue;
    const values = valuesFor(localPart);
    if (taken === undefined && !allFree(values, registry)) continue;
    for (const attribute in values) {
      const value = values[attribute];
      if (typeof value === 'string') registry.reserve(attribute, value);
    }
    return { localPart, values, tried };
  }
  return null;
}
