/**
 * When a scheduled connection runs. Pure: the current time is passed in.
 *
 * Daylight saving (Europe/Amsterdam moves 02:00→03:00 on the last Sunday of March and 03:00→02:00 on
 * the last Sunday of October) is handled by rule, not by accident:
 * - `days` and `weeks` keep the local wall-clock time. A time that does not exist that day (02:30 on
 *   29 March 2026) runs the same minutes after the clocks moved (03:30). A time that exists twice
 *   (02:30 on 25 October 2026) runs once, at its first occurrence (still summer time).
 * - `hours` counts real elapsed hours from the first run, so "hourly" is always 60 minutes apart and
 *   the repeated hour in October gets its own run; wall-clock labels shift with the clock.
 */
import { DateTime } from 'luxon';
import { type ErrorDetail, SCHEDULE_LIMITS, type ScheduleUnit } from '../core/index.ts';

export type { ScheduleUnit };

export interface ScheduleSpec {
  /** Local `YYYY-MM-DDTHH:mm` in `timeZone`. */
  readonly start: string;
  readonly every: number;
  readonly unit: ScheduleUnit;
}

const HOUR_MS = 3_600_000;
const PERIOD_MS: Readonly<Record<ScheduleUnit, number>> = {
  hours: HOUR_MS,
  days: 24 * HOUR_MS,
  weeks: 168 * HOUR_MS,
};
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function validateSchedule(spec: ScheduleSpec, timeZone: string): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!DateTime.local().setZone(timeZone).isValid) {
    errors.push({ path: '/timeZone', message: `unknown time zone "${timeZone}"` });
  }
  const parsed = DateTime.fromFormat(spec.start, "yyyy-MM-dd'T'HH:mm", { zone: 'UTC' });
  if (!parsed.isValid)
    errors.push({ path: '/start', message: `"${spec.start}" is not a valid date and time` });
  if (!Number.isInteger(spec.every) || spec.every < 1 || spec.every > SCHEDULE_LIMITS[spec.unit]) {
    errors.push({
      path: '/every',
      message: `every must be a whole number from 1 to ${SCHEDULE_LIMITS[spec.unit]} ${spec.unit}`,
    });
  }
  return errors;
}

/** A local wall-clock time as an instant, by the rules above. */
export function resolveLocal(local: string, timeZone: string): DateTime {
  const m = LOCAL.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const dt = DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone });
  // Ambiguous (the repeated hour): luxon picks the later offset; prefer the earlier one.
  const earlier = dt.minus({ hours: 1 });
  return earlier.hour === hour && earlier.minute === minute && earlier.day === day ? earlier : dt;
}

function occurrence(spec: ScheduleSpec, timeZone: string, k: number): DateTime {
  if (spec.unit === 'hours')
    return resolveLocal(spec.start, timeZone).plus({ milliseconds: k * spec.every * HOUR_MS });
  const startDate = DateTime.fromFormat(spec.start, "yyyy-MM-dd'T'HH:mm", { zone: 'UTC' });
  const days = k * spec.every * (spec.unit === 'weeks' ? 7 : 1);
  return resolveLocal(startDate.plus({ days }).toFormat("yyyy-MM-dd'T'HH:mm"), timeZone);
}

/** The first `count` run times strictly after `afterIso` (missed runs are never replayed). */
export function nextRuns(spec: ScheduleSpec, timeZone: string, afterIso: string, count: number): DateTime[] {
  const after = Date.parse(afterIso);
  const period = spec.every * PERIOD_MS[spec.unit];
  // Estimate the index, then step: DST moves an occurrence by at most an hour.
  let k = Math.max(0, Math.floor((after - occurrence(spec, timeZone, 0).toMillis()) / period));
  while (k > 0 && occurrence(spec, timeZone, k - 1).toMillis() > after) k--;
  while (occurrence(spec, timeZone, k).toMillis() <= after) k++;
  const runs: DateTime[] = [];
  for (let i = 0; i < count; i++) runs.push(occurrence(spec, timeZone, k + i));
  return runs;
}

export function nextRunAt(spec: ScheduleSpec, timeZone: string, afterIso: string): string {
  const [next] = nextRuns(spec, timeZone, afterIso, 1);
  return next!.toUTC().toISO()!;
}

/** `2026-03-29 03:30 (+02:00)`: what the console shows next to each preview time. */
export const localLabel = (dt: DateTime): string => dt.toFormat("yyyy-MM-dd HH:mm '('ZZ')'");
