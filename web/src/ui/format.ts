/**
 * One clock for the whole console (issue 12, item 5). Every date and time is shown in one format,
 * "3 Dec 2026, 13:03 CET": in the connection's time zone where a connection applies (its step 4
 * setting, provided to a page through `TimeZoneContext`), otherwise in the organisation's zone
 * (from the session), never in the browser's own zone — and always with the zone named. (The
 * React side, `TimeZoneContext` and `useTimeZone`, is in time-zone.ts, so this stays plain.) The
 * format itself is src/contracts/date-time.ts, which the CLI and the service's e-mails use too.
 */
import {
  formatValue as contractsFormatValue,
  formatDuration,
  formatInstant,
  isTimeZone,
  formatRelative as relativeTo,
} from '../api/contracts.ts';

export { formatDuration };

/**
 * An attribute's value as text; an instant in `zone` (default: the organisation's) with the value
 * beside it, a leave date at midnight (`attribute`) led by the last day it ends.
 */
export function formatValue(value: unknown, zone?: string, attribute?: string): string {
  return contractsFormatValue(value, zone ?? organisationZone, attribute);
}

/** The organisation's zone, set once the session is known (`setOrganisationTimeZone`). */
let organisationZone = 'UTC';

export function setOrganisationTimeZone(zone: string): void {
  organisationZone = isTimeZone(zone) ? zone : 'UTC';
}

export function organisationTimeZone(): string {
  return organisationZone;
}

/** "3 Dec 2026, 13:03 CET" in `zone` (default: the organisation's). */
export function formatDateTime(iso: string | null | undefined, fallback = '—', zone?: string): string {
  return formatInstant(iso, zone ?? organisationZone, { fallback });
}

/** "3 Dec 2026, 13:03:27 CET": where seconds matter (audit events, run phases). */
export function formatDateTimeSeconds(iso: string | null | undefined, fallback = '—', zone?: string): string {
  return formatInstant(iso, zone ?? organisationZone, { fallback, seconds: true });
}

/** "in 3 hours", "5 minutes ago", "just now" — relative to `now`. */
export function formatRelative(
  iso: string | null | undefined,
  now: number = Date.now(),
  fallback = '—',
): string {
  return relativeTo(iso, now, fallback);
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

export { plural } from '../../../src/core/words.ts';
