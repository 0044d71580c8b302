/**
 * Shares repeated string values among the records of one read. JSON parsing makes a fresh string for
 * every occurrence, so 20,000 rows that all say "Contoso B.V." hold 20,000 copies; a run keeps the rows'
 * values (in persons and accounts) until it ends, and those copies were a fifth of its strings
 * (issue 13). Values are pooled per key. Past `limit` distinct values a key stays pooled only while
 * its values repeat (one lookup in 16 finds its value): ids, e-mail addresses and names stop
 * being looked up, so pooling costs little where it cannot help, while dates and org units — more
 * distinct values than the limit in a large company, each shared by many rows — stay shared.
 *
 * Pool only what is kept: a value that dies with its row gains nothing from the lookup (the AFAS
 * reader pooled every value of every row, and ~60 % of them were never read; that was ~165 ms of a
 * 20,000-person run). Callers that share many values of one key take its KeyPool once (`forKey`),
 * so each value costs one map lookup.
 *
 * Strings of up to 10 characters are not looked up: V8's JSON.parse already returns one shared
 * (internalised) string for every occurrence of such a value (kMaxInternalizedStringValueLength), so
 * codes, first names, employee numbers and short dates cost nothing to keep and nothing to pool.
 */
export const SHARED_BY_PARSE = 10;

export class KeyPool {
  #values: Map<string, string> | null = new Map();
  #lookups = 0;

  /**
   * `short`: strings of up to 10 characters are pooled too, for values that JSON.parse did not make
   * (a row read from its bytes, json-rows.ts readFlatRow), which are not shared otherwise.
   */
  constructor(
    private readonly limit: number,
    private readonly short = false,
  ) {}

  /** The pooled string equal to `value` (the first one seen), or `value` itself. */
  share(value: string): string {
    const values = this.#values;
    if (values === null || (value.length <= SHARED_BY_PARSE && !this.short)) return value;
    this.#lookups++;
    const shared = values.get(value);
    if (shared !== undefined) return shared;
    // Past the limit: given up when fewer than one lookup in 16 found its value.
    const size = values.size;
    if (size >= this.limit && (this.#lookups - size) * 16 < this.#lookups) this.#values = null;
    else values.set(value, value);
    return value;
  }

  /** How many distinct values are pooled (0 once given up). */
  get size(): number {
    return this.#values?.size ?? 0;
  }
}

export class ValuePool {
  readonly #byKey = new Map<string, KeyPool>();
  readonly #limit: number;
  readonly #short: boolean;

  /** `short`: pools strings of up to 10 characters too (KeyPool). */
  constructor(limit = 2048, short = false) {
    this.#limit = limit;
    this.#short = short;
  }

  /** The pool of one key's values. */
  forKey(key: string): KeyPool {
    let pool = this.#byKey.get(key);
    if (pool === undefined) {
      pool = new KeyPool(this.#limit, this.#short);
      this.#byKey.set(key, pool);
    }
    return pool;
  }

  /** The pooled string equal to `value` (the first one seen for `key`), or `value` itself. */
  share(key: string, value: string): string {
    return this.forKey(key).share(value);
  }

  /** How many distinct values are pooled for `key` (0 once the key is given up). */
  pooled(key: string): number {
    return this.#byKey.get(key)?.size ?? 0;
  }
}
