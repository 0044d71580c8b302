import { HrsyncError } from '../core/index.ts';
import type { EvaluationError } from './evaluate.ts';
import type { ParseError } from './parse-expression.ts';

/** For callers that report through the error catalogue (API, run items): the catalogue code. */
export function toHrsyncError(error: ParseError | EvaluationError, path = ''): HrsyncError {
  const code = 'code' in error ? error.code : 'HRS_EXPR_SYNTAX';
  return new HrsyncError(code, error.message, { details: [{ path, message: error.message }] });
}
