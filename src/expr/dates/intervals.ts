import { daysInMonth, wallFromParts } from './date-time.ts';

/**
 * VB's interval codes. Entra documents yyyy, m, d, ww, h, n and s; q (quarter), y (day of year)
 * and w (weekday) are the remaining VB codes, accepted because Entra's functions follow VB's.
 */
export const INTERVALS = ['yyyy', 'q', 'm', 'y', 'd', 'w', 'ww', 'h', 'n', 's'] as const;
export type Interval = (typeof INTERVALS)[number];

const BY_NAME: ReadonlyMap<string, Interval> = new Map(INTERVALS.map((i) => [i, i]));

export function parseInterval(text: string): Interval | undefined {
  return BY_NAME.get(text.trim().toLowerCase());
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** VB DateAdd: the number is truncated; adding months keeps the day, clamped to the month's end. */
export function addInterval(interval: Interval, amount: number, instantMs: number): number {
  const n = Math.trunc(amount);
  switch (interval) {
    case 'yyyy':
      return addMonths(instantMs, 12 * n);
    case 'q':
      return addMonths(instantMs, 3 * n);
    case 'm':
      return addMonths(instantMs, n);
    case 'y':
    case 'd':
    case 'w':
      return instantMs + n * DAY;
    case 'ww':
      return instantMs + 7 * n * DAY;
    case 'h':
      return instantMs + n * HOUR;
    case 'n':
      return instantMs + n * MINUTE;
    case 's':
      return instantMs + n * SECOND;
  }
}

/**
 * VB DateDiff (date2 − date1): years, quarters and months count calendar boundaries crossed; days,
 * hours, minutes and seconds count whole units elapsed; `ww` counts Sundays crossed and `w` whole
 * weeks elapsed. Entra's documented results (−493 weeks, −113 months, −9 years between
 * 8/25/2021 5:41:18 PM and 2012-03-16-07:00) follow exactly these rules.
 */
export function diffInterval(interval: Interval, date1: number, date2: number): number {
  const a = new Date(date1);
  const b = new Date(date2);
  const elapsed = date2 - date1;
  switch (interval) {
    case 'yyyy':
      return b.getUTCFullYear() - a.getUTCFullYear();
    case 'q':
      return (
        (b.getUTCFullYear() - a.getUTCFullYear()) * 4 +
        Math.floor(b.getUTCMonth() / 3) -
        Math.floor(a.getUTCMonth() / 3)
      );
    case 'm':
      return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
    case 'y':
    case 'd':
      return whole(elapsed, DAY);
    case 'w':
      return Math.trunc(whole(elapsed, DAY) / 7) + 0;
    case 'ww': {
      const sunday1 = date1 - a.getUTCDay() * DAY;
      const sunday2 = date2 - b.getUTCDay() * DAY;
      return Math.trunc(roundHalfEven((sunday2 - sunday1) / DAY) / 7) + 0;
    }
    case 'h':
      return whole(elapsed, HOUR);
    case 'n':
      return whole(elapsed, MINUTE);
    case 's':
      return whole(elapsed, SECOND);
  }
}

/** Whole units elapsed, truncated toward zero (and never -0). */
const whole = (elapsed: number, unit: number): number => Math.trunc(elapsed / unit) + 0;

function addMonths(instantMs: number, months: number): number {
  const d = new Date(instantMs);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  const timeOfDay = instantMs - wallFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  return wallFromParts(year, month, day) + timeOfDay;
}

/** CLng's banker's rounding. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}
