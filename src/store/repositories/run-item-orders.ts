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
  /**
   * The list's first chunk, deflated (run-person-list.ts): a run review's first page of everyone —
   * page 1 by name — finds its unchanged persons here, without reading the list (SQLite reads a
   * list of 50,000 persons whole, 1 MB, to cut a chunk from it). Absent in orders written before.
   */
  readonly firstChunk?: Uint8Array | null;
  /**
   * Where a run's stored items are kept in blocks (run_item_blocks, 0450): the block size and the
   * stored items' own action and status orders (what `pos_action` and `pos_status` were for rows).
   * Absent in orders written before, whose stored items are rows.
   */
  readonly items?: StoredOrders;
  /**
   * The names of the persons the run's items mention (`keptNamesText`), deflated: of its unchanged
   * persons and of its stored items. Kept here (format 7) so the first page of a run reads them as
   * ~40 KB of bytes with its orders and searches them without decoding them into a string; runs
   * recorded before keep them as text in `run_item_orders.unchanged_names` and `item_names` (a first
   * page read 137 KB of text at 50,000 persons: most of its orders' cost). Absent: not kept here.
   */
  readonly keptNames?: { readonly unchanged: Uint8Array; readonly items: Uint8Array | null };
}

/**
 * The stored items' action and status orders, each item as `rank × stored + seq` (its rank in that
 * order, its place in the name order): ascending, since within a rank the name order holds — kept as
 * gaps like the merged places, and the seq is the value modulo `stored`.
 */
export interface StoredOrders {
  /** Stored items per block, in the name order (seq): block `b` holds seqs [b × block, (b + 1) × block). */
  readonly block: number;
  readonly action: Int32Array;
  readonly status: Int32Array;
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
 * 32-bit words (reading varints byte by byte in not yet optimised code was most of a first request).
 * 4: the words in blocks of `BLOCK`, each deflated on its own behind a table of each block's first
 * value and size: a page inflates the one or two blocks it reads (8 KB), not every order of the run
 * (200 KB at 50,000 persons, most of the CPU left in a first request). 5: and the list's first chunk.
 * 6: and the stored items' block size and their own action and status orders (`StoredOrders`).
 * 7: and the names the items mention, deflated (`ItemOrders.keptNames`).
 */
const FORMAT = 3;
const HEADER_WORDS = 5;
const LITTLE_ENDIAN = endianness() === 'LE';
/**
 * Format 4's first word. Its first byte (7) can never start a raw-deflate stream (block type 3 is
 * reserved), which formats 1–3 are.
 */
const BLOCKED = 0x0407;
const BLOCKED_HEADER_WORDS = 6;
/** Format 5's first word, and its header: format 4's and the size of the list's first chunk (-1: none). */
const WITH_CHUNK = 0x0507;
const WITH_CHUNK_HEADER_WORDS = 7;
/** Format 6's first word, and its header: format 5's and the stored items' block size. */
const WITH_ITEMS = 0x0607;
const WITH_ITEMS_HEADER_WORDS = 8;
/** Format 7's first word, and its header: format 6's and the sizes of the kept names (-1: none). */
const WITH_NAMES = 0x0707;
const WITH_NAMES_HEADER_WORDS = 10;
const BLOCK = 2048;

/** Little-endian words as bytes. */
const wordBytes = (words: Int32Array): Buffer => {
  const bytes = Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  return LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap32();
};

/** An ascending sequence's values from `from` to `to` as gaps, the first from -1. */
function gapsOf(xs: Int32Array, from: number, to: number): Int32Array {
  const gaps = new Int32Array(to - from);
  let last = -1;
  for (let i = from; i < to; i++) {
    const x = xs[i] as number;
    gaps[i - from] = x - last - 1;
    last = x;
  }
  return gaps;
}

/**
 * Format 5 (6 with the stored items' orders, 7 with the kept names too): the words of the header, the
 * list's chunk boundaries and the block table, then the blocks, then the list's first chunk, then the
 * kept names (unchanged persons', stored items').
 */
export function encodeOrders(orders: ItemOrders): Buffer {
  const offsets = orders.listOffsets === null ? null : Int32Array.from(orders.listOffsets);
  const items = orders.items;
  const sections = [
    ...SORTS.map((s) => orders.places[s]),
    orders.skipped,
    ...(items ? [items.action, items.status] : []),
  ];
  const blocks: Buffer[] = [];
  const table: number[] = [];
  for (const xs of sections)
    for (let at = 0; at < xs.length; at += BLOCK) {
      const block = deflateRawSync(wordBytes(gapsOf(xs, at, Math.min(xs.length, at + BLOCK))));
      table.push(xs[at] as number, block.length);
      blocks.push(block);
    }
  const chunk = orders.firstChunk ?? null;
  const names = items ? orders.keptNames : undefined;
  const headerWords = names
    ? WITH_NAMES_HEADER_WORDS
    : items
      ? WITH_ITEMS_HEADER_WORDS
      : WITH_CHUNK_HEADER_WORDS;
  const head = new Int32Array(headerWords + (offsets?.length ?? 0) + table.length);
  head.set([
    names ? WITH_NAMES : items ? WITH_ITEMS : WITH_CHUNK,
    orders.stored,
    orders.unchanged,
    orders.skipped.length,
    offsets?.length ?? -1,
    BLOCK,
    chunk?.length ?? -1,
    ...(items ? [items.block] : []),
    ...(names ? [names.unchanged.length, names.items?.length ?? -1] : []),
  ]);
  if (offsets) head.set(offsets, headerWords);
  head.set(table, headerWords + (offsets?.length ?? 0));
  return Buffer.concat([
    wordBytes(head),
    ...blocks,
    ...(chunk ? [chunk] : []),
    ...(names ? [names.unchanged, ...(names.items ? [names.items] : [])] : []),
  ]);
}

/** Format 3, as runs recorded before keep it (and tests write it). */
export function encodeWordOrders(orders: ItemOrders): Buffer {
  const offsets = orders.listOffsets === null ? null : Int32Array.from(orders.listOffsets);
  const sections = [...SORTS.map((s) => orders.places[s]), orders.skipped, offsets ?? new Int32Array(0)];
  const words = new Int32Array(HEADER_WORDS + sections.reduce((n, xs) => n + xs.length, 0));
  words.set([FORMAT, orders.stored, orders.unchanged, orders.skipped.length, offsets?.length ?? -1]);
  let at = HEADER_WORDS;
  for (const xs of sections) {
    words.set(gapsOf(xs, 0, xs.length), at);
    at += xs.length;
  }
  return deflateRawSync(wordBytes(words));
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

/**
 * An ascending sequence as it is read: stored as gaps, turned into values only as far as a page asks
 * (a page of everyone near the start walks a few dozen of a run's 16,000 stored places, not all).
 */
/** An ascending sequence of places, read as far as asked for. */
export interface Places {
  readonly length: number;
  /** The value at `i` (< length). */
  at(i: number): number;
  /** The first index whose value is ≥ `value` (length when there is none). */
  lowerBound(value: number): number;
  /** Every value. */
  all(): Int32Array;
}

export class Ascending implements Places {
  readonly #xs: Int32Array;
  /** Values at [0, done) are known; the rest are still gaps. */
  #done: number;
  #last: number;

  /** `xs`: gaps (each value minus the one before it, minus one), or values when `decoded`. */
  constructor(xs: Int32Array, decoded = false) {
    this.#xs = xs;
    this.#done = decoded ? xs.length : 0;
    this.#last = decoded && xs.length > 0 ? (xs[xs.length - 1] as number) : -1;
  }

  get length(): number {
    return this.#xs.length;
  }

  /** The value at `i` (< length). */
  at(i: number): number {
    if (i >= this.#done) this.#until(i + 1, Number.MAX_SAFE_INTEGER);
    return this.#xs[i] as number;
  }

  /** The first index whose value is ≥ `value` (length when there is none). */
  lowerBound(value: number): number {
    if (this.#last < value) this.#until(this.#xs.length, value);
    const xs = this.#xs;
    let lo = 0;
    let hi = this.#done;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((xs[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Every value. */
  all(): Int32Array {
    this.#until(this.#xs.length, Number.MAX_SAFE_INTEGER);
    return this.#xs;
  }

  /** Gaps into values, in place, up to index `end` or up to the first value ≥ `value`. */
  #until(end: number, value: number): void {
    const xs = this.#xs;
    let done = this.#done;
    let last = this.#last;
    while (done < end && last < value) {
      last += (xs[done] as number) + 1;
      xs[done++] = last;
    }
    this.#done = done;
    this.#last = last;
  }
}

/** A run's orders as a page reads them: each order decoded only as far as asked for. */
export interface OrdersView
  extends Omit<ItemOrders, 'places' | 'skipped' | 'firstChunk' | 'items' | 'keptNames'> {
  readonly places: Readonly<Record<MergedSort, Places>>;
  readonly skipped: Places;
  readonly firstChunk: Uint8Array | null;
  /** The stored items' blocks and orders (format 6); null: the stored items are rows. */
  readonly items: StoredView | null;
  /** The kept names, deflated (format 7); null: kept in the orders row's text columns, if at all. */
  readonly keptNames: { readonly unchanged: Uint8Array; readonly items: Uint8Array | null } | null;
}

/** `StoredOrders` as a page reads them. */
export interface StoredView {
  readonly block: number;
  readonly action: Places;
  readonly status: Places;
}

/** The seq of the stored item at place `i` of a stored order (`StoredOrders`). */
export const seqAt = (order: Places, i: number, stored: number): number => order.at(i) % stored;

/** A run's orders, every order decoded. */
export function decodeOrders(data: Uint8Array): ItemOrders {
  const view = openOrders(data);
  const { name, action, status } = view.places;
  const items = view.items;
  return {
    stored: view.stored,
    unchanged: view.unchanged,
    places: { name: name.all(), action: action.all(), status: status.all() },
    skipped: view.skipped.all(),
    listOffsets: view.listOffsets,
    firstChunk: view.firstChunk,
    ...(items
      ? { items: { block: items.block, action: items.action.all(), status: items.status.all() } }
      : {}),
  };
}

/** A run's orders to be paged: no order is walked before a page asks for it, and then only as far as it needs. */
export function openOrders(data: Uint8Array): OrdersView {
  if (
    data[0] === (BLOCKED & 0xff) &&
    (data[1] === BLOCKED >> 8 ||
      data[1] === WITH_CHUNK >> 8 ||
      data[1] === WITH_ITEMS >> 8 ||
      data[1] === WITH_NAMES >> 8)
  )
    return openBlocks(data);
  const bytes = inflateRawSync(data);
  // Formats 1 and 2 start with their number as a varint, format 3 as a little-endian word.
  if (bytes[0] === FORMAT) return openWords(bytes);
  const orders = decodeVarints(bytes);
  return {
    stored: orders.stored,
    unchanged: orders.unchanged,
    places: {
      name: new Ascending(orders.places.name, true),
      action: new Ascending(orders.places.action, true),
      status: new Ascending(orders.places.status, true),
    },
    skipped: new Ascending(orders.skipped, true),
    listOffsets: orders.listOffsets,
    firstChunk: null,
    items: null,
    keptNames: null,
  };
}

/** Formats 4–6: the header and table read in place, each block inflated when a page first reads it. */
function openBlocks(data: Uint8Array): OrdersView {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const word = (i: number) => {
    if (4 * i + 4 > bytes.length) throw new Error('run item orders: truncated');
    return bytes.readInt32LE(4 * i);
  };
  const stored = word(1);
  const unchanged = word(2);
  const skippedLength = word(3);
  const offsetsLength = word(4);
  const block = word(5);
  const withNames = data[1] === WITH_NAMES >> 8;
  const withItems = withNames || data[1] === WITH_ITEMS >> 8;
  const withChunk = withItems || data[1] === WITH_CHUNK >> 8;
  const chunkLength = withChunk ? word(6) : -1;
  const itemBlock = withItems ? word(7) : 0;
  const unchangedNamesLength = withNames ? word(8) : -1;
  const itemNamesLength = withNames ? word(9) : -1;
  let at = withNames
    ? WITH_NAMES_HEADER_WORDS
    : withItems
      ? WITH_ITEMS_HEADER_WORDS
      : withChunk
        ? WITH_CHUNK_HEADER_WORDS
        : BLOCKED_HEADER_WORDS;
  let listOffsets: number[] | null = null;
  if (offsetsLength >= 0) {
    listOffsets = Array.from({ length: offsetsLength }, (_, i) => word(at + i));
    at += offsetsLength;
  }
  const lengths = [stored, stored, stored, skippedLength, ...(withItems ? [stored, stored] : [])];
  const tableWords = 2 * lengths.reduce((n, length) => n + Math.ceil(length / block), 0);
  let byte = 4 * (at + tableWords);
  const sections = lengths.map((length) => {
    const count = Math.ceil(length / block);
    const firsts = new Int32Array(count);
    const ranges: [number, number][] = [];
    for (let b = 0; b < count; b++) {
      firsts[b] = word(at++);
      const size = word(at++);
      ranges.push([byte, byte + size]);
      byte += size;
    }
    if (byte > bytes.length) throw new Error('run item orders: truncated');
    return new Blocks(length, block, firsts, (b) => {
      const [from, to] = ranges[b] as [number, number];
      return inflateRawSync(bytes.subarray(from, to));
    });
  });
  const [name, action, status, skipped, itemAction, itemStatus] = sections as Blocks[] as [
    Blocks,
    Blocks,
    Blocks,
    Blocks,
    Blocks | undefined,
    Blocks | undefined,
  ];
  if (chunkLength >= 0 && byte + chunkLength > bytes.length) throw new Error('run item orders: truncated');
  const firstChunk = chunkLength < 0 ? null : bytes.subarray(byte, byte + chunkLength);
  byte += Math.max(0, chunkLength);
  const items =
    itemAction && itemStatus ? { block: itemBlock, action: itemAction, status: itemStatus } : null;
  let keptNames: OrdersView['keptNames'] = null;
  if (unchangedNamesLength >= 0) {
    const end = byte + unchangedNamesLength + Math.max(0, itemNamesLength);
    if (end > bytes.length) throw new Error('run item orders: truncated');
    keptNames = {
      unchanged: bytes.subarray(byte, byte + unchangedNamesLength),
      items: itemNamesLength < 0 ? null : bytes.subarray(byte + unchangedNamesLength, end),
    };
  }
  return {
    stored,
    unchanged,
    places: { name, action, status },
    skipped,
    listOffsets,
    firstChunk,
    items,
    keptNames,
  };
}

/** Bytes of little-endian words as words, in place when aligned (inflated bytes are the reader's own). */
function wordsOf(bytes: Buffer): Int32Array {
  if (bytes.length % 4 !== 0) throw new Error('run item orders: truncated');
  if (bytes.byteOffset % 4 === 0) {
    if (!LITTLE_ENDIAN) bytes.swap32();
    return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  }
  const words = new Int32Array(bytes.length / 4);
  const view = Buffer.from(words.buffer);
  bytes.copy(view);
  if (!LITTLE_ENDIAN) view.swap32();
  return words;
}

/** An ascending sequence kept in blocks of gaps, each inflated and decoded when first read. */
class Blocks implements Places {
  readonly #decoded: (Ascending | undefined)[];

  constructor(
    readonly length: number,
    private readonly block: number,
    /** Each block's first value. */
    private readonly firsts: Int32Array,
    private readonly inflate: (b: number) => Buffer,
  ) {
    this.#decoded = new Array(firsts.length);
  }

  at(i: number): number {
    return this.#blockAt(Math.floor(i / this.block)).at(i % this.block);
  }

  lowerBound(value: number): number {
    // The blocks whose first value is below `value`: the answer lies in the last of them, or after it.
    const firsts = this.firsts;
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((firsts[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const b = lo - 1;
    const inBlock = this.#blockAt(b);
    const i = inBlock.lowerBound(value);
    return i < inBlock.length ? b * this.block + i : Math.min(this.length, lo * this.block);
  }

  all(): Int32Array {
    const xs = new Int32Array(this.length);
    for (let b = 0; b < this.firsts.length; b++) xs.set(this.#blockAt(b).all(), b * this.block);
    return xs;
  }

  #blockAt(b: number): Ascending {
    let decoded = this.#decoded[b];
    if (decoded === undefined) {
      const gaps = wordsOf(this.inflate(b));
      const expected = Math.min(this.block, this.length - b * this.block);
      if (gaps.length !== expected) throw new Error('run item orders: truncated');
      decoded = new Ascending(gaps);
      this.#decoded[b] = decoded;
    }
    return decoded;
  }
}

function openWords(bytes: Buffer): OrdersView {
  if (bytes.length < HEADER_WORDS * 4) throw new Error('run item orders: truncated');
  const words = wordsOf(bytes);
  const [, stored = 0, unchanged = 0, skippedLength = 0, offsetsLength = 0] = words;
  let at = HEADER_WORDS;
  const section = (length: number) => {
    if (at + length > words.length) throw new Error('run item orders: truncated');
    const xs = words.subarray(at, at + length);
    at += length;
    return new Ascending(xs);
  };
  const name = section(stored);
  const action = section(stored);
  const status = section(stored);
  const skipped = section(skippedLength);
  const listOffsets = offsetsLength < 0 ? null : Array.from(section(offsetsLength).all());
  return {
    stored,
    unchanged,
    places: { name, action, status },
    skipped,
    listOffsets,
    firstChunk: null,
    items: null,
    keptNames: null,
  };
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

/** The `rank`-th index (from 0) that is not in the ascending sequence `out`. */
function nthNotIn(out: Places, rank: number): number {
  // The smallest j with j = rank + |{x ∈ out : x ≤ j}| — reached from below, it is never in `out`.
  let j = rank;
  for (;;) {
    const next = rank + out.lowerBound(j + 1);
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
  orders: OrdersView,
  sort: MergedSort,
  from: number,
  to: number,
): { storedFrom: number; storedTo: number; slots: Slot[] } {
  const places = orders.places[sort];
  const storedFrom = places.lowerBound(from);
  const storedTo = places.lowerBound(to);
  // Only the status order reads the skipped persons (the others keep the list's own order).
  const skipped = sort === 'status' && orders.skipped.length > 0 ? orders.skipped : null;
  const listIndex = (u: number) =>
    skipped === null ? u : u < skipped.length ? skipped.at(u) : nthNotIn(skipped, u - skipped.length);
  const slots: Slot[] = [];
  let i = storedFrom;
  for (let p = from; p < to; p++) {
    if (i < storedTo && places.at(i) === p) slots.push({ stored: i++ });
    else slots.push({ unchanged: listIndex(p - i) });
  }
  return { storedFrom, storedTo, slots };
}
