import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { normalizeDiacritics } from '../text/normalize-diacritics.ts';

export const NormalizeDiacritics: FunctionDefinition = {
  name: 'NormalizeDiacritics',
  category: 'text',
  signature: { params: [{ name: 'source' }] },
  description:
    'source with accented letters replaced by plain ones (ë → e, ç → c, æ → ae, ø → oe, ß → ss, ł → l, ' +
    'ĳ → ij), for user names and e-mail addresses. Null stays null.',
  example: { expression: 'NormalizeDiacritics([Roepnaam])', attributes: { Roepnaam: 'Zoë' }, output: 'Zoe' },
  evaluate(call, state) {
    const text = argText(call, 0, state);
    return text === null ? null : normalizeDiacritics(text);
  },
};
