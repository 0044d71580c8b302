/**
 * Shares repeated string values among the records of one read. JSON parsing makes a fresh string for
 * every occurrence, so 20,000 rows that all say "Contoso B.V." hold 20,000 copies; a run keeps the rows'
 * values (in persons and accounts) until it ends, and those copies were a fifth of its strings
 * (issue 13). Values are pooled per key. Past `limit` distinct values a key stays pooled only while
 * its values repeat (one lookup in 16 finds its value): ids, e-mail addresses and names stop
 * being looked up, so pooling costs little where it cannot help, while dates and org units — more
 * distinct values than the limit in a large company, each shared by many rows — stay shared.
 */
interface KeyPool {
  readonly values: Map<string, string>;
  lookups: number;
}

export class ValuePool {
  readonly #byKey = new Map<string, KeyPool | null>();
  readonly #limit: number;

  constructor(limit = 2048) {
    this.#limit = limit;
  }

  /** The pooled string equal to `value` (the first one seen), or `value` itself. */
  share(key: string, value: string): string {
    let pool = this.#byKey.get(key);
    if (pool === undefined) {
      pool = { values: new Map(), lookups: 0 };
      this.#byKey.set(key, pool);
    }
    if (pool === null) return value;
    pool.lookups++;
    const shared = pool.values.get(value);
    if (shared !== undefined) return shared;
    // Past the limit: given up when fewer than one lookup in 16 found its value.
    const size = pool.values.size;
    if (size >= this.#limit && (pool.lookups - size) * 16 < pool.lookups) this.#byKey.set(key, null);
    else pool.values.set(value, value);
    return value;
  }

  /** How many distinct values are pooled for `key` (0 once the key is given up). */
  pooled(key: string): number {
    return this.#byKey.get(key)?.values.size ?? 0;
  }
}
