import type { ExprNode } from './ast.ts';
import type { EvalContext } from './context.ts';
import { type EvalResult, evaluate } from './evaluate.ts';
import { type ParseError, parseExpression } from './parse-expression.ts';
import { references } from './references.ts';

export interface CompiledExpression {
  readonly text: string;
  readonly ast: ExprNode;
  /** Attribute names read, for validating against the source schema. */
  readonly references: readonly string[];
  evaluate(context: EvalContext): EvalResult;
}

export type CompileResult =
  | { readonly ok: true; readonly expression: CompiledExpression }
  | { readonly ok: false; readonly error: ParseError };

/** Parse, check and bind in one step: what a mapping stage needs per configured expression. */
export function compile(text: string): CompileResult {
  const parsed = parseExpression(text);
  if (!parsed.ok) return parsed;
  const ast = parsed.ast;
  const expression: CompiledExpression = Object.freeze({
    text,
    ast,
    references: references(ast),
    evaluate: (context: EvalContext) => evaluate(ast, context),
  });
  return { ok: true, expression };
}
