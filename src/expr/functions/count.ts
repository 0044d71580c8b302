import { argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Count: FunctionDefinition = {
  name: 'Count',
  category: 'multi-valued',
  signature: { params: [{ name: 'attribute' }] },
  description: 'The number of values of a multi-valued attribute; a single value counts 1 and null counts 0.',
  example: {
    expression: 'Count([proxyAddresses])',
    attributes: { proxyAddresses: ['SMTP:jan@contoso.nl', 'smtp:j.jansen@contoso.nl'] },
    output: 2,
  },
  evaluate(call, state) {
    const value = argValue(call, 0, state);
    if (value === undefined || value === null) return 0;
    return Array.isArray(value) ? value.length : 1;
  },
};
