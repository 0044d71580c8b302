/**
 * The audit log's filter as it lives in the URL (`#/audit?connectionId=…&action=run.`), so a
 * filtered view can be bookmarked or linked from a connection or a run.
 */
export interface AuditFilterValues {
  readonly connectionId?: string;
  readonly runId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly person?: string;
  readonly outcome?: 'success' | 'failure' | 'refused';
}

const KEYS = ['connectionId', 'runId', 'from', 'to', 'actor', 'action', 'person', 'outcome'] as const;
const OUTCOMES = new Set(['success', 'failure', 'refused']);

export function filterFromRoute(raw: Readonly<Record<string, string>>): AuditFilterValues {
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const value = raw[key]?.trim();
    if (!value) continue;
    if (key === 'outcome' && !OUTCOMES.has(value)) continue;
    if ((key === 'from' || key === 'to') && Number.isNaN(Date.parse(value))) continue;
    out[key] = value;
  }
  return out as AuditFilterValues;
}

export function filterToRoute(filter: AuditFilterValues): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => typeof v === 'string' && v !== ''),
  ) as Record<string, string>;
}

/** Presets an administrator reaches for first; "custom" shows the two date-time boxes. */
export const TIME_RANGES = [
  { value: 'any', label: 'Any time', hours: null },
  { value: '1h', label: 'Last hour', hours: 1 },
  { value: '24h', label: 'Last 24 hours', hours: 24 },
  { value: '7d', label: 'Last 7 days', hours: 24 * 7 },
  { value: '30d', label: 'Last 30 days', hours: 24 * 30 },
  { value: 'custom', label: 'Custom range', hours: null },
] as const;
export type TimeRange = (typeof TIME_RANGES)[number]['value'];

/** `datetime-local` input values are local time without a zone; the API wants UTC instants. */
export const localInputToIso = (value: string): string | undefined =>
  value ? new Date(value).toISOString() : undefined;

export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
