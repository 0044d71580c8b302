import { argText } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Append: FunctionDefinition = {
  name: 'Append',
  category: 'text',
  signature: { params: [{ name: 'source' }, { name: 'suffix' }] },
  description:
    'Puts suffix after source. A null part counts as empty text; when both are null the result is null.',
  example: {
    expression: 'Append([userPrincipalName], ".test")',
    attributes: { userPrincipalName: 'jan.jansen@contoso.nl' },
    output: 'jan.jansen@contoso.nl.test',
  },
  evaluate(call, state) {
    const source = argText(call, 0, state);
    const suffix = argText(call, 1, state);
    return source === null && suffix === null ? null : (source ?? '') + (suffix ?? '');
  },
};
