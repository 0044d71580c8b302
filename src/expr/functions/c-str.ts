import { argScalar } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { scalarText } from '../values.ts';

export const CStr: FunctionDefinition = {
  name: 'CStr',
  category: 'conversion',
  signature: { params: [{ name: 'value' }] },
  description:
    'The value as text: numbers as written in the invariant culture (1000, 0.5), true/false as "True"/"False". ' +
    'Null stays null.',
  example: { expression: 'CStr([Medewerker])', attributes: { Medewerker: 10042 }, output: '10042' },
  evaluate(call, state) {
    const value = argScalar(call, 0, state);
    return value === null ? null : scalarText(value);
  },
};
