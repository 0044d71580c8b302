import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { normalizeDiacritics } from '../text/normalize-diacritics.ts';

export const NormalizeDiacritics: FunctionDefinition = {
  name: 'NormalizeDiacritics',
  category: 'text',
  signature: { params: [{ name: 'source' }] },
  description:
    "source with accented letters replaced as Entra's documented table replaces them (ë → e, ç → c, " +
    'æ → ae, ø → oe, ß → ss, ł → l, ı → i) plus the Dutch ĳ → ij; letters outside the table (đ, œ, þ, ' +
    'other scripts) are kept — use Transliterate for plain ASCII. Null stays null.',
  example: { expression: 'NormalizeDiacritics([Roepnaam])', attributes: { Roepnaam: 'Zoë' }, output: 'Zoe' },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    return text === null ? null : normalizeDiacritics(text);
  },
};
