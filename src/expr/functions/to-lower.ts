import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { changeCase } from '../text/case-mapping.ts';
import { checkCultureLiteral, cultureArg } from './culture-arg.ts';

export const ToLower: FunctionDefinition = {
  name: 'ToLower',
  category: 'text',
  signature: { params: [{ name: 'source' }, { name: 'culture', optional: true }] },
  description:
    'source in lower case, by the rules of culture (an RFC 4646 name such as nl-NL or tr-TR); without a ' +
    'culture the invariant rules apply. Null stays null.',
  example: { expression: 'ToLower([Roepnaam])', attributes: { Roepnaam: 'JAN' }, output: 'jan' },
  check: (node) => checkCultureLiteral(node, 1),
  evaluate(call, state) {
    const text = argText(call, 0, state);
    const culture = cultureArg(call, 1, state);
    return text === null ? null : changeCase(text, 'lower', culture);
  },
};
