/**
 * The one error catalogue (STYLE.md principle 6). Every error has a stable code, an HTTP status, a
 * description that says what to do, and whether retrying can help. Codes are never reused: retire a
 * code by marking it `retired`, never by deleting or renaming it.
 */
export interface ErrorDefinition {
  readonly status: number;
  readonly retryable: boolean;
  /** What the code means and what to do about it; shown in the API docs. */
  readonly description: string;
  readonly retired?: true;
}

export const ERROR_CATALOGUE = {
  HRS_CONFIG_INVALID: {
    status: 400,
    retryable: false,
    description: 'The connection configuration is invalid; `details` lists each bad field by path and why.',
  },
  HRS_CONFIG_UNSUPPORTED_VERSION: {
    status: 400,
    retryable: false,
    description:
      'The configuration declares a version this hrsync does not know; upgrade hrsync or fix `version`.',
  },
  HRS_SECRET_UNRESOLVED: {
    status: 400,
    retryable: false,
    description: 'A secret reference could not be resolved (environment variable unset or file unreadable).',
  },
  HRS_EXPR_SYNTAX: {
    status: 400,
    retryable: false,
    description: 'An expression could not be parsed; the message names the position.',
  },
  HRS_EXPR_EVALUATION: {
    status: 400,
    retryable: false,
    description: 'An expression failed while evaluating (wrong argument type or count).',
  },
  HRS_SOURCE_AUTH: {
    status: 502,
    retryable: false,
    description:
      'AFAS refused the token (401/403). Check the token and that the GetConnectors are in the App Connector.',
  },
  HRS_SOURCE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    description: 'AFAS is unavailable (503 or network failure) and did not recover within the retry budget.',
  },
  HRS_SOURCE_READ_FAILED: {
    status: 502,
    retryable: false,
    description:
      'A GetConnector read failed or returned an incomplete result; the run was aborted before planning.',
  },
  HRS_SOURCE_TOO_SMALL: {
    status: 409,
    retryable: false,
    description:
      'The source returned implausibly few persons compared with the last run; nothing was planned.',
  },
  HRS_SOURCE_WRITE_FAILED: {
    status: 502,
    retryable: false,
    description:
      'AFAS refused a write-back (e-mail or UPN); the account itself was written. The message carries AFAS’s own.',
  },
  HRS_TARGET_AUTH: {
    status: 502,
    retryable: false,
    description:
      'The identity platform refused the app credentials, or Graph refused the token or permission.',
  },
  HRS_TARGET_UNAVAILABLE: {
    status: 503,
    retryable: true,
    description:
      'The target is not available for now and may be later: Microsoft Graph kept answering 429/503 beyond the retry budget, or no domain controller could be reached (refused, timed out, busy). Retried.',
  },
  HRS_TARGET_UNREACHABLE: {
    status: 502,
    retryable: false,
    description:
      'The target cannot be reached at its configured address, and trying again cannot help: a TLS certificate that is not trusted, a host DNS does not know, or a port fetch refuses (the message says which). A connection problem, not a person’s: nobody is quarantined for it.',
  },
  HRS_TARGET_WRITE_FAILED: {
    status: 502,
    retryable: false,
    description: 'Graph rejected a write; the item error carries Graph’s code and message.',
  },
  HRS_TARGET_READ_FAILED: {
    status: 502,
    retryable: false,
    description: 'Reading the tenant failed; the run was aborted before planning.',
  },
  HRS_MATCH_AMBIGUOUS: {
    status: 409,
    retryable: false,
    description: 'More than one account matches this person; resolve the duplicate in the tenant.',
  },
  HRS_UNIQUE_EXHAUSTED: {
    status: 409,
    retryable: false,
    description: 'Every candidate value for a unique attribute is already taken; add a candidate rule.',
  },
  HRS_RUN_BLOCKED: {
    status: 409,
    retryable: false,
    description: 'The run breached a safety threshold; nothing was applied until an operator approves.',
  },
  HRS_VALIDATION: {
    status: 400,
    retryable: false,
    description: 'The request is invalid; `details` lists each bad field by path and why.',
  },
  HRS_NOT_FOUND: {
    status: 404,
    retryable: false,
    description: 'The resource does not exist in your organisation.',
  },
  HRS_CONFLICT: {
    status: 409,
    retryable: false,
    description: 'The request conflicts with existing data (for example a name already in use).',
  },
  HRS_INVALID_STATE: {
    status: 409,
    retryable: false,
    description:
      'The operation is not allowed in the connection’s or run’s current state; the message names it.',
  },
  HRS_SUBSCRIPTION_INACTIVE: {
    status: 409,
    retryable: false,
    description:
      'The tenant’s User Management subscription is not active; connections cannot be created or activated.',
  },
  HRS_UNAUTHENTICATED: { status: 401, retryable: false, description: 'Sign in or send a valid API token.' },
  HRS_FORBIDDEN: { status: 403, retryable: false, description: 'Your role does not allow this operation.' },
  HRS_RUN_INTERRUPTED: {
    status: 503,
    retryable: true,
    description:
      'The worker running the run stopped (crash, lost database) and the run was not finished within its attempts; start it again — creates are re-matched, so it is safe.',
  },
  HRS_PATTERN_TIMEOUT: {
    status: 422,
    retryable: false,
    description:
      'A regular expression in a mapping, unique-name candidate or scoping filter took longer than its time budget on one value (catastrophic backtracking); the run failed and the message names the mapping or filter. Simplify the pattern.',
  },
  HRS_PATTERN_UNSAFE: {
    status: 400,
    retryable: false,
    description:
      'A regular expression can backtrack catastrophically (exponential or high polynomial time) and was refused when saved; `details` names each pattern by path. Rewrite it without nested or overlapping repetition.',
  },
  HRS_PAYLOAD_TOO_LARGE: {
    status: 413,
    retryable: false,
    description:
      'The request body is larger than the service accepts (2 MiB; a page of a directory agent’s read 4 MiB), or a directory agent’s read came to more than one read may hold in all (1 GiB): the message names the limit.',
  },
  HRS_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    retryable: false,
    description:
      'The request body is not JSON (another Content-Type, or none), or is compressed (Content-Encoding) or in a charset other than UTF-8; the message names what was received. Send the body as uncompressed UTF-8 JSON with the header `Content-Type: application/json`.',
  },
  HRS_METHOD_NOT_ALLOWED: {
    status: 405,
    retryable: false,
    description:
      'The path exists but not with this HTTP method; the `Allow` header and the message list the methods it takes.',
  },
  HRS_HEADERS_TOO_LARGE: {
    status: 431,
    retryable: false,
    description:
      'The request line (the URL with its query string) and the headers together are longer than the service reads (16 KiB); shorten the URL or the headers. The connection is closed.',
  },
  HRS_REQUEST_TIMEOUT: {
    status: 408,
    retryable: true,
    description:
      'The request (its headers or its body) did not arrive whole in time; the connection is closed. Send it again.',
  },
  HRS_RATE_LIMITED: {
    status: 429,
    retryable: true,
    description:
      'Too many attempts (sign-in failures from this address or for this account, agent registrations from this address, agent requests whose signature did not verify for that agent or from this address, or test notifications of the organisation); wait the number of seconds in `Retry-After` and try again.',
  },
  HRS_BUSY: {
    status: 503,
    retryable: true,
    description:
      'The service is already working on as many previews, run comparisons or exports as it takes at once (or as many as one organisation may have), or a preview ran past its time limit; try again after the seconds in `Retry-After`, or in a minute (a narrower scope previews faster).',
  },
  HRS_INTERNAL: {
    status: 500,
    retryable: true,
    description: 'An unexpected error; it was logged with the request id.',
  },
  HRS_TARGET_VALUE_INVALID: {
    status: 422,
    retryable: false,
    description:
      'A mapped value breaks a rule of the target (too long, wrong format, required but empty, cannot be cleared); the message names the attribute and the rule. Fix the AFAS data or the mapping, or let the mapping shorten the value.',
  },
  HRS_AGENT_UNAVAILABLE: {
    status: 503,
    retryable: true,
    description:
      'No directory agent of the tenant took the operation, or the agent that took it stopped answering; the message names the agent. Check that `hrsync agent run` is running and reaches the service.',
  },
  HRS_AGENT_REFUSED: {
    status: 401,
    retryable: false,
    description:
      'The directory agent was refused: its registration key is unknown, used or expired, or the agent was revoked — create a new registration and run `hrsync agent register` again; or its request carried no valid signature (another key, another request, a replay of one already received, or an agent too old: the message says which). Refused for its time (signed too long ago or ahead), the clock of the agent machine is more than 60 s off the service clock: set it right (NTP or the domain time service) and the agent carries on by itself.',
  },
  HRS_TARGET_ACCOUNT_OWNED_ELSEWHERE: {
    status: 409,
    retryable: false,
    description:
      'The account is managed by another system (an Entra account synced from on-premises Active Directory), so the target refuses these changes; nothing refused is sent. Change them where the account is managed, exclude the person with an override, or stop mapping the attribute.',
  },
  HRS_ACCOUNT_LINKED_ELSEWHERE: {
    status: 409,
    retryable: false,
    description:
      'The target answered a create with an account that is already linked to another person (by an earlier run, or earlier in this run): one account is never linked to two persons, so no link was written and the person failed; the message names both persons and the account. Check the account in the target (and, behind an agent, the agent that answered).',
  },
  HRS_QUARANTINED: {
    status: 409,
    retryable: false,
    description:
      'The target refused this person for a reason retrying cannot fix, so nothing is sent to them until their AFAS data or the configuration changes, or an operator releases them, runs them again or adds an override. The message says since when and why.',
  },
  HRS_SECOND_FACTOR_PENDING: {
    status: 401,
    retryable: false,
    description:
      'The password was right but the account has a second factor: the session is not usable until the code from the authenticator app (or a recovery code) is sent to POST /api/v1/session/second-factor, within 5 minutes.',
  },
  HRS_SECOND_FACTOR_REQUIRED: {
    status: 403,
    retryable: false,
    description:
      'Your organisation requires admins to use a second factor and you have none yet: set one up (POST /api/v1/account/second-factor/enrolment, then confirm it with a code) before anything else works. API tokens are not affected.',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ErrorDetail {
  /** JSON-pointer-like path to the offending field, e.g. `/mapping/attributes/3/expression`. */
  readonly path: string;
  readonly message: string;
}

export class HrsyncError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly details: readonly ErrorDetail[];
  /** Seconds to wait before retrying, when the remote side said so. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: readonly ErrorDetail[]; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HrsyncError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.retryable = ERROR_CATALOGUE[code].retryable;
    this.details = options.details ?? [];
    this.retryAfter = options.retryAfter;
  }

  toJSON(): { code: ErrorCode; message: string; retryable: boolean; details: readonly ErrorDetail[] } {
    return { code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}

export const isHrsyncError = (e: unknown): e is HrsyncError => e instanceof HrsyncError;

/**
 * Why a run failed, as the run keeps it: the error's code and message, and the configuration paths
 * its details name (JSON pointers such as `/mapping/3/source`, each once), so the console can open the
 * step that holds them.
 */
export interface RunError {
  readonly code: string;
  readonly message: string;
  readonly paths: readonly string[];
}

/** The paths `details` name, each once, leaving out any that points at no field. */
export const configPaths = (details: readonly ErrorDetail[]): readonly string[] => [
  ...new Set(details.map((d) => d.path).filter((p) => p.startsWith('/') && p.length > 1)),
];

export const runError = (error: HrsyncError): RunError => ({
  code: error.code,
  message: error.message,
  paths: configPaths(error.details),
});
