/**
 * One clock for the whole console (issue 12, item 5). Every date and time is shown in one format,
 * "3 Dec 2026, 13:03 CET": in the connection's time zone where a connection applies (its step 4
 * setting, provided to a page through `TimeZoneContext`), otherwise in the organisation's zone
 * (from the session), never in the browser's own zone — and always with the zone named. (The
 * React side, `TimeZoneContext` and `useTimeZone`, is in time-zone.ts, so this stays plain.) Relative
 * times ("in 3 hours", "5 minutes ago") and durations are here too, so other parts of the console
 * use these helpers rather than formatting dates themselves.
 */
const LOCALE = 'en-GB';

/** The organisation's zone, set once the session is known (`setOrganisationTimeZone`). */
let organisationZone = 'UTC';

export function setOrganisationTimeZone(zone: string): void {
  organisationZone = isTimeZone(zone) ? zone : 'UTC';
}

export function organisationTimeZone(): string {
  return organisationZone;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${seconds}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      timeZone: isTimeZone(zone) ? zone : 'UTC',
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

function parse(iso: string | null | undefined): Date | null | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "3 Dec 2026, 13:03 CET" in `zone` (default: the organisation's). */
export function formatDateTime(iso: string | null | undefined, fallback = '—', zone?: string): string {
  const d = parse(iso);
  if (d === undefined) return fallback;
  return d === null ? String(iso) : formatter(zone ?? organisationZone, false).format(d);
}

/** "3 Dec 2026, 13:03:27 CET": where seconds matter (audit events, run phases). */
export function formatDateTimeSeconds(iso: string | null | undefined, fallback = '—', zone?: string): string {
  const d = parse(iso);
  if (d === undefined) return fallback;
  return d === null ? String(iso) : formatter(zone ?? organisationZone, true).format(d);
}

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 hours", "5 minutes ago", "just now" — relative to `now`. */
export function formatRelative(
  iso: string | null | undefined,
  now: number = Date.now(),
  fallback = '—',
): string {
  const d = parse(iso);
  if (d === undefined) return fallback;
  if (d === null) return String(iso);
  const diff = d.getTime() - now;
  if (Math.abs(diff) < 45_000) return 'just now';
  for (const [unit, ms] of UNITS) {
    // A unit is used from 90 % of it, so 55 minutes reads "in 1 hour", not "in 55 minutes".
    if (Math.abs(diff) >= ms * 0.9 || unit === 'minute') return relative.format(Math.round(diff / ms), unit);
  }
  return relative.format(Math.round(diff / 60_000), 'minute');
}

/** "3 Dec 2026, 13:03 CET (in 3 hours)": the exact time with how far away it is. */
export function formatDateTimeWithRelative(
  iso: string | null | undefined,
  fallback = '—',
  zone?: string,
  now: number = Date.now(),
): string {
  if (!iso) return fallback;
  return `${formatDateTime(iso, fallback, zone)} (${formatRelative(iso, now)})`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  if (minutes < 60) return `${minutes} min ${rest} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A value from an attribute change, as text: arrays joined, null shown as "(empty)". */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(empty)';
  return String(value);
}
