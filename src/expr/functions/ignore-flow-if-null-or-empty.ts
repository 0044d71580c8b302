import { argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { isNullOrEmpty } from '../values.ts';

export const IgnoreFlowIfNullOrEmpty: FunctionDefinition = {
  name: 'IgnoreFlowIfNullOrEmpty',
  category: 'logic',
  signature: { params: [{ name: 'expression' }] },
  description:
    'Passes its value through, but when that value is null or empty the target attribute is not written ' +
    'at all (the result says flow: false) — the account keeps whatever it had.',
  example: {
    expression: 'IgnoreFlowIfNullOrEmpty([Afdeling])',
    attributes: { Afdeling: '' },
    output: '',
    flow: false,
  },
  evaluate(call, state) {
    const value = argValue(call, 0, state) ?? null;
    if (isNullOrEmpty(value)) state.flow = false;
    return value;
  },
};
