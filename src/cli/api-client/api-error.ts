/**
 * The two ways a call fails. The service answered with an error: `ApiError`, carrying the catalogue
 * code, the service's message (which already says what to do) and the per-field details. The
 * service could not be reached or did not answer in time: `ServiceUnreachableError`, naming where
 * it looked.
 */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

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

interface ErrorBodyShape {
  readonly error?: {
    readonly code?: unknown;
    readonly message?: unknown;
    readonly details?: unknown;
    readonly retryable?: unknown;
  };
}

function detailsOf(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
}

/** Reads `{ error: { code, message, details } }`; anything else still becomes a readable error. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  let body: ErrorBodyShape | null = null;
  try {
    body = (await response.json()) as ErrorBodyShape;
  } catch {
    // A proxy, or something that is not hrsync at all, may answer with HTML; the status still tells.
  }
  const e = body?.error;
  if (e && typeof e.message === 'string') {
    return new ApiError(
      response.status,
      typeof e.code === 'string' ? e.code : `HTTP_${response.status}`,
      e.message,
      detailsOf(e.details),
      e.retryable === true,
    );
  }
  return new ApiError(
    response.status,
    `HTTP_${response.status}`,
    `The service answered ${response.status} ${response.statusText}`.trim() +
      ' without an hrsync error; is this the address of an hrsync service?',
  );
}

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
