import type { AttrValue } from '../core/index.ts';
import { evaluationFailure } from './failure.ts';

/**
 * The longest text any call may give. Entra ID's longest attributes hold a few thousand characters;
 * without a limit Replace multiplies its text with each level of nesting (every "a" becoming ten:
 * 300 characters of expression asked for 10^9 characters, 8 s of CPU and 1.2 GB before V8 gave up).
 */
export const MAX_TEXT_LENGTH = 100_000;

const words = (n: number): string => n.toLocaleString('en');

/** Refuses, before it is built, a result of `length` characters that would pass the limit. */
export function assertResultLength(
  name: string,
  length: number,
  position: number,
  how: 'would be' | 'would be more than' | 'could make one match' = 'would be',
): void {
  if (length > MAX_TEXT_LENGTH) {
    const what =
      how === 'would be more than'
        ? `the result would be more than ${words(MAX_TEXT_LENGTH)} characters long`
        : how === 'could make one match'
          ? `one match's replacement could be ${words(length)} characters long`
          : `the result would be ${words(length)} characters long`;
    evaluationFailure(`${name}: ${what}; a value may be at most ${words(MAX_TEXT_LENGTH)}`, position);
  }
}

/** A call's value, refused when its text (or a value of its list) is over the limit. */
export function boundedValue(name: string, value: AttrValue, position: number): AttrValue {
  if (typeof value === 'string') {
    if (value.length > MAX_TEXT_LENGTH) tooLong(name, value.length, position);
  } else if (Array.isArray(value)) {
    for (const item of value) if (item.length > MAX_TEXT_LENGTH) tooLong(name, item.length, position);
  }
  return value;
}

function tooLong(name: string, length: number, position: number): never {
  return evaluationFailure(
    `${name}: the result is ${words(length)} characters long; a value may be at most ${words(MAX_TEXT_LENGTH)}`,
    position,
  );
}
