import { argFailure, argScalar } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { showValue, toBoolean } from '../values.ts';

export const CBool: FunctionDefinition = {
  name: 'CBool',
  category: 'conversion',
  signature: { params: [{ name: 'Expression' }] },
  description:
    'The value as true/false: a comparison\'s result, "True"/"False" in any case, or a number (non-zero is ' +
    'true, also as text). Null is false; other text is an error.',
  example: {
    expression: 'CBool([Medewerker] = [employeeId])',
    attributes: { Medewerker: '10042', employeeId: '10042' },
    output: true,
  },
  evaluate(call, state) {
    const value = argScalar(call, 0, state);
    if (value === null) return false;
    return toBoolean(value) ?? argFailure(call, 0, `cannot be read as true or false: ${showValue(value)}`);
  },
};
