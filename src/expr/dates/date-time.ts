import type { Zone } from 'luxon';
import { wallToInstant } from './zone.ts';

export type DateTimeKind = 'utc' | 'local' | 'unspecified';

/**
 * A value shaped like .NET's DateTime, because FormatDateTime's behaviour (DateTimeStyles, `K`, `zzz`)
 * depends on it: a wall-clock reading (milliseconds as if that reading were UTC) plus its Kind.
 */
export interface DateTimeValue {
  readonly wall: number;
  readonly kind: DateTimeKind;
}

/** The instant a value stands for; like .NET's ToUniversalTime, unspecified counts as local. */
export function toInstant(value: DateTimeValue, zone: Zone): number {
  return value.kind === 'utc' ? value.wall : wallToInstant(zone, value.wall);
}

/** Milliseconds for a calendar reading, without Date.UTC's mapping of years 0–99 to 1900–1999. */
export function wallFromParts(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millisecond);
  return d.getTime();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the proleptic Gregorian calendar, as .NET's DateTime uses. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}
