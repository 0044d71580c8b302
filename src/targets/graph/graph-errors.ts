/**
 * Graph's error body, read defensively, and the retry/back-off rules shared by reads and writes.
 * Pure: tested as tables.
 */

export interface GraphErrorInfo {
  readonly status: number;
  /** e.g. `Request_BadRequest`, `Authorization_RequestDenied`, `TooManyRequests` */
  readonly code: string;
  readonly message: string;
  /** `details[].code`, e.g. `ObjectConflict` */
  readonly detailCodes: readonly string[];
  /** `details[].target`, e.g. `userPrincipalName` */
  readonly targets: readonly string[];
}

export function parseGraphError(status: number, body: unknown): GraphErrorInfo {
  const error = isObject(body) && isObject(body.error) ? body.error : {};
  const details = Array.isArray(error.details) ? error.details.filter(isObject) : [];
  return {
    status,
    code: typeof error.code === 'string' ? error.code : `HTTP${status}`,
    message: typeof error.message === 'string' ? error.message : `Graph answered ${status}`,
    detailCodes: details.flatMap((d) => (typeof d.code === 'string' ? [d.code] : [])),
    targets: details.flatMap((d) => (typeof d.target === 'string' ? [d.target] : [])),
  };
}

/** `400 Request_BadRequest [ObjectConflict: userPrincipalName]: Another object with …` */
export function describeGraphError(info: GraphErrorInfo): string {
  const detail =
    info.detailCodes.length > 0
      ? ` [${info.detailCodes.join(', ')}${info.targets.length > 0 ? `: ${info.targets.join(', ')}` : ''}]`
      : '';
  return `${info.status} ${info.code}${detail}: ${info.message}`;
}

/** Answers that say "not now": Graph did not do the work and asks to come back (Retry-After). */
export const isThrottled = (status: number): boolean => status === 429 || status === 503;

/**
 * Answers after which the work may or may not have been done. Harmless to repeat for an idempotent
 * PATCH/PUT/DELETE; for a create it means "re-match before retrying" (DESIGN.md invariant 4).
 */
export const isUncertain = (status: number): boolean => status === 500 || status === 502 || status === 504;

/** `Retry-After` in seconds (Graph sometimes sends fractions) or an HTTP date, as milliseconds. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential back-off with jitter, for when Graph gave no Retry-After. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.75 + random() / 2));
}

/** Header lookup in a batch item's plain `headers` object, whose key case Graph does not promise. */
export function headerOf(headers: unknown, name: string): string | undefined {
  if (!isObject(headers)) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
