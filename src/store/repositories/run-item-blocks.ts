/**
 * A run's stored items in blocks (0450): the items of a run's seq range (name order), one item a line
 * as a JSON tuple, deflated together — one row per `ITEM_BLOCK` items instead of one row, four indexes
 * and thirteen columns per item. A page inflates the blocks it shows and parses only its own lines;
 * what pages and filters need without opening blocks (orders, ranks, names, employee numbers) is kept
 * beside the run's orders (run-item-orders.ts, `itemIndexText`).
 */
import { Worker } from 'node:worker_threads';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Action, ItemStatus, RunItem, RunStep, StepReason } from '../../core/index.ts';
import { type KeptNames, keptLines, keptNamesText } from './run-item-refs.ts';

/**
 * Stored items per block. A page of a rare action's tile in name order reads one block per item
 * (a run's 250 conflicts among 16,500 stored items lie ~66 apart): at 32 a page of 50 inflates ~1 MB;
 * larger blocks compress a little better (64: 148 → 158 B an item at 32) but double that page.
 */
export const ITEM_BLOCK = 32;

/**
 * A step as stored: `[step, status, reason]` for a step with a reason — the code and its parameters
 * only, since the words and the detail behind them (`stepDetail`) are made from the reason where
 * shown; the engine's text was most of a stored item — and `[step, status, message]` for a step
 * without one. A tuple, not an object: the keys were a quarter of a row's steps (a warm 20,000-person
 * simulation: 723 → 543 B per stored item). Rows written before hold step objects, read as they are.
 */
export type StoredStep = readonly [RunStep['step'], ItemStatus, string | StepReason];

export const readStep = (s: StoredStep | RunStep): RunStep => {
  if (!Array.isArray(s)) return s as RunStep;
  const [step, status, why] = s as StoredStep;
  return typeof why === 'string'
    ? { step, status, message: why }
    : { step, status, message: '', reason: why };
};

/** A stored item's line: `[employeeNumber, displayName, action, status, accountId, changes, steps, error]`. */
type Line = readonly [
  string,
  string,
  Action,
  ItemStatus,
  string | null,
  RunItem['changes'],
  readonly StoredStep[],
  RunItem['error'],
];

/**
 * One JSON text for the whole tuple (a 50,000-person run's 16,500 stored items: ~180 ms, where
 * stringifying its parts one by one and joining them took ~350 ms). JSON never holds a raw line
 * break, so a line is one item whatever its names hold.
 */
export function itemLine(item: RunItem): string {
  const steps = item.steps.map((s) => [s.step, s.status, s.reason ?? s.message ?? null]);
  return JSON.stringify([
    item.employeeNumber,
    item.displayName,
    item.action,
    item.status,
    item.accountId,
    item.changes,
    steps,
    item.error,
  ]);
}

export function lineItem(text: string): RunItem {
  const [employeeNumber, displayName, action, status, accountId, changes, steps, error] = JSON.parse(
    text,
  ) as Line;
  return {
    employeeNumber,
    displayName,
    action,
    status,
    accountId,
    changes: changes ?? [],
    steps: (steps ?? []).map(readStep),
    error: error ?? null,
  };
}

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
 * The deflating thread's code (plain JavaScript: it needs no loader). Per job — one run's blocks —
 * one zlib stream, fully flushed after each block (no reference crosses a full flush, so each block's
 * bytes inflate on their own) and each block's bytes closed by an empty final block, so what a block
 * stores is a whole raw-deflate stream, read by `ItemBlock` as one from `encodeBlock`. A block whose
 * bytes do not end as a full flush does, which would mean its output was taken for the next block's,
 * is made again as `encodeBlock` makes it, and so is every block after it. When the job is done, its
 * blocks go back as one buffer and where each ends.
 */
const DEFLATER = `
const { parentPort } = require('node:worker_threads');
const { constants, createDeflateRaw, deflateRawSync } = require('node:zlib');
const FULL_FLUSH_END = Buffer.from(${JSON.stringify([...FULL_FLUSH_END])});
const LAST_BLOCK = Buffer.from(${JSON.stringify([...LAST_BLOCK])});
const jobs = new Map();
function deflate(job, text) {
  // A block's text in the job's ring (a place and a length), or a buffer of its own (a large block).
  if (!(text instanceof Uint8Array)) text = Buffer.from(job.ring, text[0], text[1]);
  const at = job.blocks.length;
  job.blocks.push(LAST_BLOCK);
  const stream = job.stream;
  if (stream === null) {
    job.blocks[at] = deflateRawSync(text, { level: 1 });
    Atomics.add(job.done, 0, 1);
    Atomics.notify(job.done, 0);
    return;
  }
  return new Promise((resolve) => {
    stream.write(text, (error) => {
      // Its place in the ring is free again (zlib has read it).
      Atomics.add(job.done, 0, 1);
      Atomics.notify(job.done, 0);
      const parts = job.parts;
      job.parts = [];
      const last = parts[parts.length - 1];
      const whole = !error && last !== undefined && last.length >= FULL_FLUSH_END.length &&
        last.subarray(last.length - FULL_FLUSH_END.length).equals(FULL_FLUSH_END);
      if (whole) job.blocks[at] = Buffer.concat([...parts, LAST_BLOCK]);
      else {
        stream.close();
        job.stream = null;
        job.blocks[at] = deflateRawSync(text, { level: 1 });
      }
      resolve();
    });
  });
}
function finish(id, job) {
  jobs.delete(id);
  job.stream?.close();
  let size = 0;
  for (const b of job.blocks) size += b.length;
  const data = new Uint8Array(size);
  const ends = new Int32Array(job.blocks.length);
  let end = 0;
  job.blocks.forEach((b, i) => {
    data.set(b, end);
    end += b.length;
    ends[i] = end;
  });
  parentPort.postMessage({ id, data, ends }, [data.buffer, ends.buffer]);
}
parentPort.on('message', (m) => {
  let job = jobs.get(m.id);
  if (job === undefined) {
    const stream = createDeflateRaw({ level: 1, flush: constants.Z_FULL_FLUSH });
    const made = { stream, parts: [], blocks: [], ring: m.ring, done: new Int32Array(m.progress), chain: Promise.resolve() };
    stream.on('data', (chunk) => made.parts.push(chunk));
    // A failed write is told to its callback too, which falls back to deflateRawSync.
    stream.on('error', () => {});
    jobs.set(m.id, made);
    job = made;
  }
  const j = job;
  for (const text of m.texts) j.chain = j.chain.then(() => deflate(j, text));
  if (m.last) j.chain = j.chain.then(() => finish(m.id, j));
});
`;

/** A block's text: a place and a length in its job's ring, or (a large block) a buffer of its own. */
type Text = readonly [number, number] | Uint8Array;

/** What a job tells the deflating thread: its ring (with its first blocks), more blocks, the last. */
interface JobMessage {
  readonly id: number;
  readonly texts: readonly Text[];
  readonly last: boolean;
  readonly ring?: SharedArrayBuffer;
  /** One 32-bit count, over shared memory: the blocks the thread has read (their places are free). */
  readonly progress?: SharedArrayBuffer;
}

interface Deflated {
  readonly data: Uint8Array;
  readonly ends: Int32Array;
}

/**
 * The thread that deflates blocks, made when first needed and kept (a few MB); it keeps the process
 * alive only while a job is waiting for it. When it fails, every job waiting for it fails (its blocks
 * are made again here) and the next job starts a new one.
 */
class Deflater {
  readonly #thread = new Worker(DEFLATER, { eval: true });
  readonly #waiting = new Map<number, { resolve: (d: Deflated) => void; reject: (e: Error) => void }>();
  #failed: Error | null = null;

  constructor() {
    this.#thread.unref();
    this.#thread.on('message', (m: Deflated & { id: number }) => {
      this.#waiting.get(m.id)?.resolve(m);
      this.#waiting.delete(m.id);
      if (this.#waiting.size === 0) this.#thread.unref();
    });
    const fail = (error: Error) => {
      this.#failed = error;
      if (deflater === this) deflater = null;
      for (const w of this.#waiting.values()) w.reject(error);
      this.#waiting.clear();
    };
    this.#thread.on('error', fail);
    this.#thread.on('exit', (code) => fail(new Error(`the deflating thread exited (${code})`)));
  }

  post(message: JobMessage): void {
    if (this.#failed) return;
    this.#thread.postMessage(
      message,
      message.texts.flatMap((t) => (t instanceof Uint8Array ? [t.buffer as ArrayBuffer] : [])),
    );
  }

  /** The job's blocks, once the thread has deflated them all (after `post(…, true)`). */
  result(id: number): Promise<Deflated> {
    if (this.#failed) return Promise.reject(this.#failed);
    this.#thread.ref();
    return new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
  }
}

let deflater: Deflater | null = null;
let jobs = 0;

/** Places for block texts in a job's ring, and the bytes of each: ~2 MB of shared memory a job. */
const RING_PLACES = 16;
const PLACE_BYTES = 128 * 1024;
/** How long `add` waits for the thread to free a place before it gives up on it. */
const RING_WAIT_MS = 30_000;

/**
 * A run's blocks deflated on another thread while this one makes the next blocks' lines: `add` only
 * writes a block's text into a ring of shared memory and tells the thread where, so making the lines
 * never waits for zlib (unless it is 16 blocks ahead), and the rest of the record is made here while
 * the last blocks deflate. (Before, one block at a time went to libuv's thread pool through a stream
 * on this thread, which waited for each block's turn of its event loop: ~100 ms of a 50,000-person
 * record.) The ring bounds the memory in flight; a block larger than a place is moved over in a buffer
 * of its own. The bytes are those the stream made here.
 */
export class BlockEncoder {
  readonly #id = ++jobs;
  readonly #deflater: Deflater;
  readonly #ring = new SharedArrayBuffer(RING_PLACES * PLACE_BYTES);
  readonly #progress = new Int32Array(new SharedArrayBuffer(4));
  #count = 0;
  #batch: Text[] = [];
  #started = false;
  /** A large block's text is written here first, then copied to a buffer of its own to hand over. */
  #scratch = Buffer.alloc(0);

  constructor() {
    deflater ??= new Deflater();
    this.#deflater = deflater;
  }

  /** Hands the next block's lines over (throws when the thread stopped reading them). */
  add(lines: readonly string[]): void {
    // A UTF-16 code unit is at most three bytes of UTF-8.
    let most = lines.length;
    for (const line of lines) most += 3 * line.length;
    if (most <= PLACE_BYTES) {
      const place = (this.#count % RING_PLACES) * PLACE_BYTES;
      this.#waitForPlace();
      const end = writeLines(Buffer.from(this.#ring, place, PLACE_BYTES), lines);
      this.#batch.push([place, end]);
    } else {
      if (this.#scratch.length < most) this.#scratch = Buffer.allocUnsafe(most);
      const end = writeLines(this.#scratch, lines);
      const own = new Uint8Array(end);
      own.set(this.#scratch.subarray(0, end));
      this.#batch.push(own);
    }
    this.#count++;
    // A few blocks a message: the thread starts on the first at once, and messages stay few.
    if (this.#batch.length === 4) this.#flush(false);
  }

  /** Until the place of the block `RING_PLACES` back is read (every block before it was sent). */
  #waitForPlace(): void {
    const behind = this.#count - RING_PLACES;
    if (behind < 0 || Atomics.load(this.#progress, 0) > behind) return;
    this.#flush(false);
    const until = performance.now() + RING_WAIT_MS;
    for (let read = Atomics.load(this.#progress, 0); read <= behind; read = Atomics.load(this.#progress, 0)) {
      const left = until - performance.now();
      if (left <= 0) throw new Error('the deflating thread stopped reading blocks');
      Atomics.wait(this.#progress, 0, read, left);
    }
  }

  #flush(last: boolean): void {
    if (this.#batch.length === 0 && !last) return;
    const first = this.#started
      ? {}
      : { ring: this.#ring, progress: this.#progress.buffer as SharedArrayBuffer };
    this.#started = true;
    this.#deflater.post({ id: this.#id, texts: this.#batch, last, ...first });
    this.#batch = [];
  }

  /** Every block's bytes, in the order they were added (rejects when the thread failed). */
  async blocks(): Promise<Buffer[]> {
    this.#flush(true);
    const { data, ends } = await this.#deflater.result(this.#id);
    if (ends.length !== this.#count) throw new Error('the deflating thread lost blocks');
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return Array.from(ends, (end, i) => bytes.subarray(i === 0 ? 0 : (ends[i - 1] as number), end));
  }
}

/** The lines' UTF-8 text, a line break between two, written at the start of `buffer`; its length. */
function writeLines(buffer: Buffer, lines: readonly string[]): number {
  let end = 0;
  lines.forEach((line, i) => {
    if (i > 0) buffer[end++] = 10;
    end += buffer.write(line, end, 'utf8');
  });
  return end;
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
   * The lines (by index) whose text holds `written` as the line's JSON has it and, lowercased, `lower`
   * (each when given): a superset of the lines a changed-attribute or value filter matches, found in
   * the block's bytes and lowercased text without decoding or parsing the other lines one by one. A
   * line break is never part of either (JSON writes it `\n`), so each occurrence lies in one line.
   */
  linesHolding(written: string | null, lower: string | null): number[] {
    this.#inflateWhole();
    const text = this.#text as Buffer;
    const count = this.#lineStarts().length;
    let lines: number[] | null = null;
    if (written !== null) {
      const starts = this.#lineStarts();
      lines = occurrences(
        (from) => text.indexOf(written, from, 'utf8'),
        (at) => lineOf(starts, at),
      );
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
