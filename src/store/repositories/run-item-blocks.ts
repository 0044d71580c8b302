/**
 * A run's stored items in blocks (0450): the items of a run's seq range (name order), one item a line
 * as a JSON tuple (run-item-lines.ts), deflated together — one row per `ITEM_BLOCK` items instead of one row, four indexes
 * and thirteen columns per item. A page inflates the blocks it shows and parses only its own lines;
 * what pages and filters need without opening blocks (orders, ranks, names, employee numbers) is kept
 * beside the run's orders (run-item-orders.ts, `itemIndexText`).
 */
import { constants, createDeflateRaw, type DeflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { type KeptNames, keptLines, keptNamesText } from './run-item-refs.ts';

/**
 * Stored items per block. A page of a rare action's tile in name order reads one block per item
 * (a run's 250 conflicts among 16,500 stored items lie ~66 apart): at 32 a page of 50 inflates ~1 MB;
 * larger blocks compress a little better (64: 148 → 158 B an item at 32) but double that page.
 */
export const ITEM_BLOCK = 32;

/** A line's format (run-item-lines.ts), with the blocks that hold lines. */
export { itemLine, lineItem, readStep, type StoredStep } from './run-item-lines.ts';

/**
 * A block's bytes from its lines. Level 1: a run's blocks are ~10 MB of text; the default level
 * compressed them 15 % smaller for twice the CPU of the recording. (Compressing them on libuv's
 * threads instead, one call a block, doubled the recording's CPU and wall time.)
 */
export const encodeBlock = (lines: readonly string[]): Buffer =>
  deflateRawSync(lines.join('\n'), { level: 1 });

/** What a full flush ends with: an empty stored block, `00 00 ff ff` after its header's bits. */
const FULL_FLUSH_END = Buffer.from([0x00, 0x00, 0xff, 0xff]);
/** An empty final block (fixed codes): `1`, `01`, then the end-of-block code's seven zero bits. */
const LAST_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * A run's blocks deflated on libuv's thread pool while this thread makes the next block's text, one
 * block in flight at a time: one zlib stream for all of them, fully flushed after each block (no
 * reference crosses a full flush, so each block's bytes inflate on their own) and each block's bytes
 * closed by an empty final block, so what a block stores is a whole raw-deflate stream, read by
 * `ItemBlock` as one from `encodeBlock`. (A zlib call per block instead — each with its own state —
 * took twice the CPU of deflating on this thread.) A block whose bytes do not end as a full flush
 * does, which would mean its output was taken for the next block's, is made again by `encodeBlock`,
 * and so is every block after it.
 */
export class BlockEncoder {
  #stream: DeflateRaw | null = createDeflateRaw({ level: 1, flush: constants.Z_FULL_FLUSH });
  #parts: Buffer[] = [];
  #previous: Promise<void> = Promise.resolve();
  readonly #blocks: Buffer[] = [];
  /**
   * Two buffers the blocks' text is written into, taken in turn: one is read by zlib while the next
   * block's text is written into the other. (Joining the lines into one string first made a copy of
   * every block, twice its bytes when a line holds a character beyond Latin-1, ~20 MB at 50,000 persons,
   * and zlib then made its own UTF-8 copy.)
   */
  readonly #scratch: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0)];

  constructor() {
    this.#stream?.on('data', (chunk: Buffer) => this.#parts.push(chunk));
    // A failed write is told to its callback too, which falls back to `encodeBlock`.
    this.#stream?.on('error', () => {});
  }

  /** Queues the next block's lines, once the block before it is deflated. */
  async add(lines: readonly string[]): Promise<void> {
    // Written before waiting: the other buffer is free, its block is deflated already.
    const at = this.#blocks.length;
    const text = this.#stream === null ? null : this.#text(lines, at % 2);
    await this.#previous;
    const stream = this.#stream;
    if (stream === null || text === null) {
      this.#blocks.push(encodeBlock(lines));
      return;
    }
    this.#blocks.push(LAST_BLOCK);
    this.#previous = new Promise((resolve) => {
      stream.write(text, (error) => {
        const parts = this.#parts;
        this.#parts = [];
        const last = parts[parts.length - 1];
        const whole =
          !error &&
          last !== undefined &&
          last.length >= FULL_FLUSH_END.length &&
          last.subarray(last.length - FULL_FLUSH_END.length).equals(FULL_FLUSH_END);
        if (whole) this.#blocks[at] = Buffer.concat([...parts, LAST_BLOCK]);
        else {
          this.close();
          // Still this block's text: the buffer is written again only for the block after next.
          this.#blocks[at] = deflateRawSync(text, { level: 1 });
        }
        resolve();
      });
    });
  }

  /** The lines' UTF-8 text, a line break between two, in scratch buffer `which` (grown when short). */
  #text(lines: readonly string[], which: number): Buffer {
    // A UTF-16 code unit is at most three bytes of UTF-8.
    let most = lines.length;
    for (const line of lines) most += 3 * line.length;
    let buffer = this.#scratch[which] as Buffer;
    if (buffer.length < most) {
      buffer = Buffer.allocUnsafe(Math.max(most, 2 * buffer.length));
      this.#scratch[which] = buffer;
    }
    let end = 0;
    lines.forEach((line, i) => {
      if (i > 0) buffer[end++] = 10;
      end += buffer.write(line, end, 'utf8');
    });
    return buffer.subarray(0, end);
  }

  /** Every block's bytes, in the order they were added. */
  async blocks(): Promise<Buffer[]> {
    await this.#previous;
    this.close();
    return this.#blocks;
  }

  close(): void {
    this.#stream?.close();
    this.#stream = null;
  }
}

/**
 * A block as read: its text and where each line starts, found when first asked for. A page needs a
 * few lines of each block it reads (page 1 of a rare status: one line in each of 50 blocks), and
 * deflate's output comes in order: `reach(i)` inflates only about as much of the bytes as lines
 * 0…i take (their share of the block, with a margin), and the whole block when that prefix does
 * not hold line i complete — the lines are the same bytes either way.
 */
export class ItemBlock {
  readonly #data: Uint8Array;
  #text: Buffer | undefined;
  /** The text is the whole block's (else a prefix that may end inside a line). */
  #whole = false;
  #starts: number[] | undefined;

  constructor(data: Uint8Array) {
    this.#data = data;
  }

  /** Makes lines 0…i (as far as the block has them) readable, inflating no more than they need. */
  reach(i: number): void {
    if (this.#whole || this.#has(i)) return;
    const size = this.#data.length;
    // Lines are about the same size: line i ends near (i + 1) / ITEM_BLOCK of the bytes.
    const prefix = Math.ceil((size * (i + 1) * 1.25) / ITEM_BLOCK) + 512;
    if (this.#text === undefined && prefix < size * 0.75) {
      try {
        this.#text = inflateRawSync(this.#data.subarray(0, prefix), { finishFlush: constants.Z_SYNC_FLUSH });
        this.#starts = undefined;
        if (this.#has(i)) return;
      } catch {
        // A prefix that zlib cannot read so far: the whole block below.
      }
    }
    this.#inflateWhole();
  }

  /** The `i`-th line's text, or undefined past the block's end. */
  line(i: number): string | undefined {
    this.reach(i);
    const text = this.#text as Buffer;
    const starts = this.#lineStarts();
    const start = starts[i];
    if (start === undefined) return undefined;
    const next = starts[i + 1];
    return text.toString('utf8', start, next === undefined ? text.length : next - 1);
  }

  get length(): number {
    this.#inflateWhole();
    return this.#lineStarts().length;
  }

  #inflateWhole(): void {
    if (this.#whole) return;
    this.#text = inflateRawSync(this.#data);
    this.#whole = true;
    this.#starts = undefined;
  }

  /**
   * The lines (by index) whose text holds one of `written` as the line's JSON has it and, lowercased,
   * `lower` (each when given): a superset of the lines a changed-attribute or value filter matches,
   * found in the block's bytes and lowercased text without decoding or parsing the other lines one by
   * one. A line break is never part of either (JSON writes it `\n`), so each occurrence lies in one line.
   */
  linesHolding(written: readonly string[] | null, lower: string | null): number[] {
    this.#inflateWhole();
    const text = this.#text as Buffer;
    const count = this.#lineStarts().length;
    let lines: number[] | null = null;
    if (written !== null) {
      const starts = this.#lineStarts();
      const found = new Set<number>();
      for (const w of written)
        for (const i of occurrences(
          (from) => text.indexOf(w, from, 'utf8'),
          (at) => lineOf(starts, at),
        ))
          found.add(i);
      lines = [...found].sort((a, b) => a - b);
    }
    if (lower !== null && (lines === null || lines.length > 0)) {
      const lowered = text.toString('utf8').toLowerCase();
      const breaks: number[] = [0];
      for (let at = lowered.indexOf('\n'); at >= 0; at = lowered.indexOf('\n', at + 1)) breaks.push(at + 1);
      const found = occurrences(
        (from) => lowered.indexOf(lower, from),
        (at) => lineOf(breaks, at),
      );
      lines = lines === null ? found : lines.filter((i) => found.includes(i));
    }
    return lines ?? Array.from({ length: count }, (_, i) => i);
  }

  /** Line i is complete in the text inflated so far (a line break after it). */
  #has(i: number): boolean {
    return this.#text !== undefined && this.#lineStarts()[i + 1] !== undefined;
  }

  #lineStarts(): number[] {
    if (this.#starts) return this.#starts;
    const text = this.#text as Buffer;
    const starts = text.length === 0 ? [] : [0];
    for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) starts.push(at + 1);
    this.#starts = starts;
    return starts;
  }
}

/** The distinct lines of every occurrence `find` finds (ascending). */
function occurrences(find: (from: number) => number, line: (at: number) => number): number[] {
  const lines: number[] = [];
  for (let at = find(0); at >= 0; at = find(at + 1)) {
    const i = line(at);
    if (lines.at(-1) !== i) lines.push(i);
  }
  return lines;
}

/** The line that holds offset `at`, given the lines' start offsets (ascending, the first 0). */
function lineOf(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A run's index of its stored items, kept beside its orders: what the free-text filter, the merged
 * listings of filtered pages, `names()` and the overrides' names need without opening blocks — each
 * item's employee number, display name, seq (name order), action rank and status rank.
 */
export type IndexEntry = readonly [string, string, number, number, number];

/**
 * One entry a line in employee number order (as kept names are, run-item-refs.ts): a name is found
 * by a binary search over the lines; the whole index is parsed only by a filter that reads it all.
 */
export const encodeItemIndex = (entries: IndexEntry[]): Buffer =>
  deflateRawSync(keptNamesText(entries), { level: 1 });

export interface ItemIndex extends KeptNames {
  /** Every entry, by seq. */
  bySeq(): readonly IndexEntry[];
}

export function openItemIndex(data: Uint8Array): ItemIndex {
  const bytes = inflateRawSync(data);
  const names = keptLines(bytes);
  let bySeq: IndexEntry[] | undefined;
  return {
    get: (n) => names.get(n),
    bySeq() {
      if (bySeq) return bySeq;
      const entries = JSON.parse(bytes.toString('utf8')) as IndexEntry[];
      bySeq = new Array(entries.length);
      for (const e of entries) bySeq[e[2]] = e;
      return bySeq;
    },
  };
}
