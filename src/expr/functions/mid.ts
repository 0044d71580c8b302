import { argFailure, argInteger, argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Mid: FunctionDefinition = {
  name: 'Mid',
  category: 'text',
  signature: { params: [{ name: 'source' }, { name: 'start' }, { name: 'length' }] },
  description:
    'length characters of source from position start (the first character is 1). A substring running past ' +
    'the end stops at the end; a start past the end gives empty text; a null source gives empty text. ' +
    'start below 1 or a negative length is an error.',
  example: { expression: 'Mid([Geboortenaam], 1, 3)', attributes: { Geboortenaam: 'Boele' }, output: 'Boe' },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    const start = argInteger(call, 1, state);
    const length = argInteger(call, 2, state);
    if (start < 1) return argFailure(call, 1, `must be 1 or more, got ${start}`);
    if (length < 0) return argFailure(call, 2, `cannot be negative, got ${length}`);
    return text === null ? '' : text.slice(start - 1, start - 1 + length);
  },
};
