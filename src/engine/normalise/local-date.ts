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

/**
 * Answers per (first key, day), for days of years FIRST_YEAR … FIRST_YEAR + YEARS − 1 written as a
 * canonical `YYYY-MM-DD` (the local dates the normaliser makes): the day is read off the text (its slot,
 * daySlot) and its answer is an element of an array per year. A Map keyed by the text hashed each
 * fresh string and compared it with the stored one, touching three objects spread over the heap per
 * person; this was a tenth of normalising. Bounded by construction (a year's array per year asked
 * about), for at most TABLES first keys; other keys and other texts are asked of a DateMemo.
 */
class DayMemo<K> {
  private readonly tables = new Map<K, DayTable<string>>();
  private lastKey: K | undefined;
  private last: DayTable<string> | undefined;
  private readonly other: DateMemo<K>;

  constructor(limit: number) {
    this.other = new DateMemo<K>(limit);
  }

  get(key: K, date: string, compute: (key: K, date: string) => string): string {
    const slot = date.length === 10 ? daySlot(date) : -1;
    if (slot < 0) return this.other.get(key, date, compute);
    let table = this.last;
    if (table === undefined || key !== this.lastKey) {
      table = this.tables.get(key);
      if (table === undefined) {
        if (this.tables.size >= TABLES) return this.other.get(key, date, compute);
        table = new DayTable();
        this.tables.set(key, table);
      }
      this.lastKey = key;
      this.last = table;
    }
    const known = table.get(slot);
    if (known !== undefined) return known;
    const answer = compute(key, date);
    table.set(slot, answer);
    return answer;
  }
}

/** First keys (time zones, numbers of days) with tables of their own: a run asks about a handful. */
const TABLES = 32;
const FIRST_YEAR = 1900;
const YEARS = 300;
/** Slots per year: month × 32 + day (a power of two: the year is `slot >> 9`). */
const YEAR_SLOTS = 512;
const DAY_BITS = 9;

/**
 * The slot of the date a value starts with (`YYYY-MM-DD`, month 1–12, day 1–31, year within the
 * tables), or -1: (year − FIRST_YEAR) × 512 + (month − 1) × 32 + day − 1. Equal slots, equal dates.
 */
export function daySlot(value: string): number {
  if (value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  const y = digits(value, 0, 4);
  const m = digits(value, 5, 2);
  const d = digits(value, 8, 2);
  if (y < FIRST_YEAR || y >= FIRST_YEAR + YEARS || m < 1 || m > 12 || d < 1 || d > 31) return -1;
  return ((y - FIRST_YEAR) << DAY_BITS) | ((m - 1) << 5) | (d - 1);
}

/** The number `count` decimal digits at `at` spell, or -1 when one is not a digit. */
function digits(value: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Values by day slot, one array per year asked about. */
class DayTable<T> {
  private readonly years: ((T | undefined)[] | undefined)[] = new Array(YEARS).fill(undefined);

  get(slot: number): T | undefined {
    return this.years[slot >> DAY_BITS]?.[slot & (YEAR_SLOTS - 1)];
  }

  set(slot: number, value: T): void {
    let year = this.years[slot >> DAY_BITS];
    if (year === undefined) {
      // Filled, not holey: every element a value or undefined.
      year = new Array<T | undefined>(YEAR_SLOTS).fill(undefined);
      this.years[slot >> DAY_BITS] = year;
    }
    year[slot & (YEAR_SLOTS - 1)] = value;
  }
}

/**
 * Local dates by day slot: one string per date for every run, shared by every employment that has it,
 * where each row's date is a fresh string from JSON.parse. Bounded by the tables' years.
 */
const LOCAL_DATES = new DayTable<LocalDate>();

/** toLocalDate of a string: the same text, but one string per date (see LOCAL_DATES). */
export function localDateOf(value: string): LocalDate | null {
  const slot = daySlot(value);
  if (slot < 0) return dateNumber(value) < 0 ? null : value.length === 10 ? value : value.slice(0, 10);
  let date = LOCAL_DATES.get(slot);
  if (date === undefined) {
    date = value.length === 10 ? value : value.slice(0, 10);
    LOCAL_DATES.set(slot, date);
  }
  return date;
}

/** Per number of days: local date → that date moved by them. */
const shifted = new DayMemo<number>(100_000);

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
const dayStarts = new DayMemo<string>(100_000);

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
