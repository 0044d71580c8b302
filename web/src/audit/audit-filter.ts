import { instantToLocal, localToInstant } from '../api/contracts.ts';

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

/**
 * The page of the filtered log, in the URL beside the filter (`#/audit?action=run.&page=3`), so a
 * reload, a shared link or Back returns to the same page. Anything but a whole number from 1 is page 1.
 */
export function pageFromRoute(raw: Readonly<Record<string, string>>): number {
  const value = raw['page']?.trim() ?? '';
  return /^[1-9]\d{0,8}$/.test(value) ? Number(value) : 1;
}

/** The route's query for `filter` at `page` (page 1 is left out, so a filter's link has one form). */
export function filterToRoute(filter: AuditFilterValues, page = 1): Record<string, string> {
  const query = Object.fromEntries(
    Object.entries(filter).filter(([, v]) => typeof v === 'string' && v !== ''),
  ) as Record<string, string>;
  return page > 1 ? { ...query, page: String(page) } : query;
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

/**
 * `datetime-local` boxes hold a wall-clock time without a zone; the audit log shows its times in
 * `zone` (the organisation's), so the boxes are read in that zone too — not the browser's — and the
 * API gets the UTC instant.
 */
export const localInputToIso = (value: string, zone: string): string | undefined =>
  value ? (localToInstant(value, zone) ?? undefined) : undefined;

export const isoToLocalInput = (iso: string | undefined, zone: string): string => instantToLocal(iso, zone);
