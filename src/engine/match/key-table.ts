/**
 * A table of distinct string keys, each numbered in the order it was first added (its entry), for
 * the account index. Why not a Map: the index puts every account of the tenant into three or four
 * maps on each run (id, matching attribute, names that must stay unique), and a Map spent ~0.3 µs an
 * insert on growing and rehashing its table and allocating entries — about a tenth of a 50,000-person
 * plan. Here the slots are one Int32Array of entry numbers (open addressing, linear probing, at most
 * half full) and each entry's hash sits in another, so a probe rarely touches a key string; the keys
 * themselves are one array, in entry order, which is the iteration order a Map would have.
 *
 * The hash is our own (FNV-1a, mixed) and not seeded: values that collide on purpose could make the
 * probes long. Past a budget of probes the table moves its keys into a Map and answers from that, so
 * hostile account data costs a Map's speed, never quadratic time.
 */

/** Total probes allowed per key added (amortised) before the table gives up for a Map. */
const PROBE_BUDGET = 8;

export class KeyTable {
  /** The keys, by entry number. */
  readonly keys: string[] = [];
  /** slot → entry + 1; 0 is empty. */
  private slots: Int32Array;
  private mask: number;
  /** entry → hash. */
  private hashes: Int32Array;
  private probes = 0;
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
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.hashes = new Int32Array(Math.max(8, expected));
  }

  get size(): number {
    return this.keys.length;
  }

  /** The key's entry, or -1. */
  find(key: string): number {
    const map = this.map;
    if (map !== undefined) return map.get(key) ?? -1;
    const hash = this.hash(key);
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = (slots[slot] as number) - 1;
      if (e < 0) return -1;
      if (this.hashes[e] === hash && this.keys[e] === key) return e;
    }
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  /** The key's entry, added as the next entry when new (then `size` grows by one). */
  add(key: string): number {
    const map = this.map;
    if (map !== undefined) return this.addToMap(map, key);
    const hash = this.hash(key);
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const e = (slots[slot] as number) - 1;
      if (e < 0) break;
      if (this.hashes[e] === hash && this.keys[e] === key) return e;
      this.probes++;
    }
    const entry = this.keys.length;
    this.keys.push(key);
    if (entry === this.hashes.length) {
      const grown = new Int32Array(entry * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[entry] = hash;
    slots[slot] = entry + 1;
    if (this.probes > PROBE_BUDGET * (entry + 1) + 1024) this.giveUp();
    else if ((entry + 1) * 2 > slots.length) this.grow();
    return entry;
  }

  private addToMap(map: Map<string, number>, key: string): number {
    const known = map.get(key);
    if (known !== undefined) return known;
    const entry = this.keys.length;
    this.keys.push(key);
    map.set(key, entry);
    return entry;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const hashes = this.hashes;
    for (let e = 0; e < this.keys.length; e++) {
      let slot = (hashes[e] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  private giveUp(): void {
    const map = new Map<string, number>();
    for (let e = 0; e < this.keys.length; e++) map.set(this.keys[e] as string, e);
    this.map = map;
    this.slots = new Int32Array(0);
    this.hashes = new Int32Array(0);
  }

  /** Whether the table answers from a Map (its probe budget was spent). */
  get spent(): boolean {
    return this.map !== undefined;
  }
}

/** FNV-1a over the UTF-16 code units, with a final mix so that the low bits (the slot) vary. */
export function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}
