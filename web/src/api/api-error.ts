/**
 * API failures in the console: the shared `ApiError` (src/contracts), and network failures turned
 * into the same shape, so every page has one way to show an error.
 */
import { ApiError } from '../../../src/contracts/api-error.ts';

export { ApiError, apiErrorFrom, type ErrorDetail, isApiError } from '../../../src/contracts/api-error.ts';

export const networkError = (cause: unknown): ApiError =>
  new ApiError(
    0,
    'NETWORK',
    `Cannot reach the hrsync service (${cause instanceof Error ? cause.message : String(cause)}). ` +
      'Check that it is running and try again.',
    [],
    true,
  );
