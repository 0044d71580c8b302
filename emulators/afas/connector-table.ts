import type { AfasConnectorData, AfasFieldMeta, AfasRow } from '../demo-data/types.ts';
import type { Filter } from './filters.ts';
import { filterSignature } from './filters.ts';
import { compileTest } from './operators.ts';
import type { SortKey } from './ordering.ts';
import { sortSignature } from './ordering.ts';
import { fieldNotFound } from './profit-error.ts';
import {
  type Cell,
  compareTyped,
  equalityKey,
  parseFilterValue,
  renderCell,
  type Typed,
  toTyped,
} from './typed-values.ts';

export interface CellChange {
  readonly field: string;
  readonly old: Cell;
  readonly new: Cell;
}

interface Derived {
  /** field ids whose change makes this stale */
  readonly deps: ReadonlySet<string>;
  readonly rows: readonly number[];
}

const SELECTION_CACHE_SIZE = 64;
/** Below this many filtered rows, sorting them directly beats sorting the whole table once. */
const SMALL_SUBSET = 2048;

/**
 * One GetConnector's rows with what makes paging cheap: rows pre-rendered as JSON, typed columns,
 * equality indexes, and sorted orders and filtered selections cached until a field they depend on
 * changes. A full read in pages therefore sorts once, not once per page.
 */
export class ConnectorTable {
  readonly id: string;
  readonly description: string;
  readonly fields: readonly AfasFieldMeta[];
  readonly #fieldById: ReadonlyMap<string, AfasFieldMeta>;
  readonly #rows: AfasRow[];
  readonly #json: (string | undefined)[];
  readonly #columns = new Map<string, Typed[]>();
  readonly #indexes = new Map<string, Map<string, number[]>>();
  readonly #orders = new Map<string, Derived & { rank?: Int32Array }>();
  readonly #selections = new Map<string, Derived>();

  /** Takes ownership of `data.rows`: pass a copy if the caller keeps using them. */
  constructor(data: AfasConnectorData) {
    this.id = data.id;
    this.description = data.description;
    this.fields = data.fields;
    this.#fieldById = new Map(data.fields.map((f) => [f.id, f]));
    this.#rows = data.rows;
    this.#json = new Array(data.rows.length);
  }

  get rowCount(): number {
    return this.#rows.length;
  }

  field(id: string): AfasFieldMeta | undefined {
    return this.#fieldById.get(id);
  }

  /** Field ids are matched exactly, as the stricter reading of Profit. */
  readonly lookupField = (id: string): AfasFieldMeta => {
    const field = this.#fieldById.get(id);
    if (field === undefined) throw fieldNotFound(id);
    return field;
  };

  row(index: number): Readonly<AfasRow> {
    const row = this.#rows[index];
    if (row === undefined) throw new RangeError(`row ${index} of ${this.id}`);
    return row;
  }

  rowJson(index: number): string {
    let json = this.#json[index];
    if (json === undefined) {
      const row = this.row(index);
      const rendered: Record<string, Typed> = {};
      for (const f of this.fields) rendered[f.id] = renderCell(f.dataType, row[f.id]);
      json = JSON.stringify(rendered);
      this.#json[index] = json;
    }
    return json;
  }

  /** Rows whose field equals the value the way filter operator 1 compares, in table order. */
  lookup(fieldId: string, value: Typed): readonly number[] {
    return this.#index(fieldId).get(equalityKey(value)) ?? [];
  }

  /** Row indexes matching the filter, in the requested order (table order when none). */
  select(filter: Filter | undefined, sort: readonly SortKey[]): readonly number[] {
    const key = `${filterSignature(filter)}|${sortSignature(sort)}`;
    const cached = this.#selections.get(key);
    if (cached !== undefined) {
      this.#selections.delete(key);
      this.#selections.set(key, cached);
      return cached.rows;
    }
    const rows = filter === undefined ? this.#ordered(sort).rows : this.#filtered(filter, sort);
    const deps = new Set([...(filter ?? []).flat().map((c) => c.field.id), ...sort.map((k) => k.field.id)]);
    this.#selections.set(key, { deps, rows });
    if (this.#selections.size > SELECTION_CACHE_SIZE) {
      const oldest = this.#selections.keys().next().value;
      if (oldest !== undefined) this.#selections.delete(oldest);
    }
    return rows;
  }

  /** Writes cells of one row and drops exactly the cached data that depended on them. */
  update(index: number, changes: Readonly<Record<string, Cell>>): CellChange[] {
    const row = this.#rows[index];
    if (row === undefined) throw new RangeError(`row ${index} of ${this.id}`);
    const applied: CellChange[] = [];
    for (const [fieldId, value] of Object.entries(changes)) {
      const field = this.#fieldById.get(fieldId);
      if (field === undefined) continue;
      const old = row[fieldId] ?? null;
      if (old === value) continue;
      row[fieldId] = value;
      applied.push({ field: fieldId, old, new: value });
      this.#reindex(field, index, old, value);
    }
    if (applied.length > 0) {
      this.#json[index] = undefined;
      const changed = new Set(applied.map((c) => c.field));
      for (const cache of [this.#orders, this.#selections]) {
        for (const [key, derived] of cache) {
          if ([...derived.deps].some((dep) => changed.has(dep))) cache.delete(key);
        }
      }
    }
    return applied;
  }

  #column(fieldId: string): Typed[] {
    let column = this.#columns.get(fieldId);
    if (column === undefined) {
      const type = this.lookupField(fieldId).dataType;
      column = this.#rows.map((row) => toTyped(type, row[fieldId]));
      this.#columns.set(fieldId, column);
    }
    return column;
  }

  #index(fieldId: string): Map<string, number[]> {
    let index = this.#indexes.get(fieldId);
    if (index === undefined) {
      index = new Map();
      const column = this.#column(fieldId);
      for (let i = 0; i < column.length; i++) {
        const key = equalityKey(column[i] ?? null);
        const list = index.get(key);
        if (list === undefined) index.set(key, [i]);
        else list.push(i);
      }
      this.#indexes.set(fieldId, index);
    }
    return index;
  }

  /** Keeps column and index current in place, so a burst of updates never rebuilds them. */
  #reindex(field: AfasFieldMeta, rowIndex: number, old: Cell, value: Cell): void {
    const column = this.#columns.get(field.id);
    if (column !== undefined) column[rowIndex] = toTyped(field.dataType, value);
    const index = this.#indexes.get(field.id);
    if (index === undefined) return;
    const oldKey = equalityKey(toTyped(field.dataType, old));
    const oldList = index.get(oldKey) ?? [];
    oldList.splice(oldList.indexOf(rowIndex), 1);
    if (oldList.length === 0) index.delete(oldKey);
    const newKey = equalityKey(toTyped(field.dataType, value));
    const newList = index.get(newKey) ?? [];
    const at = newList.findIndex((i) => i > rowIndex);
    newList.splice(at === -1 ? newList.length : at, 0, rowIndex);
    index.set(newKey, newList);
  }

  #ordered(sort: readonly SortKey[]): Derived & { rank?: Int32Array } {
    const key = sortSignature(sort);
    let order = this.#orders.get(key);
    if (order === undefined) {
      const rows = Array.from({ length: this.#rows.length }, (_, i) => i);
      if (sort.length > 0) rows.sort(this.#comparator(sort));
      order = { deps: new Set(sort.map((k) => k.field.id)), rows };
      this.#orders.set(key, order);
    }
    return order;
  }

  #comparator(sort: readonly SortKey[]): (a: number, b: number) => number {
    const keys = sort.map((k) => ({ column: this.#column(k.field.id), sign: k.descending ? -1 : 1 }));
    return (a, b) => {
      for (const { column, sign } of keys) {
        const c = compareTyped(column[a] ?? null, column[b] ?? null);
        if (c !== 0) return c * sign;
      }
      return a - b;
    };
  }

  #filtered(filter: Filter, sort: readonly SortKey[]): readonly number[] {
    const groups = filter.map((group) =>
      group.map((c) => ({
        column: this.#column(c.field.id),
        test: compileTest(c.field, c.operator, c.value),
      })),
    );
    const matches = (i: number): boolean => groups.some((g) => g.every((c) => c.test(c.column[i] ?? null)));
    const candidates = this.#candidates(filter);
    if (candidates === undefined) return this.#ordered(sort).rows.filter(matches);
    const hits = candidates.filter(matches);
    if (sort.length === 0) return hits;
    const known = this.#orders.get(sortSignature(sort));
    if (known === undefined && hits.length <= SMALL_SUBSET) return hits.sort(this.#comparator(sort));
    const order = known ?? this.#ordered(sort);
    order.rank ??= rankOf(order.rows);
    const rank = order.rank;
    return hits.sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0));
  }

  /** When every OR-group has an `=` condition, only the rows the index gives for those can match. */
  #candidates(filter: Filter): number[] | undefined {
    const found = new Set<number>();
    for (const group of filter) {
      const eq = group.find((c) => c.operator === 1);
      if (eq === undefined) return undefined;
      const value = parseFilterValue(eq.field.dataType, eq.field.id, eq.value);
      for (const i of this.lookup(eq.field.id, value)) found.add(i);
    }
    return [...found].sort((a, b) => a - b);
  }
}

function rankOf(order: readonly number[]): Int32Array {
  const rank = new Int32Array(order.length);
  order.forEach((row, position) => {
    rank[row] = position;
  });
  return rank;
}
