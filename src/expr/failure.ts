/**
 * The parser and evaluator signal problems by throwing these internally, because a problem deep in
 * a nested call must abandon the whole expression; parseExpression() and evaluate() catch them and
 * return them as values (STYLE.md principle 7). Anything else thrown is a bug and propagates.
 */
export type ExpressionFailureCode = 'HRS_EXPR_SYNTAX' | 'HRS_EXPR_EVALUATION' | 'HRS_UNIQUE_EXHAUSTED';

export class ExpressionFailure extends Error {
  readonly position: number;
  readonly code: ExpressionFailureCode;

  constructor(code: ExpressionFailureCode, message: string, position: number) {
    super(message);
    this.name = 'ExpressionFailure';
    this.code = code;
    this.position = position;
  }
}

export function syntaxFailure(message: string, position: number): never {
  throw new ExpressionFailure('HRS_EXPR_SYNTAX', message, position);
}

export function evaluationFailure(message: string, position: number): never {
  throw new ExpressionFailure('HRS_EXPR_EVALUATION', message, position);
}
