import { argInteger, argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Item: FunctionDefinition = {
  name: 'Item',
  category: 'multi-valued',
  signature: { params: [{ name: 'attribute' }, { name: 'index' }] },
  description:
    'One value of a multi-valued attribute, counting from 1 (Item(x, 1) is the first). An index outside ' +
    'the values, including 0, gives null; a single value is its own item 1.',
  example: {
    expression: 'Item([proxyAddresses], 1)',
    attributes: { proxyAddresses: ['SMTP:jan@contoso.nl', 'smtp:j.jansen@contoso.nl'] },
    output: 'SMTP:jan@contoso.nl',
  },
  evaluate(call, state) {
    const value = argValue(call, 0, state);
    const index = argInteger(call, 1, state);
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value)) return index === 1 ? value : null;
    return value[index - 1] ?? null;
  },
};
