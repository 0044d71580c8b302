/**
 * Each error's title in words, naming the kind of problem so it can be told apart at a glance; the
 * message under it (the service's own) says what to do. The console's error boxes and the CLI's
 * error lines both start with it, rather than with the catalogue's code.
 */
import { ERROR_CATALOGUE, type ErrorCode } from '../core/errors.ts';

// Keyed by the catalogue: a new error code does not compile until it has a title here.
export const ERROR_TITLES: Readonly<Record<ErrorCode, string>> = {
  HRS_CONFIG_INVALID: 'Some settings need attention',
  HRS_CONFIG_UNSUPPORTED_VERSION: 'Configuration version not supported',
  HRS_SECRET_UNRESOLVED: 'A secret could not be found',
  HRS_EXPR_SYNTAX: 'The expression cannot be read',
  HRS_EXPR_EVALUATION: 'The expression failed',
  HRS_SOURCE_AUTH: 'AFAS refused the token',
  HRS_SOURCE_UNAVAILABLE: 'AFAS is not available',
  HRS_SOURCE_READ_FAILED: 'Reading AFAS failed',
  HRS_SOURCE_TOO_SMALL: 'AFAS returned too few employees',
  HRS_SOURCE_WRITE_FAILED: 'Writing back to AFAS failed',
  HRS_TARGET_AUTH: 'Microsoft 365 refused the credentials',
  HRS_TARGET_UNAVAILABLE: 'Microsoft 365 is not available',
  HRS_TARGET_UNREACHABLE: 'Microsoft 365 cannot be reached at its address',
  HRS_TARGET_WRITE_FAILED: 'Microsoft 365 rejected a change',
  HRS_TARGET_READ_FAILED: 'Reading Microsoft 365 failed',
  HRS_MATCH_AMBIGUOUS: 'More than one account matches',
  HRS_UNIQUE_EXHAUSTED: 'No unique name left',
  HRS_RUN_BLOCKED: 'The run was blocked',
  HRS_RUN_INTERRUPTED: 'The run was interrupted',
  HRS_VALIDATION: 'Some fields need attention',
  HRS_NOT_FOUND: 'Not found',
  HRS_CONFLICT: 'That conflicts with existing data',
  HRS_INVALID_STATE: 'Not possible right now',
  HRS_SUBSCRIPTION_INACTIVE: 'User Management subscription not active',
  HRS_UNAUTHENTICATED: 'You are signed out',
  HRS_FORBIDDEN: 'Your role does not allow this',
  HRS_PATTERN_TIMEOUT: 'A regular expression took too long',
  HRS_PATTERN_UNSAFE: 'A regular expression could freeze the service',
  HRS_PAYLOAD_TOO_LARGE: 'That is too much data for one request',
  HRS_UNSUPPORTED_MEDIA_TYPE: 'The request must be sent as JSON',
  HRS_METHOD_NOT_ALLOWED: 'Not possible with this method',
  HRS_HEADERS_TOO_LARGE: 'The address or headers are too long',
  HRS_REQUEST_TIMEOUT: 'The request took too long to arrive',
  HRS_RATE_LIMITED: 'Too many attempts; wait a moment',
  HRS_BUSY: 'hrsync is busy',
  HRS_INTERNAL: 'Something went wrong in hrsync',
  HRS_TARGET_VALUE_INVALID: 'A value does not fit the account',
  HRS_AGENT_UNAVAILABLE: 'The directory agent did not answer',
  HRS_AGENT_REFUSED: 'The directory agent was refused',
  HRS_TARGET_ACCOUNT_OWNED_ELSEWHERE: 'The account is managed elsewhere',
  HRS_ACCOUNT_LINKED_ELSEWHERE: 'The account is already linked to another person',
  HRS_QUARANTINED: 'Quarantined: not sent again until something changes',
  HRS_SECOND_FACTOR_PENDING: 'Enter the code from your authenticator app',
  HRS_SECOND_FACTOR_REQUIRED: 'Set up a second factor first',
};

/**
 * The destination's errors of a hybrid connection or tenant: the destination there is on-premises
 * Active Directory (written over LDAPS), not Microsoft 365.
 */
export const HYBRID_TARGET_TITLES: Readonly<Partial<Record<ErrorCode, string>>> = {
  HRS_TARGET_AUTH: 'Active Directory refused the bind account',
  HRS_TARGET_UNAVAILABLE: 'Active Directory is not available',
  HRS_TARGET_UNREACHABLE: 'Active Directory cannot be reached at its address',
  HRS_TARGET_WRITE_FAILED: 'Active Directory rejected a change',
  HRS_TARGET_READ_FAILED: 'Reading Active Directory failed',
};

/** The title of a catalogued code; `fallback` for anything else (a newer service's code). */
export const errorTitle = (code: string, fallback = 'The operation failed'): string =>
  Object.hasOwn(ERROR_CATALOGUE, code) ? ERROR_TITLES[code as ErrorCode] : fallback;
