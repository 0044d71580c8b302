/** How the CLI shows times, durations and counts in its human-readable output. */

/** `2026-05-01T08:30:12.345Z` → `2026-05-01 08:30:12Z`: UTC, so the same in every terminal. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function duration(ms: number | null): string | undefined {
  if (ms === null) return undefined;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `{create: 6, update: 0, disable: 1}` → `create 6 · disable 1`; zeros say nothing. */
export function countsLine(counts: Readonly<Record<string, number>>): string {
  const shown = Object.entries(counts).filter(([, n]) => n > 0);
  return shown.length === 0 ? 'none' : shown.map(([k, n]) => `${k} ${n}`).join(' · ');
}

export const toJson = (value: unknown): string => JSON.stringify(value, null, 2);
