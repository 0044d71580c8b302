import { argInteger, argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Left: FunctionDefinition = {
  name: 'Left',
  category: 'text',
  signature: { params: [{ name: 'String' }, { name: 'NumChars' }] },
  description:
    'The first NumChars characters of String. 0 gives empty text, a negative number gives String unchanged, ' +
    'a shorter String is returned whole, and a null String gives empty text.',
  example: { expression: 'Left([Roepnaam], 1)', attributes: { Roepnaam: 'Janine' }, output: 'J' },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    const count = argInteger(call, 1, state);
    if (text === null) return '';
    return count < 0 ? text : text.slice(0, count);
  },
};
