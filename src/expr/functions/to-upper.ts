import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { changeCase } from '../text/case-mapping.ts';
import { checkCultureLiteral, cultureArg } from './culture-arg.ts';

export const ToUpper: FunctionDefinition = {
  name: 'ToUpper',
  category: 'text',
  signature: { params: [{ name: 'source' }, { name: 'culture', optional: true }] },
  description:
    'source in upper case, by the rules of culture (an RFC 4646 name such as nl-NL or tr-TR); without a ' +
    'culture the invariant rules apply. Characters whose upper case is longer, such as ß, are kept. ' +
    'Null stays null.',
  example: { expression: 'ToUpper([Voorletters])', attributes: { Voorletters: 'j.h.' }, output: 'J.H.' },
  check: (node) => checkCultureLiteral(node, 1),
  evaluate(call, state) {
    const text = argText(call, 0, state);
    const culture = cultureArg(call, 1, state);
    return text === null ? null : changeCase(text, 'upper', culture);
  },
};
