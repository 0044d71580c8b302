/**
 * Run items as CSV or JSON — one format for the CLI's --out and the service's export, so a file
 * from either opens the same way in Excel.
 */
import { stringify } from 'csv-stringify/sync';
import type { AttrValue, RunItem, RunStep } from '../core/index.ts';

/**
 * A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel,
 * LibreOffice and Google Sheets (`=HYPERLINK(…)` from a connection name would become a live link).
 * Such cells get a leading apostrophe, which the spreadsheet shows as text and does not evaluate.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Every CSV hrsync writes goes through here: a BOM so Excel detects UTF-8 (names like Ëlif and
 * Çelik survive) and formula neutralisation of every cell, numbers included.
 */
export function toSafeCsv(rows: readonly (readonly unknown[])[], columns: readonly string[]): string {
  const cell = (v: unknown): string => neutraliseCell(v === null || v === undefined ? '' : String(v));
  const body = stringify(
    rows.map((r) => r.map(cell)),
    { header: true, columns: columns.map(cell) },
  );
  return `\uFEFF${body}`;
}

/**
 * The same CSV as `toSafeCsv`, in pieces for an export that is written as it is read: the BOM and
 * header line once, then the rows of each batch (a row's text does not depend on the others).
 */
export function safeCsvHeader(columns: readonly string[]): string {
  return `\uFEFF${stringify([], { header: true, columns: columns.map(safeCell) })}`;
}

export function safeCsvRows(rows: readonly (readonly unknown[])[]): string {
  return rows.length === 0 ? '' : stringify(rows.map((r) => r.map(safeCell)));
}

const safeCell = (v: unknown): string => neutraliseCell(v === null || v === undefined ? '' : String(v));

const show = (v: AttrValue): string => (v === null ? '' : Array.isArray(v) ? v.join('; ') : String(v));

export const RUN_ITEM_COLUMNS = [
  'employeeNumber',
  'displayName',
  'action',
  'status',
  'reason',
  'accountId',
  'changes',
  'error',
  'steps',
  'stepDetails',
] as const;

/**
 * How a step reads: the plain words of contracts/item-reasons.ts, passed in by the caller (the engine
 * does not import the API contracts). The step's raw detail goes in its own column.
 */
export interface StepText {
  readonly words: (step: RunStep, item: RunItem) => string;
  readonly detail: (step: RunStep) => string;
  readonly reason: (item: RunItem) => string;
}

function runItemRow(i: RunItem, text: StepText): readonly unknown[] {
  return [
    i.employeeNumber,
    i.displayName,
    i.action,
    i.status,
    text.reason(i),
    i.accountId ?? '',
    i.changes.map((c) => `${c.attribute}: ${show(c.old)} → ${show(c.new)}`).join('\n'),
    i.error ? `${i.error.code}: ${i.error.message}` : '',
    i.steps.map((s) => `${s.step} [${s.status}] ${text.words(s, i)}`).join('\n'),
    i.steps.map((s) => `${s.step} [${s.status}] ${text.detail(s)}`).join('\n'),
  ];
}

export function runItemsToCsv(items: readonly RunItem[], text: StepText): string {
  return toSafeCsv(
    items.map((i) => runItemRow(i, text)),
    RUN_ITEM_COLUMNS,
  );
}

/** Rows of `runItemsToCsv` without its BOM and header (`safeCsvHeader(RUN_ITEM_COLUMNS)`): one batch of an export. */
export function runItemCsvRows(items: readonly RunItem[], text: StepText): string {
  return safeCsvRows(items.map((i) => runItemRow(i, text)));
}

export function runItemsToJson(items: readonly RunItem[]): string {
  return `${JSON.stringify(items, null, 2)}\n`;
}
