/**
 * Turns any failure of a remote command into lines for stderr: the API's `CODE: message` and one
 * `  path: message` line per detail; an unreachable service named with the hint where to look.
 * Every line passes through `redact`, so the token cannot leak even if a message quoted it.
 */
import { ApiError, ServiceUnreachableError } from '../../api-client/index.ts';
import { CliError } from './cli-error.ts';

export function errorLines(error: unknown): string[] {
  if (error instanceof ApiError) {
    return [
      `${error.code}: ${error.message}`,
      ...error.details.map((d) => `  ${d.path || '/'}: ${d.message}`),
    ];
  }
  if (error instanceof ServiceUnreachableError) {
    return [
      error.message,
      'Check --url or HRSYNC_URL, and that `hrsync serve` is running and reachable from here.',
    ];
  }
  if (error instanceof CliError) return [error.code ? `${error.code}: ${error.message}` : error.message];
  return [`Unexpected error: ${error instanceof Error ? error.message : String(error)}`];
}

export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}
