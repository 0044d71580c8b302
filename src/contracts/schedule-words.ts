/**
 * A connection's schedule in words, as the console's connection page and `hrsync connections show`
 * both print it: "Every day from 1 May 2026, 08:00 CEST · next run in 3 hours". The start is a local
 * time in the connection's zone and is shown in the one format, its zone named (date-time.ts).
 */
import type { ScheduleUnit } from '../core/vocabulary.ts';
import { formatRelative } from './date-time.ts';
import { formatLocalDateTime } from './wall-clock.ts';

export interface ScheduleWordsInput {
  readonly start: string;
  readonly every: number;
  readonly unit: ScheduleUnit;
}

const UNIT: Readonly<Record<ScheduleWordsInput['unit'], readonly [string, string]>> = {
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
  weeks: ['week', 'weeks'],
};

/** "every day", "every 4 hours". */
export const schedulePeriod = (every: number, unit: ScheduleWordsInput['unit']): string =>
  every === 1 ? `every ${UNIT[unit][0]}` : `every ${every} ${UNIT[unit][1]}`;

export interface ScheduleNext {
  /** The scheduler's next run (the API's `nextRunAt`); without it no "next run" is added. */
  readonly nextRunAt: string | null | undefined;
  readonly now: number;
}

/** The schedule as one sentence; `fallback` ("None") when there is none. */
export function formatSchedule(
  schedule: ScheduleWordsInput | null | undefined,
  zone: string,
  next?: ScheduleNext,
  fallback = 'None',
): string {
  if (!schedule) return fallback;
  const period = schedulePeriod(schedule.every, schedule.unit);
  const words = `${period[0]?.toUpperCase()}${period.slice(1)} from ${formatLocalDateTime(schedule.start, zone)}`;
  return next?.nextRunAt ? `${words} · next run ${formatRelative(next.nextRunAt, next.now)}` : words;
}
