/**
 * An API failure as every client sees it — the console and the CLI alike: the catalogue code, the
 * service's message (which already says what to do) and the per-field details. Only how a client
 * reaches the service (and fails to) differs, so transport errors stay with each client.
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

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

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

/**
 * Reads `{ error: { code, message, details } }`; anything else (a proxy's HTML page, a crashed
 * server) still becomes a readable error from the status, ending with `hint`.
 */
export async function apiErrorFrom(response: Response, hint = '.'): Promise<ApiError> {
  let body: ErrorBodyShape | null = null;
  try {
    body = (await response.json()) as ErrorBodyShape;
  } catch {
    // Not JSON: the status still tells the story.
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
    `The service answered ${response.status} ${response.statusText || ''}`.trim() + hint,
  );
}
