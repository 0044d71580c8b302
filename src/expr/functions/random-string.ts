import { argFailure, argInteger, argText, callFailure } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { randomBelow } from './random-source.ts';

/** The character classes of Windows password complexity, which Entra's RandomString draws from. */
const CLASSES = [
  { name: 'numbers', chars: '0123456789' },
  { name: 'special characters', chars: '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/' },
  { name: 'capitals', chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
  { name: 'lower-case letters', chars: 'abcdefghijklmnopqrstuvwxyz' },
] as const;

export const MAX_RANDOM_STRING_LENGTH = 256;

export const RandomString: FunctionDefinition = {
  name: 'RandomString',
  category: 'generation',
  signature: {
    params: [
      { name: 'Length' },
      { name: 'MinimumNumbers' },
      { name: 'MinimumSpecialCharacters' },
      { name: 'MinimumCapital' },
      { name: 'MinimumLowerCase' },
      { name: 'CharactersToAvoid', optional: true },
    ],
  },
  description:
    'A random string of Length characters (at most 256) with at least the given numbers of digits, special ' +
    'characters, capitals and lower-case letters; the remaining characters come from the classes with a ' +
    'non-zero minimum (from all four when every minimum is 0). Characters in CharactersToAvoid never ' +
    'appear. Randomness comes from the evaluation context.',
  example: { expression: 'RandomString(6, 3, 0, 0, 3)', output: 'z650hz' },
  evaluate(call, state) {
    const length = argInteger(call, 0, state);
    const minimums = [1, 2, 3, 4].map((i) => {
      const n = argInteger(call, i, state);
      return n < 0 ? argFailure(call, i, `cannot be negative, got ${n}`) : n;
    });
    const avoid = argText(call, 5, state) ?? '';
    if (length < 1 || length > MAX_RANDOM_STRING_LENGTH) {
      return argFailure(call, 0, `must be between 1 and ${MAX_RANDOM_STRING_LENGTH}, got ${length}`);
    }
    const required = minimums.reduce((a, b) => a + b, 0);
    if (required > length)
      return callFailure(call, `the minimums add up to ${required}, more than Length ${length}`);
    const position = call.node.start;
    const pick = (chars: string) => chars[randomBelow(state, chars.length, position)]!;
    const out: string[] = [];
    let pool = '';
    CLASSES.forEach((cls, i) => {
      const chars = [...cls.chars].filter((c) => !avoid.includes(c)).join('');
      const minimum = minimums[i]!;
      if (minimum > 0 && chars === '') callFailure(call, `CharactersToAvoid leaves no ${cls.name}`);
      for (let n = 0; n < minimum; n++) out.push(pick(chars));
      if (minimum > 0 || required === 0) pool += chars;
    });
    if (pool === '') return callFailure(call, 'CharactersToAvoid leaves no characters to choose from');
    while (out.length < length) out.push(pick(pool));
    // Fisher–Yates, so the required characters are not always at the front.
    for (let i = out.length - 1; i > 0; i--) {
      const j = randomBelow(state, i + 1, position);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out.join('');
  },
};
