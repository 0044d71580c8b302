import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

const encoder = new TextEncoder();

export const ConvertToUTF8Hex: FunctionDefinition = {
  name: 'ConvertToUTF8Hex',
  category: 'conversion',
  signature: { params: [{ name: 'source' }] },
  description:
    'source as UTF-8 bytes written in upper-case hexadecimal, two digits per byte. Null stays null.',
  example: { expression: 'ConvertToUTF8Hex("Zoë")', output: '5A6FC3AB' },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    if (text === null) return null;
    let hex = '';
    for (const byte of encoder.encode(text)) hex += byte.toString(16).toUpperCase().padStart(2, '0');
    return hex;
  },
};
