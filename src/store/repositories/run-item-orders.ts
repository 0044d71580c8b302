/**
 * Where a run's stored items stand among everyone — stored items and unchanged persons merged — in
 * each order the run review offers (name; action, then name; status, then name). Computed once when
 * the run is recorded, so a page of "everyone" is the stored items of one index range plus the
 * unchanged persons that fill the gaps between them, picked from the run's list by position, instead
 * of merging and sorting the whole run on first view (0.3–0.6 s at 50,000 persons).
 *
 * The stored items' merged places only grow along each stored order, so they are kept as gaps
 * (varints, deflated): a few bytes per stored item, and almost nothing for a run that changes little.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export type MergedSort = 'name' | 'action' | 'status';

export interface ItemOrders {
  readonly stored: number;
  readonly unchanged: number;
  /** Per order: the merged place of the stored item at each stored position (pos_name, …). */
  readonly places: Readonly<Record<MergedSort, Int32Array>>;
  /**
   * Indices (in the list's name order) of the unchanged persons whose status is `skipped`: in the
   * status order they come first (problems first), the `success` ones after them; in the name and
   * action orders the list's own order holds.
   */
  readonly skipped: Int32Array;
  /**
   * The chunk boundaries of the run's unchanged list (run-person-list.ts), kept here so the first
   * page of everyone does not read the list's head first; null in orders written before (format 1).
   */
  readonly listOffsets: readonly number[] | null;
}

/** Items in one order (rank, then name key), by position: a rank (0 for the name order) and a key. */
export interface RankedList {
  readonly length: number;
  rank(i: number): number;
  key(i: number): string;
}

/** The merged place of each stored item; both lists are already in the order (rank, then key). */
export function mergedPlaces(stored: RankedList, unchanged: RankedList): Int32Array {
  const places = new Int32Array(stored.length);
  let u = 0;
  for (let i = 0; i < stored.length; i++) {
    const rank = stored.rank(i);
    const key = stored.key(i);
    while (u < unchanged.length) {
      const r = unchanged.rank(u);
      if (r > rank || (r === rank && unchanged.key(u) >= key)) break;
      u++;
    }
    places[i] = i + u;
  }
  return places;
}

const SORTS: readonly MergedSort[] = ['name', 'action', 'status'];
/** 1: places and skipped; 2: and the list's chunk boundaries. */
const FORMAT = 2;

export function encodeOrders(orders: ItemOrders): Buffer {
  const bytes: number[] = [];
  const varint = (n: number) => {
    let v = n;
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  };
  /** An ascending sequence as the gaps between neighbours (≥ 0). */
  const ascending = (xs: Int32Array) => {
    let last = -1;
    for (const x of xs) {
      varint(x - last - 1);
      last = x;
    }
  };
  varint(orders.listOffsets === null ? 1 : FORMAT);
  varint(orders.stored);
  varint(orders.unchanged);
  for (const sort of SORTS) ascending(orders.places[sort]);
  varint(orders.skipped.length);
  ascending(orders.skipped);
  if (orders.listOffsets !== null) {
    varint(orders.listOffsets.length);
    ascending(Int32Array.from(orders.listOffsets));
  }
  return deflateRawSync(Buffer.from(bytes));
}

export function decodeOrders(data: Uint8Array): ItemOrders {
  const bytes = inflateRawSync(data);
  let at = 0;
  const varint = () => {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[at++];
      if (b === undefined) throw new Error('run item orders: truncated');
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  };
  const ascending = (length: number) => {
    const xs = new Int32Array(length);
    let last = -1;
    for (let i = 0; i < length; i++) {
      last += varint() + 1;
      xs[i] = last;
    }
    return xs;
  };
  const format = varint();
  if (format !== 1 && format !== FORMAT) throw new Error(`run item orders: unknown format ${format}`);
  const stored = varint();
  const unchanged = varint();
  const places = { name: ascending(stored), action: ascending(stored), status: ascending(stored) };
  const skipped = ascending(varint());
  const listOffsets = format === 1 ? null : Array.from(ascending(varint()));
  return { stored, unchanged, places, skipped, listOffsets };
}

/** The first index whose value is ≥ `value` in an ascending array. */
function lowerBound(xs: Int32Array, value: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The `rank`-th index (from 0) that is not in the ascending array `out`. */
function nthNotIn(out: Int32Array, rank: number): number {
  // The smallest j with j = rank + |{x ∈ out : x ≤ j}| — reached from below, it is never in `out`.
  let j = rank;
  for (;;) {
    const next = rank + lowerBound(out, j + 1);
    if (next === j) return j;
    j = next;
  }
}

/** What one place of a page holds: a stored item (by its stored position) or an unchanged person. */
export type Slot = { readonly stored: number } | { readonly unchanged: number };

/**
 * The places [from, to) of everyone in `sort` order: the stored positions they cover (an index range
 * on `pos_<sort>`) and, for each place, the stored item or the unchanged person (index in the list).
 */
export function pageOf(
  orders: ItemOrders,
  sort: MergedSort,
  from: number,
  to: number,
): { storedFrom: number; storedTo: number; slots: Slot[] } {
  const places = orders.places[sort];
  const storedFrom = lowerBound(places, from);
  const storedTo = lowerBound(places, to);
  const skipped = orders.skipped;
  const listIndex = (u: number) =>
    sort !== 'status' || skipped.length === 0
      ? u
      : u < skipped.length
        ? (skipped[u] as number)
        : nthNotIn(skipped, u - skipped.length);
  const slots: Slot[] = [];
  let i = storedFrom;
  for (let p = from; p < to; p++) {
    if (i < storedTo && places[i] === p) slots.push({ stored: i++ });
    else slots.push({ unchanged: listIndex(p - i) });
  }
  return { storedFrom, storedTo, slots };
}
