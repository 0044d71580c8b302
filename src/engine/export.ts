/**
 * Run items as CSV or JSON — one format for the CLI's --out and the service's export, so a file
 * from either opens the same way in Excel.
 */
import { stringify } from 'csv-stringify/sync';
import type { AttrValue, RunItem } from '../core/index.ts';

const show = (v: AttrValue): string => (v === null ? '' : Array.isArray(v) ? v.join('; ') : String(v));

export const RUN_ITEM_COLUMNS = [
  'employeeNumber',
  'displayName',
  'action',
  'status',
  'accountId',
  'changes',
  'error',
  'steps',
] as const;

export function runItemsToCsv(items: readonly RunItem[]): string {
  const rows = items.map((i) => [
    i.employeeNumber,
    i.displayName,
    i.action,
    i.status,
    i.accountId ?? '',
    i.changes.map((c) => `${c.attribute}: ${show(c.old)} → ${show(c.new)}`).join('\n'),
    i.error ? `${i.error.code}: ${i.error.message}` : '',
    i.steps.map((s) => `${s.step} [${s.status}] ${s.message}`).join('\n'),
  ]);
  // A BOM lets Excel detect UTF-8, so names like Ëlif and Çelik survive.
  return `\uFEFF${stringify(rows, { header: true, columns: [...RUN_ITEM_COLUMNS] })}`;
}

export function runItemsToJson(items: readonly RunItem[]): string {
  return `${JSON.stringify(items, null, 2)}\n`;
}
