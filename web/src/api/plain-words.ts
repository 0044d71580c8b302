/**
 * Turns any failure into a title and message an administrator can act on. The service's message
 * already says what to do; the title names the kind of problem so it can be told apart at a glance.
 */
import { isApiError } from './api-error.ts';
import {
  detailLines,
  ERROR_CATALOGUE,
  type ErrorCode,
  HYBRID_TARGET_TITLES,
  refusalSummary,
  type TenantType,
  ERROR_TITLES as TITLES,
} from './contracts.ts';

export interface PlainError {
  readonly title: string;
  readonly message: string;
  readonly details: readonly string[];
}

const isCatalogued = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CATALOGUE, code);

/**
 * `titles` lets a page name a refusal for what it means there: on the sign-in page
 * HRS_UNAUTHENTICATED is "Wrong e-mail address or password", not "You are signed out".
 */
export function plainWords(
  error: unknown,
  titles: Partial<Record<ErrorCode, string>> = {},
  /** A hybrid connection's destination errors are Active Directory's, not Microsoft 365's. */
  tenantType: TenantType | null = null,
): PlainError {
  if (isApiError(error)) {
    const title = isCatalogued(error.code)
      ? (titles[error.code] ??
        (tenantType === 'hybrid' ? HYBRID_TARGET_TITLES[error.code] : undefined) ??
        TITLES[error.code])
      : error.code === 'NETWORK'
        ? 'Cannot reach hrsync'
        : 'The operation failed';
    // Fields in the words of the forms (src/contracts/field-words.ts, shared with the CLI).
    const details = detailLines(error.details);
    const message = refusalSummary(error.code, error.message, details.length);
    return { title, message, details };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: 'The operation failed', message, details: [] };
}
