import type { ExprNode } from './ast.ts';
import { checkTree } from './checker.ts';
import { ExpressionFailure } from './failure.ts';
import { deepFreeze } from './freeze.ts';
import { tokenize } from './lexer.ts';
import { describeLocation, lineAndColumn } from './location.ts';
import { parseTokens } from './parser.ts';

export interface ParseError {
  /** Ends with where: "expected ')' at column 17" (or "line 2, column 5" for multi-line text). */
  readonly message: string;
  /** 0-based offset into the text. */
  readonly position: number;
  readonly line: number;
  readonly column: number;
}

export type ParseResult =
  | { readonly ok: true; readonly ast: ExprNode }
  | { readonly ok: false; readonly error: ParseError };

/**
 * Parses and checks an expression: syntax, known function names, argument counts and the other
 * static rules. Attribute names are not checked here (see references()), so the same expression can
 * be validated against whichever schema the caller has.
 */
/** Longer expressions are refused before they are even tokenised. */
export const MAX_EXPRESSION_LENGTH = 10_000;

/**
 * Trees parsed before, by their text (≤ PARSED_KEPT; trees are frozen, so they are shared): every run
 * parses its configuration's expressions again, and a tree seen before brings the closures compiled
 * for it (evaluate.ts), already optimised, instead of new ones that start cold in every run.
 */
const parsed = new Map<string, ParseResult>();
const PARSED_KEPT = 1024;

export function parseExpression(text: string): ParseResult {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return {
      ok: false,
      error: {
        message: `the expression is ${text.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`,
        position: MAX_EXPRESSION_LENGTH,
        line: 1,
        column: MAX_EXPRESSION_LENGTH + 1,
      },
    };
  }
  const known = parsed.get(text);
  if (known !== undefined) return known;
  try {
    const ast = parseTokens(tokenize(text));
    checkTree(ast);
    const result: ParseResult = Object.freeze({ ok: true, ast: deepFreeze(ast) });
    if (parsed.size >= PARSED_KEPT) parsed.clear();
    parsed.set(text, result);
    return result;
  } catch (e) {
    if (!(e instanceof ExpressionFailure)) throw e;
    const { line, column } = lineAndColumn(text, e.position);
    return {
      ok: false,
      error: {
        message: `${e.message} at ${describeLocation(text, e.position)}`,
        position: e.position,
        line,
        column,
      },
    };
  }
}
