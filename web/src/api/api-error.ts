/**
 * An API failure in a form the console can show: the catalogue code, the service's message (which
 * already says what to do) and the per-field details. Network failures and non-JSON answers are
 * turned into the same shape, so every page has one way to show an error.
 */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ErrorDetail[];
  readonly retryable: boolean;

  constructor(
    status: number,
    code: string,
    message: string,
    details: readonly ErrorDetail[] = [],
    retryable = false,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryable = retryable;
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
    // A proxy or a crashed server may answer with HTML; the status still tells the story.
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
    `The service answered ${response.status} ${response.statusText || ''}`.trim() + '.',
  );
}

export const networkError = (cause: unknown): ApiError =>
  new ApiError(
    0,
    'NETWORK',
    `Cannot reach the hrsync service (${cause instanceof Error ? cause.message : String(cause)}). ` +
      'Check that it is running and try again.',
    [],
    true,
  );

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
