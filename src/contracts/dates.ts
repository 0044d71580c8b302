/**
 * The product's one date format ("3 Dec 2026"; with a time "3 Dec 2026, 13:03 CET"), for text the
 * service, the CLI and exports make — the same Intl options as the console's ui/format.ts. AFAS
 * dates are calendar dates in the connection's zone already; instants are shown in that zone.
 */
const LOCALE = 'en-GB';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string | null): Intl.DateTimeFormat {
  const key = zone ?? '';
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
    try {
      f = new Intl.DateTimeFormat(
        LOCALE,
        zone === null
          ? { ...options, timeZone: 'UTC' }
          : { ...options, hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' },
      );
    } catch {
      f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f;
}

/** `2027-03-01` → "1 Mar 2027"; anything that is not a date, as it is. */
export function formatLocalDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : formatter(null).format(d);
}

/** `2026-12-03T12:03:00Z` in Europe/Amsterdam → "3 Dec 2026, 13:03 CET"; not an instant, as it is. */
export function formatInstant(iso: string, timeZone: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatter(timeZone).format(d);
}
