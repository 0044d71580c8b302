import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { transliterate } from '../text/transliterate.ts';

export const Transliterate: FunctionDefinition = {
  name: 'Transliterate',
  category: 'names',
  signature: { params: [{ name: 'source' }] },
  description:
    'hrsync addition. source in plain ASCII letters, whatever its script: ı → i, ß → ss, æ → ae, ø → o, ' +
    'ł → l, đ → d, þ → th, ĳ → ij, Владимир → Vladimir. Unlike NormalizeDiacritics, which follows ' +
    "Entra's table and keeps letters outside it. Generated user names are transliterated anyway. " +
    'Null stays null.',
  example: {
    expression: 'Transliterate([Geboortenaam])',
    attributes: { Geboortenaam: 'Yılmaz' },
    output: 'Yilmaz',
  },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    return text === null ? null : transliterate(text);
  },
};
