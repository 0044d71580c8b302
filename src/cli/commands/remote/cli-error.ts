/**
 * A refusal the CLI decides itself (no token, a connection name that matches nothing, a file it
 * cannot write). Printed like the API's errors, `CODE: message`, with the catalogue's code where one
 * means the same thing, so scripts see one shape whichever side refused.
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
