import type { AfasDataType, AfasRow } from '../demo-data/types.ts';
import { unexpected } from './profit-error.ts';

export type Cell = AfasRow[string];
/** A cell as Profit compares it: text, a number, a boolean, a `YYYY-MM-DDTHH:mm:ss` date, or empty. */
export type Typed = string | number | boolean | null;

// Profit runs on SQL Server with a case-insensitive, accent-sensitive collation.
const collator = new Intl.Collator('nl', { sensitivity: 'accent' });
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?Z?$/;

export function toTyped(dataType: AfasDataType, raw: Cell | undefined): Typed {
  if (raw === undefined || raw === null || raw === '') return null;
  switch (dataType) {
    case 'string':
      return String(raw);
    case 'int':
    case 'decimal': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      return Number.isFinite(n) ? n : null;
    }
    case 'date':
      return typeof raw === 'string' ? dateKey(raw) : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : parseBoolean(String(raw));
  }
}

/** The JSON value Profit sends: null when empty, dates as `YYYY-MM-DDTHH:mm:ssZ` (the Z is not UTC). */
export function renderCell(dataType: AfasDataType, raw: Cell | undefined): Typed {
  if (dataType === 'date' && typeof raw === 'string' && raw !== '') {
    const key = dateKey(raw);
    return key === null ? raw : `${key}Z`;
  }
  return toTyped(dataType, raw);
}

/** Empty sorts first, as in SQL Server. */
export function compareTyped(a: Typed, b: Typed): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : -1) : 1;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Number(a) - Number(b);
}

/** The key under which equal values meet, for the equality operator and the lookup index. */
export function equalityKey(value: Typed): string {
  if (value === null) return '\u0000';
  return typeof value === 'string' ? value.toLowerCase() : String(value);
}

/** The text the string operators (contains, starts with, …) look at. */
export function textOf(value: Typed): string {
  return value === null ? '' : String(value).toLowerCase();
}

/** Reads a filter value in the field's type; an empty value means "empty". */
export function parseFilterValue(dataType: AfasDataType, fieldId: string, text: string): Typed {
  if (text === '') return null;
  const typed = dataType === 'string' ? text : toTyped(dataType, text);
  const wellFormed =
    dataType === 'int' || dataType === 'decimal' ? /^[-+]?(?:\d+\.?\d*|\.\d+)$/.test(text) : typed !== null;
  if (!wellFormed)
    throw unexpected(`filter value '${text}' is not a valid ${dataType} for field '${fieldId}'`);
  return typed;
}

function dateKey(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

function parseBoolean(text: string): boolean | null {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return null;
}
