/**
 * Turns any failure of a remote command into lines for stderr, as the console words it: the error's
 * title ("Your role does not allow this") and the service's message, then one line per detail naming
 * the field in words with its path beside it; an unreachable service named with the hint where to
 * look. With `--json` the error is one JSON document instead, `{"error": {code, message, details}}`, so scripts get the catalogue's
 * stable code. Every line passes through `redact`, so the token cannot leak even if a message quoted it.
 */
import { errorTitle } from '../../../contracts/index.ts';
import type { ErrorCode } from '../../../core/index.ts';
import { ApiError, ServiceUnreachableError } from '../../api-client/index.ts';
import { refusalLines } from '../refusal-lines.ts';
import { CliError } from './cli-error.ts';
import { toJson } from './format.ts';

/**
 * Titles that fit a command line, as the console's sign-in page has its own: a CLI has no session to
 * be signed out of, only a token that was refused.
 */
const CLI_TITLES: Partial<Record<ErrorCode, string>> = {
  HRS_UNAUTHENTICATED: 'The API token was not accepted',
};
const TOKEN_HINT =
  'Check --token or HRSYNC_TOKEN: it may be mistyped, revoked or expired. An admin creates a new one in the console (API tokens).';
const title = (code: string): string => CLI_TITLES[code as ErrorCode] ?? errorTitle(code);

export function errorLines(error: unknown): string[] {
  if (error instanceof ApiError) {
    const lines = refusalLines({
      code: error.code,
      message: error.message,
      details: error.details,
      title: title(error.code),
    });
    // The API's message speaks to any client ("Sign in, or send …"); say where a CLI's token comes from.
    return error.code === 'HRS_UNAUTHENTICATED' ? [...lines, TOKEN_HINT] : lines;
  }
  if (error instanceof ServiceUnreachableError) {
    return [
      error.message,
      'Check --url or HRSYNC_URL, and that `hrsync serve` is running and reachable from here.',
    ];
  }
  // The CLI's own refusals are whole sentences already ("No API token: set HRSYNC_TOKEN …").
  if (error instanceof CliError) return [error.message];
  return [`Unexpected error: ${error instanceof Error ? error.message : String(error)}`];
}

/** The error for scripts (`--json`): the catalogue's code, the message and the details. */
export function errorJson(error: unknown): string {
  if (error instanceof ApiError)
    return toJson({ error: { code: error.code, message: error.message, details: error.details } });
  if (error instanceof CliError)
    return toJson({ error: { code: error.code, message: error.message, details: [] } });
  if (error instanceof ServiceUnreachableError)
    return toJson({ error: { code: 'NETWORK', message: error.message, details: [] } });
  return toJson({
    error: { code: null, message: error instanceof Error ? error.message : String(error), details: [] },
  });
}

export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}
