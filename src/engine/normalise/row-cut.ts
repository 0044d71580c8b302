/**
 * Users and employments rows cut down, as their pages arrive, to what the persons are made from: the
 * attributes a run keeps and the fields normalise() reads itself. AFAS has no $select; a users row has
 * ~25 fields and an employments row ~29, of which a run reads about half. The rows are held until
 * the last page is in, so each one is promoted to the old generation, and V8 collects that only
 * rarely during a run: at 50,000 persons the whole rows were ~59 MB there, and the rest of the run
 * allocated on top of them (issue 13). A cut row keeps the fields it has, in their order, with the
 * same values, so the persons made of it are the persons the whole row made; the values persons keep
 * are shared here (in `pool`, which normalise() then goes on using) instead of when the persons are
 * made, so repeated job titles or departments are not held once per row until then.
 *
 * A connector's rows share their keys, so a cut row's shape is known once per key list: a constructor
 * made for it copies the fields (the reasoning of attribute-record.ts: one hidden class, no
 * dictionary-mode objects). Keys are JSON string literals in the generated code, so no row can inject
 * code; a key list the generator cannot express (`__proto__`), or a runtime that forbids code
 * generation, falls back to a plain copy with the same result.
 */
import {
  type Attributes,
  type AttrValue,
  type KeyPool,
  type RowReader,
  readFlatRow,
  SHARED_BY_PARSE,
  ValuePool,
} from '../../core/index.ts';
import { DERIVED, keysOf, sameKeys } from './attribute-record.ts';

/** The users and employments fields normalise() reads itself (toEmployment, composeDisplayName, …). */
export const FIELDS_READ: readonly string[] = [
  'Medewerker',
  'ExternalID',
  'Begindatum_functie',
  'Begindatum_contract',
  'Einddatum_functie',
  'Einddatum_contract',
  'FTE',
  'Volgnummer_contract',
  'Medewerkernummer_leidinggevende',
  'Organisatorische_eenheid_code',
  'DisplayName',
  'Naam',
  'Roepnaam',
  'Voornaam',
  'Voorletters',
  'Voorvoegsel',
  'Geboortenaam',
];

/** How many row shapes of one read get a constructor of their own (a connector's rows share one). */
const SHAPES_COMPILED = 16;

type Make = (row: Attributes, pools: readonly (KeyPool | null)[]) => Attributes;

interface Shape {
  readonly keys: readonly string[];
  readonly make: Make;
  readonly pools: readonly (KeyPool | null)[];
  /** The cut row from its kept values in order (the constructor `make` uses), when there is one. */
  readonly build: ((values: readonly unknown[]) => Attributes) | undefined;
  /** Each key's UTF-8 bytes as JSON writes it without escapes; undefined when one needs an escape. */
  readonly keyBytes: readonly Uint8Array[] | undefined;
  /** Per key, its place among the kept keys; −1 for a key cut away. */
  readonly keptAt: Int32Array;
  /** The pools of the kept values of up to 10 characters, when read from bytes (fromBytes). */
  readonly short: readonly KeyPool[];
}

/**
 * Cuts the rows of one read for persons keeping `attributes`. One set of fields for both connectors:
 * a person without a user row is named from their first employment row.
 */
export class RowCut implements RowReader {
  /** Shares the kept values; normalise() makes the persons' records with it (NormaliseOptions.pool). */
  readonly pool = new ValuePool();
  /**
   * Shares the short kept values of rows read from their bytes, as JSON.parse shares them (SHARED_BY_PARSE):
   * one pool per field for both connectors, so an employee number or a date is one string in both.
   */
  readonly #shortPool = new ValuePool(2048, true);
  readonly #fields: ReadonlySet<string>;
  /** Values shared: those the persons' records keep from the rows (not the derived attributes). */
  readonly #shared: ReadonlySet<string>;
  readonly #shapes = new Map<string, Shape>();
  #last: Shape | undefined;

  constructor(attributes: ReadonlySet<string>) {
    this.#fields = new Set([...FIELDS_READ, ...attributes]);
    const derived = new Set<string>(DERIVED);
    this.#shared = new Set([...attributes].filter((a) => !derived.has(a)));
  }

  /** The fields of every row cut so far, as the rows had them before the cut. */
  fieldsSeen(): string[] {
    const fields = new Set<string>();
    for (const shape of this.#shapes.values()) for (const key of shape.keys) fields.add(key);
    return [...fields];
  }

  /** Where the last row read by fromBytes ended (RowReader). */
  end = 0;
  /** fromBytes' kept values of one row, refilled for each. */
  #values: unknown[] = [];
  #share: (value: string, kept: number) => string = (value) => value;

  fromValue(value: unknown): unknown {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? this.row(value as Attributes)
      : value;
  }

  /**
   * A row of the last shape cut, read from its bytes: only its kept fields' values are made (the rest
   * checked and passed over), half of what JSON.parse made of each row. Any other row is declined
   * (undefined), parsed, and cut by fromValue, which learns its shape.
   */
  fromBytes(bytes: Buffer, start: number): unknown {
    const shape = this.#last;
    if (shape === undefined || shape.build === undefined || shape.keyBytes === undefined) return undefined;
    const end = readFlatRow(bytes, start, shape.keyBytes, shape.keptAt, this.#values, this.#share);
    if (end < 0) return undefined;
    this.end = end;
    return shape.build(this.#values);
  }

  #use(shape: Shape): void {
    this.#last = shape;
    const { pools, short } = shape;
    this.#values = new Array(pools.length).fill(null);
    // A value of up to 10 characters is shared by its field's short pool, a longer one as the cut shares it.
    this.#share = (value, kept) =>
      value.length <= SHARED_BY_PARSE
        ? (short[kept] as KeyPool).share(value)
        : (pools[kept]?.share(value) ?? value);
  }

  /** The row with only the fields the persons are made from. */
  readonly row = (row: Attributes): Attributes => {
    let shape = this.#last;
    if (shape === undefined || !sameKeys(row, shape.keys)) {
      shape = this.#shapeOf(keysOf(row));
      this.#use(shape);
    }
    return shape.make(row, shape.pools);
  };

  #shapeOf(keys: readonly string[]): Shape {
    const id = JSON.stringify(keys);
    let shape = this.#shapes.get(id);
    if (shape === undefined) {
      const kept = keys.filter((k) => this.#fields.has(k));
      const pools = kept.map((k) => (this.#shared.has(k) ? this.pool.forKey(k) : null));
      // A constructor is made for the first few shapes only: a source whose rows each bring other keys
      // costs a plain copy per row, not a code generation per row.
      const compiled = this.#shapes.size < SHAPES_COMPILED ? compile(kept, pools) : undefined;
      const keptAt = Int32Array.from(keys, (k) => kept.indexOf(k));
      shape = {
        keys,
        make: compiled?.make ?? copy(kept),
        pools,
        build: compiled?.build,
        keyBytes: keys.every((k) => JSON.stringify(k) === `"${k}"`)
          ? keys.map((k) => Buffer.from(k, 'utf8'))
          : undefined,
        keptAt,
        short: kept.map((k) => this.#shortPool.forKey(k)),
      };
      this.#shapes.set(id, shape);
    }
    return shape;
  }
}

/**
 * One constructor of the cut row from its kept values in order: `build` calls it with values read from
 * bytes, `make` with those of a parsed row (shared as the cut shares them), so both give one hidden class.
 */
function compile(
  kept: readonly string[],
  pools: readonly (KeyPool | null)[],
): { make: Make; build: (values: readonly unknown[]) => Attributes } | undefined {
  if (kept.includes('__proto__')) return undefined;
  const body = kept.map((k, i) => `this[${JSON.stringify(k)}] = v[${i}];`).join('\n');
  let Row: new (values: readonly unknown[]) => Attributes;
  try {
    Row = new Function('v', body) as unknown as typeof Row;
  } catch {
    return undefined;
  }
  // Plain objects, as JSON.parse makes: Object.prototype, not the constructor's own prototype.
  Row.prototype = Object.prototype;
  const values: unknown[] = new Array(kept.length).fill(null);
  return {
    build: (v) => new Row(v),
    make: (r) => {
      for (let i = 0; i < kept.length; i++) {
        const v = r[kept[i] as string];
        const pool = pools[i];
        // Short strings are shared by JSON.parse already: not even a call for them.
        values[i] = pool && typeof v === 'string' && v.length > SHARED_BY_PARSE ? pool.share(v) : v;
      }
      return new Row(values);
    },
  };
}

/** The plain copy: the same keys, order and values. */
function copy(kept: readonly string[]): Make {
  return (r, p) => {
    const out: Record<string, AttrValue> = {};
    kept.forEach((k, i) => {
      const v = r[k] as AttrValue;
      const pool = p[i];
      const value = pool && typeof v === 'string' && v.length > SHARED_BY_PARSE ? pool.share(v) : v;
      Object.defineProperty(out, k, { value, writable: true, enumerable: true, configurable: true });
    });
    return out;
  };
}
