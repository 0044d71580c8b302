/**
 * Where a run's stored items stand among everyone — stored items and unchanged persons merged — in
 * each order the run review offers (name; action, then name; status, then name). Computed once when
 * the run is recorded, so a page of "everyone" is the stored items of one index range plus the
 * unchanged persons that fill the gaps between them, picked from the run's list by position, instead
 * of merging and sorting the whole run on first view (0.3–0.6 s at 50,000 persons).
 *
 * The stored items' merged places only grow along each stored order, so they are kept as gaps
 * (32-bit words, deflated): a few bytes per stored item, and almost nothing for a run that changes little.
 */
import { endianness } from 'node:os';
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
/**
 * 1: places and skipped as varint gaps; 2: and the list's chunk boundaries; 3: the same gaps as
 * 32-bit words. A page's first request decodes its run's orders, and reading varints byte by byte
 * in not yet optimised code was most of that request (3.4 ms of CPU at 20,000 persons against 1.3 ms
 * for words; a view of the raw places, 0.7 ms, took 10 times the bytes: 47 KB against 8 KB).
 */
const FORMAT = 3;
const HEADER_WORDS = 5;
const LITTLE_ENDIAN = endianness() === 'LE';

export function encodeOrders(orders: ItemOrders): Buffer {
  const offsets = orders.listOffsets === null ? null : Int32Array.from(orders.listOffsets);
  const sections = [...SORTS.map((s) => orders.places[s]), orders.skipped, offsets ?? new Int32Array(0)];
  const words = new Int32Array(HEADER_WORDS + sections.reduce((n, xs) => n + xs.length, 0));
  words.set([FORMAT, orders.stored, orders.unchanged, orders.skipped.length, offsets?.length ?? -1]);
  let at = HEADER_WORDS;
  for (const xs of sections) {
    let last = -1;
    for (const x of xs) {
      words[at++] = x - last - 1;
      last = x;
    }
  }
  const bytes = Buffer.from(words.buffer);
  return deflateRawSync(LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap32());
}

/** Formats 1 and 2, as runs recorded before keep them (and tests write them). */
export function encodeVarintOrders(orders: ItemOrders): Buffer {
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
  varint(orders.listOffsets === null ? 1 : 2);
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
  // Formats 1 and 2 start with their number as a varint, format 3 as a little-endian word.
  return bytes[0] === FORMAT ? decodeWords(bytes) : decodeVarints(bytes);
}

function decodeWords(bytes: Buffer): ItemOrders {
  if (bytes.length % 4 !== 0 || bytes.length < HEADER_WORDS * 4)
    throw new Error('run item orders: truncated');
  const words = new Int32Array(bytes.length / 4);
  const view = Buffer.from(words.buffer);
  bytes.copy(view);
  if (!LITTLE_ENDIAN) view.swap32();
  const [, stored = 0, unchanged = 0, skippedLength = 0, offsetsLength = 0] = words;
  let at = HEADER_WORDS;
  const section = (length: number) => {
    if (at + length > words.length) throw new Error('run item orders: truncated');
    const xs = words.subarray(at, at + length);
    at += length;
    return xs;
  };
  // Gaps become places when an order is first asked for: a page reads one order, and the first
  // request of a run review (its code still cold) would otherwise walk all of them.
  const lazy = (gaps: Int32Array) => {
    let done = false;
    return () => {
      if (!done) {
        toPlaces(gaps);
        done = true;
      }
      return gaps;
    };
  };
  const name = lazy(section(stored));
  const action = lazy(section(stored));
  const status = lazy(section(stored));
  const skipped = lazy(section(skippedLength));
  const listOffsets = offsetsLength < 0 ? null : Array.from(toPlaces(section(offsetsLength)));
  const places = {
    get name() {
      return name();
    },
    get action() {
      return action();
    },
    get status() {
      return status();
    },
  };
  return {
    stored,
    unchanged,
    places,
    get skipped() {
      return skipped();
    },
    listOffsets,
  };
}

/** Gaps (each place minus the one before it, minus one) into places, in place. */
function toPlaces(xs: Int32Array): Int32Array {
  let last = -1;
  for (let i = 0; i < xs.length; i++) {
    last += (xs[i] as number) + 1;
    xs[i] = last;
  }
  return xs;
}

function decodeVarints(bytes: Buffer): ItemOrders {
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
  if (format !== 1 && format !== 2) throw new Error(`run item orders: unknown format ${format}`);
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
