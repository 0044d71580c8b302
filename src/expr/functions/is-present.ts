import { argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { isNullOrEmpty } from '../values.ts';

export const IsPresent: FunctionDefinition = {
  name: 'IsPresent',
  category: 'logic',
  signature: { params: [{ name: 'Expression' }] },
  description: 'True when the value is neither null nor empty text. The opposite of IsNullOrEmpty.',
  example: {
    expression: 'IsPresent([Mobielnr_werk])',
    attributes: { Mobielnr_werk: '06 1234 5678' },
    output: true,
  },
  evaluate: (call, state) => !isNullOrEmpty(argValue(call, 0, state)),
};
