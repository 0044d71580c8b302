/**
 * Shares repeated string values among the records of one read. JSON parsing makes a fresh string for
 * every occurrence, so 20,000 rows that all say "Contoso B.V." hold 20,000 copies; a run keeps the rows'
 * values (in persons and accounts) until it ends, and those copies were a fifth of its strings
 * (issue 13). Values are pooled per key; a key whose values turn out to be mostly distinct (ids,
 * names) stops being looked up once it has had `limit` of them, so pooling costs little where it
 * cannot help.
 */
export class ValuePool {
  readonly #byKey = new Map<string, Map<string, string> | null>();
  readonly #limit: number;

  constructor(limit = 2048) {
    this.#limit = limit;
  }

  /** The pooled string equal to `value` (the first one seen), or `value` itself. */
  share(key: string, value: string): string {
    let known = this.#byKey.get(key);
    if (known === undefined) {
      known = new Map();
      this.#byKey.set(key, known);
    }
    if (known === null) return value;
    const shared = known.get(value);
    if (shared !== undefined) return shared;
    if (known.size >= this.#limit) this.#byKey.set(key, null);
    else known.set(value, value);
    return value;
  }
}
