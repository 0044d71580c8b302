import type { AfasFieldMeta } from '../demo-data/types.ts';
import { unexpected } from './profit-error.ts';
import { compareTyped, equalityKey, parseFilterValue, type Typed, textOf } from './typed-values.ts';

/**
 * Profit's filter operator codes: 1 `=`, 2 `>=`, 3 `<=`, 4 `>`, 5 `<`, 6 contains, 7 `!=`, 8 empty,
 * 9 not empty, 10 starts with, 11 does not contain, 12 does not start with, 13 ends with,
 * 14 does not end with, 15 quick filter.
 */
export type OperatorType = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;

export function parseOperatorType(text: string): OperatorType {
  const n = /^\d{1,2}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(n >= 1 && n <= 15)) throw unexpected(`operator type '${text}' is not one of 1-15`);
  return n as OperatorType;
}

export type ValueTest = (value: Typed) => boolean;

/**
 * Comparisons (1-5, 7) use the field's type, so dates compare as dates and numbers as numbers; the
 * text operators look at the value as case-insensitive text. Empty values never satisfy a comparison
 * but do satisfy the negated text operators and `!=` (UNCERTAIN: Profit's exact NULL handling).
 */
export function compileTest(field: AfasFieldMeta, operator: OperatorType, text: string): ValueTest {
  const needle = text.toLowerCase();
  switch (operator) {
    case 1:
    case 7: {
      const key = equalityKey(parseFilterValue(field.dataType, field.id, text));
      return operator === 1 ? (v) => equalityKey(v) === key : (v) => equalityKey(v) !== key;
    }
    case 2:
    case 3:
    case 4:
    case 5: {
      const target = parseFilterValue(field.dataType, field.id, text);
      const accept = ORDER_TESTS[operator];
      return (v) => v !== null && target !== null && accept(compareTyped(v, target));
    }
    case 6:
    case 11:
      return holdsUnless(operator === 11, (v) => textOf(v).includes(needle));
    case 8:
      return (v) => v === null;
    case 9:
      return (v) => v !== null;
    case 10:
    case 12:
      return holdsUnless(operator === 12, (v) => textOf(v).startsWith(needle));
    case 13:
    case 14:
      return holdsUnless(operator === 14, (v) => textOf(v).endsWith(needle));
    case 15: {
      const pattern = quickFilterPattern(needle);
      return (v) => v !== null && pattern.test(textOf(v));
    }
  }
}

/** A text operator never holds for an empty value, so its negation always does. */
function holdsUnless(negated: boolean, test: ValueTest): ValueTest {
  return negated ? (v) => v === null || !test(v) : (v) => v !== null && test(v);
}

const ORDER_TESTS: Record<2 | 3 | 4 | 5, (c: number) => boolean> = {
  2: (c) => c >= 0,
  3: (c) => c <= 0,
  4: (c) => c > 0,
  5: (c) => c < 0,
};

/** A quick filter finds the text anywhere, with `*` for any run of characters and `?` for one. */
function quickFilterPattern(needle: string): RegExp {
  const source = needle
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(source, 's');
}
