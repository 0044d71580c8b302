import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const ConvertToBase64: FunctionDefinition = {
  name: 'ConvertToBase64',
  category: 'conversion',
  signature: { params: [{ name: 'source' }] },
  description: 'source as UTF-16LE ("Unicode" in .NET) bytes, base64-encoded. Null stays null.',
  example: { expression: 'ConvertToBase64("Jan")', output: 'SgBhAG4A' },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    if (text === null) return null;
    let bytes = '';
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      bytes += String.fromCharCode(unit & 0xff, unit >> 8);
    }
    return btoa(bytes);
  },
};
