import { argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { isNullOrEmpty } from '../values.ts';

export const IsNullOrEmpty: FunctionDefinition = {
  name: 'IsNullOrEmpty',
  category: 'logic',
  signature: { params: [{ name: 'Expression' }] },
  description: 'True when the value is null or empty text. The opposite of IsPresent.',
  example: { expression: 'IsNullOrEmpty([Mobielnr_werk])', attributes: { Mobielnr_werk: '' }, output: true },
  evaluate: (call, state) => isNullOrEmpty(argValue(call, 0, state)),
};
