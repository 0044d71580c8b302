/**
 * A table of distinct string keys, each numbered in the order it was first added (its entry), for
 * the account index. Why not a Map: the index puts every account of the tenant into three or four
 * maps on each run (id, matching attribute, names that must stay unique), and a Map spent ~0.3 µs an
 * insert on growing and rehashing its table and allocating entries — about a tenth of a 50,000-person
 * plan. Here the slots are one Int32Array holding each slot's entry number beside its key's hash (open
 * addressing, linear probing, at most half full), so a probe reads one place of memory and rarely
 * touches a key string; the keys themselves are one array, in entry order, which is the iteration
 * order a Map would have, made at the expected size (pushing 50,000 keys one by one cost about as much
 * again as the rest of adding them: the array was copied as it grew).
 *
 * The hash is our own (FNV-1a, mixed) and not seeded: values that collide on purpose could make the
 * probes long. Past a budget of probes the table moves its keys into a Map and answers from that, so
 * hostile account data costs a Map's speed, never quadratic time.
 */

/** Total probes allowed per key added (amortised) before the table gives up for a Map. */
const PROBE_BUDGET = 8;

export class KeyTable {
  /** The keys, by entry number; past `count`, room made ahead (read through `keys`). */
  #keys: string[];
  #count = 0;
  /** Pairs per slot: [entry + 1 (0 is empty), the key's hash]. */
  private slots: Int32Array;
  /** Slots − 1 (the slot of a hash is `hash & mask`). */
  private mask: number;
  private probes = 0;
  /** heldInRow's entries, reused. */
  private row = new Int32Array(0);
  /** Set once the probe budget is spent: key → entry. */
  private map: Map<string, number> | undefined;

  /**
   * `expected`: about how many keys will be added (the table grows past it). `hash`: the hash of a key
   * (tests give a poor one to spend the budget).
   */
  constructor(
    expected = 16,
    private readonly hash: (key: string) => number = hashOf,
  ) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    this.#keys = expected > 16 ? new Array<string>(expected) : [];
  }

  get size(): number {
    return this.#count;
  }

  /** The keys, by entry number (the table's own list: not to be changed). */
  get keys(): string[] {
    const keys = this.#keys;
    if (keys.length !== this.#count) keys.length = this.#count;
    return keys;
  }

  /** The key's entry, or -1. */
  find(key: string): number {
    const map = this.map;
    if (map !== undefined) return map.get(key) ?? -1;
    return this.probe(key, this.hash(key));
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  /**
   * find(key) with the key's hash given: `hash` is hashOf(key), worked out once for a key looked up in
   * several tables (a name checked against the tenant's and then this run's). A table made with a hash
   * of its own works it out again.
   */
  findHashed(key: string, hash: number): number {
    if (this.hash !== hashOf) return this.find(key);
    const map = this.map;
    if (map !== undefined) return map.get(key) ?? -1;
    return this.probe(key, hash);
  }

  /** The entry of `key`, whose hash is `hash`, in the open-addressed slots; -1 when it has none. */
  private probe(key: string, hash: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = (slots[slot * 2] as number) - 1;
      if (e < 0) return -1;
      if (slots[slot * 2 + 1] === hash && this.#keys[e] === key) return e;
    }
  }

  /**
   * find(head + tail) without making that text: `headHash` is prefixHash(head), worked out once for a
   * head tried with many tails (a name with the numbers 2, 3, …).
   */
  findJoined(head: string, headHash: number, tail: string): number {
    if (this.hash !== hashOf || this.map !== undefined) return this.find(head + tail);
    const hash = hashFrom(headHash, tail);
    const slots = this.slots;
    const mask = this.mask;
    const length = head.length + tail.length;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = (slots[slot * 2] as number) - 1;
      if (e < 0) return -1;
      if (slots[slot * 2 + 1] === hash) {
        const key = this.#keys[e] as string;
        if (key.length === length && key.startsWith(head) && key.endsWith(tail)) return e;
      }
    }
  }

  /**
   * How many of head + String(from), head + String(from + 1), … (at most `count`) the table holds in a
   * row: findJoined for each, in three passes over them. The first finds each number's entry by its
   * hash alone, the second reads those entries' keys, the third compares them: each pass's cache
   * misses (a slot, a key in the list, its text in an account) do not wait for each other, where one
   * number after the other waited for three misses each. A common name is numbered into the tens.
   */
  heldInRow(head: string, headHash: number, from: number, count: number): number {
    if (this.hash !== hashOf || this.map !== undefined) {
      let n = 0;
      while (n < count && this.find(head + String(from + n)) >= 0) n++;
      return n;
    }
    if (this.row.length < count) this.row = new Int32Array(count);
    const row = this.row;
    const slots = this.slots;
    const mask = this.mask;
    // The entry whose hash is the number's (the first such; −1 when none: that number is not held).
    let found = 0;
    for (; found < count; found++) {
      const hash = hashFrom(headHash, String(from + found));
      let e = -1;
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const at = (slots[slot * 2] as number) - 1;
        if (at < 0) break;
        if (slots[slot * 2 + 1] === hash) {
          e = at;
          break;
        }
      }
      if (e < 0) break;
      row[found] = e;
    }
    // Their keys, each read in a loop of its own for its text to come into the cache beside the
    // others' (the sum of the lengths keeps the reads from being left out).
    const keys = this.#keys;
    let length = 0;
    for (let n = 0; n < found; n++) length += (keys[row[n] as number] as string).length;
    if (length < 0) return 0;
    for (let n = 0; n < found; n++) {
      const tail = String(from + n);
      const key = keys[row[n] as number] as string;
      const same = key.length === head.length + tail.length && key.startsWith(head) && key.endsWith(tail);
      // Another key with the same hash: looked up in full.
      if (!same && this.findJoined(head, headHash, tail) < 0) return n;
    }
    return found;
  }

  /** The key's entry, added as the next entry when new (then `size` grows by one). */
  add(key: string): number {
    return this.addHashed(key, this.hash(key));
  }

  /**
   * add(key) with the key's hash given (`keyHash` is hashOf(key)), worked out by a caller that reads
   * the key's text for something else as well (account-index.ts ownKeyHash). A table made with a
   * hash of its own works it out again.
   */
  addHashed(key: string, keyHash: number): number {
    const map = this.map;
    if (map !== undefined) return this.addToMap(map, key);
    const hash = this.hash === hashOf ? keyHash : this.hash(key);
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const e = (slots[slot * 2] as number) - 1;
      if (e < 0) break;
      if (slots[slot * 2 + 1] === hash && this.#keys[e] === key) return e;
      this.probes++;
    }
    const entry = this.push(key);
    slots[slot * 2] = entry + 1;
    slots[slot * 2 + 1] = hash;
    if (this.probes > PROBE_BUDGET * (entry + 1) + 1024) this.giveUp();
    else if ((entry + 1) * 4 > slots.length) this.grow();
    return entry;
  }

  /** Appends a key; its entry. */
  private push(key: string): number {
    const entry = this.#count++;
    const keys = this.#keys;
    if (entry < keys.length) keys[entry] = key;
    else keys.push(key);
    return entry;
  }

  private addToMap(map: Map<string, number>, key: string): number {
    const known = map.get(key);
    if (known !== undefined) return known;
    const entry = this.push(key);
    map.set(key, entry);
    return entry;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / 2 - 1;
    for (let at = 0; at < old.length; at += 2) {
      const e = old[at] as number;
      if (e === 0) continue;
      const hash = old[at + 1] as number;
      let slot = hash & mask;
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = e;
      slots[slot * 2 + 1] = hash;
    }
    this.slots = slots;
    this.mask = mask;
  }

  private giveUp(): void {
    const map = new Map<string, number>();
    const keys = this.#keys;
    for (let e = 0; e < this.#count; e++) map.set(keys[e] as string, e);
    this.map = map;
    this.slots = new Int32Array(0);
  }

  /** Whether the table answers from a Map (its probe budget was spent). */
  get spent(): boolean {
    return this.map !== undefined;
  }
}

/** FNV-1a over the UTF-16 code units, with a final mix so that the low bits (the slot) vary. */
export function hashOf(key: string): number {
  return mixed(fnv(0x811c9dc5, key));
}

/** The FNV-1a state after `head`, not yet mixed: hashFrom(prefixHash(a), b) is hashOf(a + b). */
export function prefixHash(head: string): number {
  return fnv(0x811c9dc5, head);
}

function hashFrom(headHash: number, tail: string): number {
  return mixed(fnv(headHash, tail));
}

/** FNV-1a over `text`, from the state `h`. */
function fnv(h: number, text: string): number {
  let state = h;
  for (let i = 0; i < text.length; i++) state = Math.imul(state ^ text.charCodeAt(i), 0x01000193);
  return state;
}

/** The hash of a text from its FNV-1a state (prefixHash): the final mix. */
export function mixed(fnv: number): number {
  let h = fnv ^ (fnv >>> 16);
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}
