import { argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const RemoveDuplicates: FunctionDefinition = {
  name: 'RemoveDuplicates',
  category: 'multi-valued',
  signature: { params: [{ name: 'attribute' }] },
  description:
    'A multi-valued attribute with repeated values removed (case-sensitive; the first occurrence keeps its ' +
    'place). A single value or null is returned unchanged.',
  example: {
    expression: 'RemoveDuplicates([proxyAddresses])',
    attributes: { proxyAddresses: ['SMTP:jan@contoso.nl', 'smtp:jan@contoso.org', 'SMTP:jan@contoso.nl'] },
    output: ['SMTP:jan@contoso.nl', 'smtp:jan@contoso.org'],
  },
  evaluate(call, state) {
    const value = argValue(call, 0, state) ?? null;
    return Array.isArray(value) ? [...new Set(value)] : value;
  },
};
