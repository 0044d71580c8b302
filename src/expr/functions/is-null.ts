import { argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { isNull } from '../values.ts';

export const IsNull: FunctionDefinition = {
  name: 'IsNull',
  category: 'logic',
  signature: { params: [{ name: 'Expression' }] },
  description:
    'True when the value is null: the attribute is absent (an empty multi-valued attribute counts). Empty text is not null.',
  example: { expression: 'IsNull([Mobielnr_werk])', attributes: {}, output: true },
  evaluate: (call, state) => isNull(argValue(call, 0, state)),
};
