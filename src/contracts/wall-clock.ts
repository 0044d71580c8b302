/**
 * Local wall-clock times ("2026-05-01T08:00" in Europe/Amsterdam, as a schedule's start and the
 * date-time boxes of a form are) to instants and back, in a named zone — never the zone of the
 * machine the console or the CLI happens to run on. Plain Intl, so the console needs no date library.
 *
 * Daylight saving follows the scheduler's rule (src/jobs/schedule.ts): a time that does not exist
 * that day (02:30 on 29 March 2026 in Amsterdam) is the same minutes after the clocks moved (03:30);
 * a time that exists twice (02:30 on 25 October 2026) is its first occurrence (still summer time).
 */
import { formatInstant, formatLocalDate, type InstantFormat, isTimeZone } from './date-time.ts';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

const partFormatters = new Map<string, Intl.DateTimeFormat>();
function parts(zone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(zone, f);
  }
  return f;
}

/** The zone's wall clock at `ms` as if it were UTC (so the difference to `ms` is the offset). */
function wallAt(ms: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of parts(zone).formatToParts(new Date(ms))) p[type] = Number(value);
  return Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    (p.hour ?? 0) % 24,
    p.minute ?? 0,
    p.second ?? 0,
  );
}

const offsetAt = (ms: number, zone: string): number =>
  wallAt(ms, zone) - (ms - (((ms % 1000) + 1000) % 1000));

/**
 * `2026-05-01T08:00` in `zone` → the instant, as ISO UTC; null when the text is not a local date-time
 * or the zone is unknown.
 */
export function localToInstant(local: string, zone: string): string | null {
  const m = LOCAL.exec(local);
  if (!m || !isTimeZone(zone)) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
    return null;
  // At most one transition lies within a day either side, so the offsets a day before and after
  // are the only candidates.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const valid = [wall - before, wall - after]
    .filter((t) => offsetAt(t, zone) === wall - t)
    .sort((a, b) => a - b);
  // None valid: the time fell in the gap; the offset before the gap moves it past the change.
  return new Date(valid[0] ?? wall - before).toISOString();
}

/** An instant → `YYYY-MM-DDTHH:mm` in `zone`: what a `datetime-local` box shows for it. */
export function instantToLocal(iso: string | null | undefined, zone: string): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return '';
  return new Date(wallAt(ms, isTimeZone(zone) ? zone : 'UTC')).toISOString().slice(0, 16);
}

/** "1 May 2026, 08:00 CEST": a local wall-clock time in the one format, its zone named. */
export function formatLocalDateTime(local: string, zone: string, options: InstantFormat = {}): string {
  const shown = isTimeZone(zone) ? zone : 'UTC';
  const instant = localToInstant(local, shown);
  return instant === null ? local || (options.fallback ?? '—') : formatInstant(instant, shown, options);
}

/**
 * Attributes that hold the end of a last day: hrsync writes the AFAS end date 18 Sept as the instant
 * after it, 19 Sept 00:00 in the connection's zone (`EndDateTime`), which is what Entra's lifecycle
 * workflows and Active Directory read as "left on / expires after 18 Sept". Shown as that instant,
 * it read a day later than the "Left on 18 Sept" beside it; AD's own console shows accountExpires
 * the same way, as "End of: 18/09/2026".
 */
const END_OF_DAY_ATTRIBUTES: ReadonlySet<string> = new Set(['employeeLeaveDateTime', 'accountExpires']);

/**
 * "end of 18 Sept 2026" for a value of an END_OF_DAY_ATTRIBUTES attribute at midnight in `zone` (the
 * day before it ends there); `undefined` for any other attribute, instant or text, which is then
 * shown as the instant it is.
 */
export function formatEndOfDay(iso: string, zone: string, attribute: string): string | undefined {
  if (!END_OF_DAY_ATTRIBUTES.has(attribute)) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || ms % 1000 !== 0) return undefined;
  const shown = isTimeZone(zone) ? zone : 'UTC';
  if (new Date(wallAt(ms, shown)).toISOString().slice(11, 19) !== '00:00:00') return undefined;
  return `end of ${formatLocalDate(new Date(wallAt(ms - 1, shown)).toISOString().slice(0, 10))}`;
}
