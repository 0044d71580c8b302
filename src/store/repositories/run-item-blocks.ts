/**
 * A run's stored items in blocks (0450): the items of a run's seq range (name order), one item a line
 * as a JSON tuple (run-item-lines.ts), deflated together — one row per `ITEM_BLOCK` items instead of one row, four indexes
 * and thirteen columns per item. A page inflates the blocks it shows and parses only its own lines;
 * what pages and filters need without opening blocks (orders, ranks, names, employee numbers) is kept
 * beside the run's orders (run-item-orders.ts, `itemIndexText`).
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
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
 * A block's bytes from its lines, one zlib call each, on the thread that makes the lines. Level 1: a
 * run's blocks are ~10 MB of text; the default level compressed them 15 % smaller for twice the CPU of
 * the recording. One zlib stream on libuv's thread pool, fully flushed after each block while the next
 * one's lines were made, cost more in its hand-offs than it overlapped: a 50,000-person run's 517
 * blocks took 88 ms (93 ms of CPU) that way and 61 ms (66 ms) so, and recording the run ~55 ms more
 * (medians of 12 and 6, 2026-12-07, idle).
 */
export const encodeBlock = (lines: readonly string[]): Buffer =>
  deflateRawSync(lines.join('\n'), { level: 1 });

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
