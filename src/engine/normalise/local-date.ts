/**
 * AFAS renders dates as `YYYY-MM-DDT00:00:00Z`, but the `Z` lies: they are Amsterdam local dates.
 * We therefore keep them as plain calendar dates and only turn them into instants at the edge,
 * in the connection's time zone. Everything here is pure arithmetic on `YYYY-MM-DD` strings.
 */
import { DateTime } from 'luxon';
import type { LocalDate } from '../../core/index.ts';

/** Reads an AFAS date value (`YYYY-MM-DD…`) as a local date, or null when empty or not a date. */
export function toLocalDate(value: unknown): LocalDate | null {
  if (typeof value !== 'string' || dateNumber(value) < 0) return null;
  return value.length === 10 ? value : value.slice(0, 10);
}

/**
 * The local date a value starts with as the number YYYYMMDD (equal numbers, equal dates), or -1 when
 * it does not start with `YYYY-MM-DD`. A key that costs no string hashing: the normaliser memoises
 * the dates of every employment row by it, and each row's date is a fresh string from JSON.parse.
 */
export function dateNumber(value: string): number {
  // Character checks, not a regex: this runs for four fields of every employment row.
  if (value.length < 10) return -1;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const c = value.charCodeAt(i);
    if (i === 4 || i === 7) {
      if (c !== 45) return -1;
    } else if (c < 48 || c > 57) return -1;
    else n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * Answers remembered per (first key, date): a company has few distinct dates, and each answer costs a
 * Date, strings or time-zone maths. At most `limit` answers are kept, so odd input cannot grow it.
 */
class DateMemo<K> {
  private readonly byKey = new Map<K, Map<string, string>>();
  private kept = 0;
  /** The first key asked last and its answers: callers ask runs of one key (the run's time zone). */
  private lastKey: K | undefined;
  private lastByDate: Map<string, string> | undefined;
  constructor(private readonly limit: number) {}

  /** `compute` is a module-level function, not a closure: this is asked per person. */
  get(key: K, date: string, compute: (key: K, date: string) => string): string {
    let byDate = this.lastByDate;
    if (byDate === undefined || key !== this.lastKey) {
      byDate = this.byKey.get(key);
      if (byDate === undefined) {
        byDate = new Map();
        this.byKey.set(key, byDate);
      }
      this.lastKey = key;
      this.lastByDate = byDate;
    }
    const known = byDate.get(date);
    if (known !== undefined) return known;
    const answer = compute(key, date);
    if (this.kept < this.limit) {
      byDate.set(date, answer);
      this.kept++;
    }
    return answer;
  }
}

/** Per number of days: local date → that date moved by them. */
const shifted = new DateMemo<number>(100_000);

export function addDays(date: LocalDate, days: number): LocalDate {
  // Asked per person (a contract's end + 1, an end + the delete days) about few distinct dates.
  return shifted.get(days, date, moveDate);
}

function moveDate(days: number, date: LocalDate): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The calendar date of an instant in a time zone. */
export function localToday(nowIso: string, timeZone: string): LocalDate {
  const date = DateTime.fromISO(nowIso, { zone: 'utc' }).setZone(timeZone).toISODate();
  if (date === null) throw new Error(`invalid instant ${nowIso} or time zone ${timeZone}`);
  return date;
}

/** Per time zone: local date → the instant it starts. */
const dayStarts = new DateMemo<string>(100_000);

/** The instant a local date starts in a time zone, as `YYYY-MM-DDTHH:mm:ssZ` (what Graph stores). */
export function startOfLocalDay(date: LocalDate, timeZone: string): string {
  return dayStarts.get(timeZone, date, dayStart);
}

function dayStart(timeZone: string, date: LocalDate): string {
  const instant = DateTime.fromISO(date, { zone: timeZone }).startOf('day').toUTC();
  return instant.toISO({ suppressMilliseconds: true }) ?? `${date}T00:00:00Z`;
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
