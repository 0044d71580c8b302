import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const StripSpaces: FunctionDefinition = {
  name: 'StripSpaces',
  category: 'text',
  signature: { params: [{ name: 'source' }] },
  description: 'source without any space characters (other whitespace is kept). Null stays null.',
  example: {
    expression: 'StripSpaces([Voorvoegsel])',
    attributes: { Voorvoegsel: 'van den' },
    output: 'vanden',
  },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    return text === null ? null : text.replaceAll(' ', '');
  },
};
