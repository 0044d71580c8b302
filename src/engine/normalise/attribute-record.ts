/**
 * A person's attributes: the user row, the primary employment's row and the constants merged (a later
 * source wins, a key keeps its first position), then the derived attributes set on top.
 *
 * Why generated code: copying ~60 keys one by one into `{}` turns every person's record into a
 * dictionary-mode object (V8 gives up on hidden classes after a dozen keyed stores) — ~3 KB and ~10 µs
 * a person, the biggest single cost of normalising 50,000 persons. AFAS rows of one connector share
 * their keys, so the record's shape is known once per run: a function made for that shape builds
 * each record, all records share one hidden class, and reading an attribute is a fast property load.
 * The function returns one object literal, not a constructor's `this[key] = …`: every record lives
 * until the plan is made, and V8 allocates a literal whose objects survive straight in the old
 * generation (allocation-site pretenuring), where a constructor's were made young and copied by two
 * scavenges each (~230 bytes for 50,000 persons; a replayed 50,000-person plan made 4–5 scavenges
 * instead of 6–7, a fifth less copied; 50,000 records of 26 keys: ~8 ms made as literals, ~20 ms as a
 * constructor's with their collection). Keys are embedded as JSON string literals, so no row can
 * inject code; a shape the generator cannot express (`__proto__`), or a runtime that forbids code
 * generation, falls back to the plain copy with the same result.
 */
import {
  type Attributes,
  type AttrValue,
  type KeyPool,
  SHARED_BY_PARSE,
  ValuePool,
} from '../../core/index.ts';

/** The derived attributes, in the order they are set (positions of keys a row already has are kept). */
export const DERIVED = [
  'Medewerker',
  'Lifecycle',
  'StartDate',
  'EndDate',
  'StartDateTime',
  'EndDateTime',
  'HireDate',
  'HireDateTime',
  'ManagerEmployeeNumber',
  'DepartmentPath',
  'EmploymentCount',
] as const;

/** Values of DERIVED, in that order. */
export type DerivedValues = readonly [
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number,
];

type Build = (
  user: Attributes,
  employment: Attributes,
  constants: Attributes,
  derived: DerivedValues,
  pools: readonly KeyPool[],
) => Record<string, AttrValue>;

/** A record's maker and the keys whose row values it shares, `pools[i]` being `pooled[i]`'s pool. */
interface Compiled {
  readonly build: Build;
  readonly pooled: readonly string[];
}

interface Shape {
  readonly userKeys: readonly string[];
  readonly employmentKeys: readonly string[];
  readonly build: Build;
  readonly pools: readonly KeyPool[];
}

const EMPTY: Attributes = Object.freeze({});

/** Builds persons' attribute records for one run; remembers one maker per row shape. */
export class AttributeRecords {
  private readonly shapes = new Map<string, Shape>();
  private last: Shape | undefined;
  private readonly constantKeys: readonly string[];

  /**
   * `keep`: the only attributes a record holds (a run's configuration reads no others); a kept name
   * the rows lack stays absent, as in a full record. Undefined: every attribute.
   * `pool`: shares the rows' string values among the records (per attribute), so repeated values
   * ("Contoso B.V.", a department) are kept once for the run, not once per person. Null: the rows'
   * values are shared already (a RowCut shared them as they arrived, with the pool the records would
   * use: a lookup per value and person would only find each value itself).
   */
  constructor(
    private readonly constants: Attributes,
    private readonly keep?: ReadonlySet<string>,
    private readonly pool: ValuePool | null = new ValuePool(),
  ) {
    this.constantKeys = keysOf(constants);
  }

  build(user: Attributes, employment: Attributes | null, derived: DerivedValues): Record<string, AttrValue> {
    const e = employment ?? EMPTY;
    let shape = this.last;
    if (shape === undefined || !sameKeys(user, shape.userKeys) || !sameKeys(e, shape.employmentKeys)) {
      shape = this.shapeOf(keysOf(user), keysOf(e));
      this.last = shape;
    }
    return shape.build(user, e, this.constants, derived, shape.pools);
  }

  private shapeOf(userKeys: readonly string[], employmentKeys: readonly string[]): Shape {
    const id = JSON.stringify([userKeys, employmentKeys]);
    let shape = this.shapes.get(id);
    if (shape === undefined) {
      const pool = this.pool;
      const { build, pooled } = compiled(
        userKeys,
        employmentKeys,
        this.constantKeys,
        this.keep,
        pool !== null,
      );
      shape = {
        userKeys,
        employmentKeys,
        build,
        pools: pool === null ? [] : pooled.map((key) => pool.forKey(key)),
      };
      this.shapes.set(id, shape);
    }
    return shape;
  }
}

export function keysOf(row: Attributes): string[] {
  const keys: string[] = [];
  for (const key in row) keys.push(key);
  return keys;
}

/** Whether a row has exactly these keys in this order (no allocation: this runs for every row). */
export function sameKeys(row: Attributes, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in row) {
    if (keys[i] !== key) return false;
    i++;
  }
  return i === keys.length;
}

/**
 * Makers are kept across runs (a connection's rows keep their shape from run to run): the next run's
 * records get the same hidden class and already-optimised code instead of a cold maker.
 */
const constructors = new Map<string, Compiled>();
const CONSTRUCTORS_KEPT = 256;

function compiled(
  userKeys: readonly string[],
  employmentKeys: readonly string[],
  constantKeys: readonly string[],
  keep: ReadonlySet<string> | undefined,
  share: boolean,
): Compiled {
  const kept = keep === undefined ? null : [...keep].sort();
  const id = JSON.stringify([userKeys, employmentKeys, constantKeys, kept, share]);
  let made = constructors.get(id);
  if (made === undefined) {
    made = compile(userKeys, employmentKeys, constantKeys, keep, share);
    if (constructors.size >= CONSTRUCTORS_KEPT) constructors.clear();
    constructors.set(id, made);
  }
  return made;
}

function compile(
  userKeys: readonly string[],
  employmentKeys: readonly string[],
  constantKeys: readonly string[],
  keep: ReadonlySet<string> | undefined,
  share: boolean,
): Compiled {
  const order: string[] = [];
  const source = new Map<string, string>();
  const put = (key: string, expression: string) => {
    if (keep !== undefined && !keep.has(key)) return;
    if (!source.has(key)) order.push(key);
    source.set(key, expression);
  };
  for (const key of userKeys) put(key, 'u');
  for (const key of employmentKeys) put(key, 'e');
  for (const key of constantKeys) put(key, 'c');
  DERIVED.forEach((key, i) => {
    put(key, `d[${i}]`);
  });
  // Only values from the rows are shared: constants are one object already, and the derived values
  // come from the normaliser's own memos (dates, department paths) or from the employment.
  const pooled = share ? order.filter((k) => source.get(k) === 'u' || source.get(k) === 'e') : [];
  if (order.includes('__proto__')) return { build: copy(keep), pooled: [] };
  const fields = order
    .map((k) => {
      const key = JSON.stringify(k);
      const from = source.get(k) as string;
      if (from !== 'u' && from !== 'e') return `${key}: ${from === 'c' ? `c[${key}]` : from}`;
      if (!share) return `${key}: ${from}[${key}]`;
      return `${key}: s(${from}[${key}], p[${pooled.indexOf(k)}])`;
    })
    .join(',\n');
  try {
    const build = new Function('u', 'e', 'c', 'd', 'p', 's', `return {\n${fields}\n};`) as (
      ...args: [...Parameters<Build>, typeof shared]
    ) => Record<string, AttrValue>;
    return { build: ((u, e, c, d, p) => build(u, e, c, d, p, shared)) satisfies Build, pooled };
  } catch {
    return { build: copy(keep), pooled: [] };
  }
}

/** A row's value as the record keeps it: a text shared through the key's pool. */
function shared(value: AttrValue | undefined, pool: KeyPool): AttrValue | undefined {
  // Short strings are shared by JSON.parse already: not even a call for them.
  return typeof value === 'string' && value.length > SHARED_BY_PARSE ? pool.share(value) : value;
}

/** The plain copy: the same keys, order and values, without a shared shape or shared values. */
function copy(keep: ReadonlySet<string> | undefined): Build {
  const kept = (key: string) => keep === undefined || keep.has(key);
  return (u, e, c, d) => {
    const out: Record<string, AttrValue> = {};
    for (const source of [u, e, c])
      for (const key in source) if (kept(key)) out[key] = source[key] as AttrValue;
    DERIVED.forEach((key, i) => {
      if (kept(key)) out[key] = d[i] as AttrValue;
    });
    return out;
  };
}
