/**
 * How the CLI shows times, durations, counts and the product's vocabulary in its human-readable
 * output: the console's own wording and clock (src/contracts: date-time.ts, words.ts), so a run
 * reads the same in a terminal as on its page. `--json` keeps the API's raw values.
 */
import { formatDuration, formatInstant, wordFor } from '../../../contracts/index.ts';

/** "3 Dec 2026, 13:03:27 CET": an instant in `zone`, with the zone named. */
export const timeIn = (iso: string | null | undefined, zone: string, fallback = '—'): string =>
  formatInstant(iso, zone, { seconds: true, fallback });

export function duration(ms: number | null): string | undefined {
  return ms === null ? undefined : formatDuration(ms);
}

/** `{create: 6, 'no-change': 0, disable: 1}` → `Create 6 · Disable 1`; zeros say nothing. */
export function countsLine(
  counts: Readonly<Record<string, number>>,
  words: Readonly<Record<string, string>>,
): string {
  const shown = Object.entries(counts).filter(([, n]) => n > 0);
  return shown.length === 0 ? 'none' : shown.map(([k, n]) => `${wordFor(words, k)} ${n}`).join(' · ');
}

export const toJson = (value: unknown): string => JSON.stringify(value, null, 2);
