/**
 * A small seeded generator (sfc32) so the same seed always yields the same company, byte for byte.
 * Each concern draws from its own named stream: adding a draw to, say, phone numbers must not
 * reshuffle the org tree or the account ids of every existing dataset.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = '') {
    let h = hashText(`${seed}/${stream}`);
    // splitmix32 spreads one 32-bit hash over the four words of state.
    const spread = (): number => {
      h = (h + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) | 0;
    };
    this.a = spread();
    this.b = spread();
    this.c = spread();
    this.d = spread();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `count` distinct items of `pool` in random order (partial Fisher–Yates on a copy). */
  sample<T>(pool: readonly T[], count: number): T[] {
    const copy = pool.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    copy.length = n;
    return copy;
  }

  /** `length` decimal digits; the first may be zero. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.uint32() % 10);
    return out;
  }

  /** A random (version 4 layout) GUID, lower case, as Entra prints object ids. */
  guid(): string {
    const w1 = this.uint32();
    const w2 = this.uint32();
    const w3 = this.uint32();
    const w4 = this.uint32();
    const variant = '89ab'[w3 >>> 30];
    return (
      `${hex32(w1)}-${hex16(w2 >>> 16)}-4${hex16(w2 & 0xffff).slice(1)}-` +
      `${variant}${hex16(w3 & 0xffff).slice(1)}-${hex32(w4)}${hex16((w3 >>> 14) & 0xffff)}`
    );
  }
}

const HEX8 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (n: number): string => (HEX8[(n >>> 8) & 0xff] as string) + (HEX8[n & 0xff] as string);
const hex32 = (n: number): string => hex16(n >>> 16) + hex16(n & 0xffff);

/** FNV-1a over UTF-16 code units: stable across platforms and Node versions. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A table of values with relative weights, picked in O(log n). */
export class Weighted<T> {
  private readonly values: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = entries.map(([value]) => value);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (!(sum > 0)) throw new RangeError('weights must add up to more than zero');
    this.total = sum;
  }

  pick(random: Random): T {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}
