/**
 * The product's one clock (issue 12, item 5), shared by the console, the CLI and the e-mails the
 * service sends: every date and time in one format, "3 Dec 2026, 13:03 CET", in the zone that
 * applies (a connection's step-4 zone, else the organisation's) and always with the zone named —
 * never the reader's machine's own zone. Relative times ("in 3 hours") and durations too, so no
 * part of hrsync formats dates by itself.
 */
const LOCALE = 'en-GB';

export function isTimeZone(zone: string): boolean {
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

const dateOnly = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * "1 Mar 2027": a calendar date (`2027-03-01`, as AFAS dates are: already the connection's local
 * day, so no zone applies), in the same format as the instants; anything else as it is.
 */
export function formatLocalDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : dateOnly.format(d);
}

function parse(iso: string | null | undefined): Date | null | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface InstantFormat {
  /** Where seconds matter (audit events, run phases): "3 Dec 2026, 13:03:27 CET". */
  readonly seconds?: boolean;
  /** Shown for a missing time; default "—". */
  readonly fallback?: string;
}

/** "3 Dec 2026, 13:03 CET": an instant in `zone` (an unknown zone reads as UTC, still named). */
export function formatInstant(
  iso: string | null | undefined,
  zone: string,
  options: InstantFormat = {},
): string {
  const d = parse(iso);
  if (d === undefined) return options.fallback ?? '—';
  return d === null ? String(iso) : formatter(zone, options.seconds ?? false).format(d);
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
export function formatRelative(iso: string | null | undefined, now: number, fallback = '—'): string {
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

/** "850 ms", "12.5 s", "3 min 20 s", "2 h 5 min". */
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
