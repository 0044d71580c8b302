/**
 * A run's stored items in blocks (0450): the items of a run's seq range (name order), one item a line
 * as a JSON tuple, deflated together — one row per `ITEM_BLOCK` items instead of one row, four indexes
 * and thirteen columns per item. A page inflates the blocks it shows and parses only its own lines;
 * what pages and filters need without opening blocks (orders, ranks, names, employee numbers) is kept
 * beside the run's orders (run-item-orders.ts, `itemIndexText`).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Action, ItemStatus, RunItem, RunStep, StepReason } from '../../core/index.ts';
import { type KeptNames, keptNames, keptNamesText } from './run-item-refs.ts';

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

/** A block as read: its text and where each line starts, found when first asked for. */
export class ItemBlock {
  readonly #text: Buffer;
  #starts: number[] | undefined;

  constructor(data: Uint8Array) {
    this.#text = inflateRawSync(data);
  }

  /** The `i`-th line's text, or undefined past the block's end. */
  line(i: number): string | undefined {
    const starts = this.#lineStarts();
    const start = starts[i];
    if (start === undefined) return undefined;
    const next = starts[i + 1];
    return this.#text.toString('utf8', start, next === undefined ? this.#text.length : next - 1);
  }

  get length(): number {
    return this.#lineStarts().length;
  }

  #lineStarts(): number[] {
    if (this.#starts) return this.#starts;
    const starts = this.#text.length === 0 ? [] : [0];
    for (let at = this.#text.indexOf(10); at >= 0; at = this.#text.indexOf(10, at + 1)) starts.push(at + 1);
    this.#starts = starts;
    return starts;
  }
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
  const text = inflateRawSync(data).toString('utf8');
  const names = keptNames(text);
  let bySeq: IndexEntry[] | undefined;
  return {
    get: (n) => names.get(n),
    bySeq() {
      if (bySeq) return bySeq;
      const entries = JSON.parse(text) as IndexEntry[];
      bySeq = new Array(entries.length);
      for (const e of entries) bySeq[e[2]] = e;
      return bySeq;
    },
  };
}
