import type { AttrValue } from '../core/index.ts';
import type { ComparisonOperator } from './ast.ts';
import { evaluationFailure } from './failure.ts';
import { type Scalar, showValue, toBoolean, toNumber } from './values.ts';

/**
 * The comparison operators Entra allows in an IIF condition, with VB's coercions: a number against
 * a number or numeric text compares as numbers, a boolean against a boolean or "True"/"False" as
 * booleans, everything else as case-sensitive (ordinal) text. Null compares as the empty string —
 * unlike Entra, where a null attribute makes the condition fail, so `IIF([country]="", …)` works here.
 */
export function compareValues(
  operator: ComparisonOperator,
  left: AttrValue,
  right: AttrValue,
  position: number,
): boolean {
  const a = single(left, position);
  const b = single(right, position);
  let order: number;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a ?? '');
    const y = toNumber(b ?? '');
    order = x !== undefined && y !== undefined ? x - y : textOrder(a, b);
  } else if (typeof a === 'boolean' || typeof b === 'boolean') {
    const x = toBoolean(a);
    const y = toBoolean(b);
    if (x === undefined || y === undefined) {
      order = textOrder(a, b);
    } else {
      if (operator !== '=' && operator !== '<>') {
        evaluationFailure(`cannot order true/false values with '${operator}'; use = or <>`, position);
      }
      order = x === y ? 0 : 1;
    }
  } else {
    order = textOrder(a, b);
  }
  switch (operator) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function single(value: AttrValue, position: number): Scalar {
  if (!Array.isArray(value)) return value as Scalar;
  if (value.length <= 1) return value[0] ?? null;
  return evaluationFailure(`cannot compare ${showValue(value)}; pick one value with Item()`, position);
}

function textOrder(a: Scalar, b: Scalar): number {
  const x = a === null ? '' : String(typeof a === 'boolean' ? (a ? 'True' : 'False') : a);
  const y = b === null ? '' : String(typeof b === 'boolean' ? (b ? 'True' : 'False') : b);
  return x === y ? 0 : x < y ? -1 : 1;
}
