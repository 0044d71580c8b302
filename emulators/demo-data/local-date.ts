/**
 * Calendar dates as whole days since 1970-01-01, so the generator can add and compare dates with
 * plain arithmetic; they become `YYYY-MM-DD` only when rows are written. AFAS dates are Amsterdam
 * local dates, so nothing here may pass through a UTC instant.
 */
import { DateTime } from 'luxon';

export type Day = number;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(text: string): boolean {
  const m = LOCAL_DATE.exec(text);
  if (!m) return false;
  return formatDay(parseDay(text)) === text;
}

export function parseDay(text: string): Day {
  const m = LOCAL_DATE.exec(text);
  if (!m) throw new RangeError(`expected a date YYYY-MM-DD, got "${text}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days 1900-01-01 … 2099-12-31 are cached: a large company writes the same dates half a million times. */
const CACHE_FROM = -25_567;
const CACHE_SIZE = 73_049;
const formatted: (string | undefined)[] = new Array(CACHE_SIZE);
const midnights: (string | undefined)[] = new Array(CACHE_SIZE);

export function formatDay(day: Day): string {
  const slot = day - CACHE_FROM;
  if (slot < 0 || slot >= CACHE_SIZE) return civilFromDays(day);
  let text = formatted[slot];
  if (text === undefined) {
    text = civilFromDays(day);
    formatted[slot] = text;
  }
  return text;
}

/** Howard Hinnant's civil-from-days: plain arithmetic, no Date object. */
function civilFromDays(day: Day): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Today's calendar date in Amsterdam, where AFAS keeps its dates. */
export function todayInAmsterdam(): string {
  return DateTime.now().setZone('Europe/Amsterdam').toISODate() ?? new Date().toISOString().slice(0, 10);
}

/** 0 = Sunday; 1970-01-01 was a Thursday. */
const weekday = (day: Day) => (((day + 4) % 7) + 7) % 7;

function lastSunday(year: number, month: number): Day {
  const lastOfMonth = Date.UTC(year, month, 0) / 86_400_000;
  return lastOfMonth - weekday(lastOfMonth);
}

const summerCache = new Map<number, readonly [Day, Day]>();

/**
 * The EU summer-time window: clocks go forward on the last Sunday of March and back on the last
 * Sunday of October (September before 1996). At local midnight of the spring Sunday it is still
 * winter time and at local midnight of the autumn Sunday still summer time, hence (start, end].
 */
function summerWindow(year: number): readonly [Day, Day] {
  let window = summerCache.get(year);
  if (!window) {
    window = [lastSunday(year, 3), lastSunday(year, year < 1996 ? 9 : 10)];
    summerCache.set(year, window);
  }
  return window;
}

/**
 * The UTC instant at which a date begins in Amsterdam, as Graph stores date-times
 * (`2024-07-01` → `2024-06-30T22:00:00Z`). Computed, not looked up with luxon: it runs per account.
 */
export function amsterdamMidnightUtc(day: Day): string {
  const slot = day - CACHE_FROM;
  const cached = slot >= 0 && slot < CACHE_SIZE ? midnights[slot] : undefined;
  if (cached !== undefined) return cached;
  const year = Number(formatDay(day).slice(0, 4));
  const [start, end] = summerWindow(year);
  const summer = day > start && day <= end;
  const text = `${formatDay(day - 1)}T${summer ? '22' : '23'}:00:00Z`;
  if (slot >= 0 && slot < CACHE_SIZE) midnights[slot] = text;
  return text;
}

/** A time of day on a date as a UTC instant string, for created/modified stamps. */
export function instantOn(day: Day, secondsIntoDay: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(secondsIntoDay)));
  return `${formatDay(day)}T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}Z`;
}
