import type { AttrValue } from '../core/index.ts';
import type { EvalState } from './context.ts';
import type { RuntimeCall } from './definition.ts';
import { evaluationFailure } from './failure.ts';
import { paramName } from './signature.ts';
import { type Scalar, scalarText, showValue, toNumber } from './values.ts';

/** Argument accessors for function implementations; failures name the function and parameter. */

export function isGiven(call: RuntimeCall, index: number): boolean {
  return call.args[index] !== undefined;
}

export function argValue(call: RuntimeCall, index: number, state: EvalState): AttrValue | undefined {
  return call.args[index]?.(state);
}

export function argFailure(call: RuntimeCall, index: number, problem: string): never {
  const position = call.node.args[index]?.start ?? call.node.start;
  return evaluationFailure(`${call.node.name}: ${paramName(call.signature, index)} ${problem}`, position);
}

export function callFailure(call: RuntimeCall, problem: string): never {
  return evaluationFailure(`${call.node.name}: ${problem}`, call.node.start);
}

/** A single value; a multi-valued attribute with one value counts as that value. Missing is null. */
export function argScalar(call: RuntimeCall, index: number, state: EvalState): Scalar {
  const value = argValue(call, index, state);
  if (value === undefined) return null;
  if (!Array.isArray(value)) return value as Scalar;
  if (value.length <= 1) return value[0] ?? null;
  return argFailure(call, index, `must be a single value, got ${showValue(value)}`);
}

/** Text of a single value, or null when the argument is null, absent or left empty. */
export function argText(call: RuntimeCall, index: number, state: EvalState): string | null {
  const value = argScalar(call, index, state);
  return value === null ? null : scalarText(value);
}

export function argNumber(call: RuntimeCall, index: number, state: EvalState): number {
  const value = argScalar(call, index, state);
  const n = toNumber(value);
  if (n === undefined || !Number.isFinite(n))
    return argFailure(call, index, `must be a number, got ${showValue(value)}`);
  return n;
}

export function argInteger(call: RuntimeCall, index: number, state: EvalState): number {
  const n = argNumber(call, index, state);
  if (!Number.isInteger(n)) return argFailure(call, index, `must be a whole number, got ${n}`);
  return n;
}
