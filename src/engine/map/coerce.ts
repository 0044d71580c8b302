/**
 * Expressions produce strings; targets have typed attributes. Coerce each mapped value to the target
 * attribute's type so comparing with what the target holds is exact (no "True" vs true churn, which
 * would break invariant 3: an unchanged source makes zero writes).
 */
import type { AttrValue } from '../../core/index.ts';

export type AttributeType = 'string' | 'boolean' | 'string[]' | 'datetime';

const DATETIMES_KEPT = 50_000;
const datetimes = new Map<string, string>();

export function coerce(value: AttrValue, type: AttributeType): AttrValue {
  if (value === null) return null;
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        // What expressions answer (VB's True/False): no lower-cased copy per person and rule.
        if (value === 'True' || value === 'true') return true;
        if (value === 'False' || value === 'false') return false;
        const v = value.trim().toLowerCase();
        if (v === 'true' || v === '1') return true;
        if (v === 'false' || v === '0') return false;
        return v === '' ? null : value;
      }
      return typeof value === 'number' ? value !== 0 : value;
    case 'string[]': {
      if (!Array.isArray(value)) {
        const s = String(value).trim();
        return s === '' ? [] : [s];
      }
      // An expression's list comes frozen and nearly always clean already: then it is the answer.
      if (Object.isFrozen(value) && isClean(value)) return value;
      return value.map((s) => s.trim()).filter((s) => s !== '');
    }
    case 'datetime': {
      const s = Array.isArray(value) ? (value[0] ?? '') : String(value).trim();
      if (s === '') return null;
      // What the normaliser gives (and Graph stores) is its own answer: no lookup in the memo below,
      // which holds thousands of dates in a large company (one per distinct hire date).
      if (isCanonicalInstant(s)) return s;
      // A company has few distinct dates, and each is coerced once per person: remember them.
      const known = datetimes.get(s);
      if (known !== undefined) return known;
      // Graph returns DateTimeOffset values as `YYYY-MM-DDTHH:mm:ssZ`; normalise to that form.
      const ms = Date.parse(s);
      const iso = Number.isNaN(ms) ? s : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
      if (datetimes.size >= DATETIMES_KEPT) datetimes.clear();
      datetimes.set(s, iso);
      return iso;
    }
    case 'string': {
      if (typeof value === 'string') {
        const trimmed = value.trim();
        return trimmed === '' ? null : trimmed;
      }
      const s = Array.isArray(value) ? value.join(',') : String(value);
      const trimmed = s.trim();
      return trimmed === '' ? null : trimmed;
    }
  }
}

/** Every value trimmed and none empty (trim() hands back the same string when there is nothing to trim). */
function isClean(list: readonly string[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as string;
    if (s === '' || s.trim() !== s) return false;
  }
  return true;
}

/** Digits at s[from], s[from + 1] as a number, or -1. */
function twoDigits(s: string, from: number): number {
  const a = s.charCodeAt(from) - 48;
  const b = s.charCodeAt(from + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Whether `s` is `YYYY-MM-DDTHH:mm:ssZ` naming a real instant (month 1–12, a day the month has, hour
 * 0–23, minutes and seconds 0–59): then Date.parse and toISOString would hand back `s` itself.
 */
function isCanonicalInstant(s: string): boolean {
  if (
    s.length !== 20 ||
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 90 // Z
  )
    return false;
  const century = twoDigits(s, 0);
  const yy = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return false;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const year = century * 100 + yy;
  return day <= (DAYS_IN_MONTH[month - 1] as number) || (month === 2 && day === 29 && leap(year));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const leap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
