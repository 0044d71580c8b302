/**
 * AFAS renders dates as `YYYY-MM-DDT00:00:00Z`, but the `Z` lies: they are Amsterdam local dates.
 * We therefore keep them as plain calendar dates and only turn them into instants at the edge,
 * in the connection's time zone. Everything here is pure arithmetic on `YYYY-MM-DD` strings.
 */
import { DateTime } from 'luxon';
import type { LocalDate } from '../../core/index.ts';

/** Reads an AFAS date value (`YYYY-MM-DD…`) as a local date, or null when empty or not a date. */
export function toLocalDate(value: unknown): LocalDate | null {
  // Character checks, not a regex: this runs for four fields of every employment row.
  if (typeof value !== 'string' || value.length < 10) return null;
  for (let i = 0; i < 10; i++) {
    const c = value.charCodeAt(i);
    if (i === 4 || i === 7 ? c !== 45 : c < 48 || c > 57) return null;
  }
  return value.length === 10 ? value : value.slice(0, 10);
}

/** Per number of days: local date → that date moved by them. */
const shifted = new Map<number, Map<string, LocalDate>>();
let shiftedKept = 0;

export function addDays(date: LocalDate, days: number): LocalDate {
  // Asked per person (a contract's end + 1, an end + the delete days) about few distinct dates: the
  // list, the Date and the two strings each answer costs are made once per date.
  let byDate = shifted.get(days);
  const known = byDate?.get(date);
  if (known !== undefined) return known;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  if (shiftedKept < 100_000) {
    if (byDate === undefined) {
      byDate = new Map();
      shifted.set(days, byDate);
    }
    byDate.set(date, moved);
    shiftedKept++;
  }
  return moved;
}

/** The calendar date of an instant in a time zone. */
export function localToday(nowIso: string, timeZone: string): LocalDate {
  const date = DateTime.fromISO(nowIso, { zone: 'utc' }).setZone(timeZone).toISODate();
  if (date === null) throw new Error(`invalid instant ${nowIso} or time zone ${timeZone}`);
  return date;
}

/** Per time zone: local date → the instant it starts. */
const dayStarts = new Map<string, Map<string, string>>();
let dayStartsKept = 0;

/** The instant a local date starts in a time zone, as `YYYY-MM-DDTHH:mm:ssZ` (what Graph stores). */
export function startOfLocalDay(date: LocalDate, timeZone: string): string {
  // A company has few distinct dates and time-zone maths is slow: remember each answer.
  let zone = dayStarts.get(timeZone);
  const known = zone?.get(date);
  if (known !== undefined) return known;
  const instant = DateTime.fromISO(date, { zone: timeZone }).startOf('day').toUTC();
  const iso = instant.toISO({ suppressMilliseconds: true }) ?? `${date}T00:00:00Z`;
  if (dayStartsKept < 100_000) {
    if (zone === undefined) {
      zone = new Map();
      dayStarts.set(timeZone, zone);
    }
    zone.set(date, iso);
    dayStartsKept++;
  }
  return iso;
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
