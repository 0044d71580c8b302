/**
 * accountExpires: 100-nanosecond ticks since 1601-01-01 UTC. `0` and 0x7FFFFFFFFFFFFFFF both mean
 * "never"; the attribute cannot be deleted, so "never" is written as 0 (active-directory.md §2.3).
 * The account expires at that very instant, so a last working day ends at local midnight after it.
 */
const EPOCH_DIFF_MS = 11_644_473_600_000n;
const NEVER = 9_223_372_036_854_775_807n;

/** LDAP value → `YYYY-MM-DDTHH:mm:ssZ`, or null for "never". */
export function fileTimeToIso(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let ticks: bigint;
  try {
    ticks = BigInt(value.trim());
  } catch {
    return null;
  }
  if (ticks <= 0n || ticks >= NEVER) return null;
  const ms = Number(ticks / 10_000n - EPOCH_DIFF_MS);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An instant (ISO 8601) → LDAP value; null/empty → "0" (never). */
export function isoToFileTime(value: string | null): string {
  if (value === null || value.trim() === '') return '0';
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`"${value}" is not a date and time`);
  return String((BigInt(ms) + EPOCH_DIFF_MS) * 10_000n);
}

/**
 * whenCreated and other GeneralizedTime values (`20240115083000.0Z`) → `2024-01-15T08:30:00Z`; null
 * when absent or not a UTC GeneralizedTime (AD always writes them in UTC).
 */
export function generalizedTimeToIso(value: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,]\d+)?Z$/.exec(value?.trim() ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : null;
}
