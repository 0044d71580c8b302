/**
 * Classifies an AFAS answer that was not a success: retry (503 maintenance/overload, gateway errors)
 * or a typed HrsyncError. Pure, so every status can be checked in a table.
 */
import { type ErrorCode, HrsyncError } from '../../core/index.ts';

export type AfasFailure =
  | { readonly retry: true; readonly afterMs: number | undefined; readonly reason: string }
  | { readonly retry: false; readonly error: HrsyncError };

/** The functional error body of a 500: `{ externalMessage, errorNumber, profitLogReference }`. */
export interface AfasErrorBody {
  readonly externalMessage?: string;
  readonly profitLogReference?: string;
  readonly retryAfterSeconds?: number;
}

export function parseAfasErrorBody(text: string): AfasErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null) return {};
  const body = json as Record<string, unknown>;
  const error =
    typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : {};
  const message = body.externalMessage ?? error.message;
  // The documented 503 example nests oddly; look for `retry_after` at the top and inside `error`.
  const retryAfter = Number(body.retry_after ?? error.retry_after);
  return {
    ...(typeof message === 'string' ? { externalMessage: message } : {}),
    ...(typeof body.profitLogReference === 'string' ? { profitLogReference: body.profitLogReference } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface AfasAnswer {
  readonly status: number;
  readonly bodyText: string;
  readonly retryAfterHeader: string | null;
  /** e.g. `GET connectors/T4E_HelloID_Users_v2 (skip 2000)` */
  readonly what: string;
  /** Code for a functional failure: reads abort the run, write-back reports per employee. */
  readonly failureCode: ErrorCode;
  readonly now: number;
}

export function classifyAfasAnswer(answer: AfasAnswer): AfasFailure {
  const { status, what } = answer;
  const body = parseAfasErrorBody(answer.bodyText);
  if (status === 503) {
    const afterMs =
      body.retryAfterSeconds !== undefined
        ? body.retryAfterSeconds * 1000
        : retryAfterMs(answer.retryAfterHeader, answer.now);
    return { retry: true, afterMs, reason: `AFAS is unavailable (503) for ${what}` };
  }
  if (status === 502 || status === 504) {
    return { retry: true, afterMs: undefined, reason: `AFAS gateway error ${status} for ${what}` };
  }
  if (status === 401) {
    return fail(
      'HRS_SOURCE_AUTH',
      `AFAS refused the token (401) for ${what}: check the token, the environment, and that the connector is in the App Connector.`,
    );
  }
  if (status === 403) {
    return fail(
      'HRS_SOURCE_AUTH',
      `AFAS refused access (403) for ${what}: the App Connector's IP restriction does not allow this machine.`,
    );
  }
  if (status === 404) {
    return fail(
      answer.failureCode,
      `AFAS answered 404 for ${what}: check the environment URL and the connector id.`,
    );
  }
  const detail = [
    body.externalMessage,
    body.profitLogReference && `profit log reference ${body.profitLogReference}`,
  ]
    .filter(Boolean)
    .join('; ');
  return fail(answer.failureCode, `AFAS answered ${status} for ${what}${detail ? `: ${detail}` : ''}.`);
}

const fail = (code: ErrorCode, message: string): AfasFailure => ({
  retry: false,
  error: new HrsyncError(code, message),
});
