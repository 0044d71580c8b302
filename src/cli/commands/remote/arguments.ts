/** Parsers for option values, so a bad value is refused before any request is made. */
import { InvalidArgumentError } from 'commander';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of 1 or more');
  return n;
}

/**
 * An ISO-8601 date or date-time → the UTC date-time the API filters on. A date alone means midnight
 * UTC; a date-time without an offset is refused rather than read in whichever zone this machine is.
 */
export function isoTime(value: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const time = dateOnly || withZone ? Date.parse(dateOnly ? `${value}T00:00:00Z` : value) : Number.NaN;
  if (Number.isNaN(time) || !calendarDate(value.slice(0, 10)))
    throw new InvalidArgumentError(
      'an ISO date or date-time with a zone, e.g. 2026-05-01 or 2026-05-01T08:00:00Z',
    );
  return new Date(time).toISOString();
}

/** Date.parse rolls 2026-02-30 over to 2 March; a day that does not round-trip does not exist. */
function calendarDate(day: string): boolean {
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}
