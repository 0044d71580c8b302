/**
 * A refusal the CLI decides itself (no token, a connection name that matches nothing, a file it
 * cannot write). Printed like the API's errors — the code's title and the message, or with `--json` the
 * catalogue's code — so scripts and people see one shape whichever side refused.
 */
import type { ErrorCode } from '../../../core/index.ts';

export class CliError extends Error {
  constructor(
    readonly code: ErrorCode | null,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
