/**
 * The two ways a call fails. The service answered with an error: `ApiError` (shared with the
 * console, in src/contracts). The service could not be reached or did not answer in time:
 * `ServiceUnreachableError`, naming where it looked.
 */
import { classifyNetworkError } from '../../core/network-failure.ts';

export class ServiceUnreachableError extends Error {
  constructor(
    /** The service's address as configured, without any user-info part. */
    readonly baseUrl: string,
    /** Why, in words: "connection refused (ECONNREFUSED)", "no answer within 30 s". */
    readonly reason: string,
  ) {
    super(`Cannot reach the hrsync service at ${baseUrl}: ${reason}.`);
    this.name = 'ServiceUnreachableError';
  }
}

/** What the CLI adds when an answer is not an hrsync error at all. */
export const NOT_HRSYNC_HINT = ' without an hrsync error; is this the address of an hrsync service?';

export { ApiError, apiErrorFrom, type ErrorDetail } from '../../contracts/api-error.ts';

/**
 * Why fetch failed, in words (the words of the AFAS and Graph clients). Undici hides the socket error
 * in `cause` behind a bare "fetch failed", which would tell the user nothing.
 */
export function networkReason(error: unknown, timeoutMs: number, url: string): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  return classifyNetworkError(error, url).reason;
}
