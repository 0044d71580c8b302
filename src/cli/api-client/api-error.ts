/**
 * The two ways a call fails. The service answered with an error: `ApiError` (shared with the
 * console, in src/contracts). The service could not be reached or did not answer in time:
 * `ServiceUnreachableError`, naming where it looked.
 */
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

const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
};

/**
 * Why fetch failed, in words. Undici hides the socket error in `cause` behind a bare "fetch failed",
 * which would tell the user nothing.
 */
export function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown }) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code) return `${NETWORK_CODES[code] ?? 'network error'} (${code})`;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
