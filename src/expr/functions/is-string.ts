import { argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const IsString: FunctionDefinition = {
  name: 'IsString',
  category: 'logic',
  signature: { params: [{ name: 'Expression' }] },
  description:
    'True when the value is text (empty text included). Null, numbers, true/false and multi-valued ' +
    'attributes are not.',
  example: { expression: 'IsString([Medewerker])', attributes: { Medewerker: '10042' }, output: true },
  evaluate: (call, state) => typeof argValue(call, 0, state) === 'string',
};
