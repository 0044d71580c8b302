import type { AttrValue } from '../core/index.ts';
import type { EvalContext } from './context.ts';
import { type EvalResult, evaluate } from './evaluate.ts';
import { parseExpression } from './parse-expression.ts';

/** Shared by the *.test.ts files of this folder: parse (failing loudly) and evaluate in one call. */
export function run(
  expression: string,
  attributes: Readonly<Record<string, AttrValue>> = {},
  context: Partial<Omit<EvalContext, 'attributes'>> = {},
): EvalResult {
  const parsed = parseExpression(expression);
  if (!parsed.ok) throw new Error(`${expression}: ${parsed.error.message}`);
  return evaluate(parsed.ast, {
    attributes,
    now: () => '2021-08-25T17:41:18Z',
    random: sequence(0.5),
    ...context,
  });
}

/** The value of a successful evaluation; a failed one fails the test with its message. */
export function value(
  expression: string,
  attributes: Readonly<Record<string, AttrValue>> = {},
  context: Partial<Omit<EvalContext, 'attributes'>> = {},
): AttrValue {
  const result = run(expression, attributes, context);
  if (!result.ok) throw new Error(`${expression}: ${result.error.message}`);
  return result.value;
}

/** The error message of a failed evaluation; a successful one fails the test. */
export function failure(
  expression: string,
  attributes: Readonly<Record<string, AttrValue>> = {},
  context: Partial<Omit<EvalContext, 'attributes'>> = {},
): string {
  const result = run(expression, attributes, context);
  if (result.ok) throw new Error(`${expression}: expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error.message;
}

/** A random source that repeats the given numbers. */
export function sequence(...numbers: number[]): () => number {
  let i = 0;
  return () => numbers[i++ % numbers.length]!;
}
