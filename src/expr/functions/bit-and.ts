import { argFailure, argInteger } from '../args.ts';
import type { EvalState } from '../context.ts';
import type { FunctionDefinition, RuntimeCall } from '../definition.ts';

function int64(call: RuntimeCall, index: number, state: EvalState): bigint {
  const n = argInteger(call, index, state);
  if (!Number.isSafeInteger(n)) return argFailure(call, index, `is too large: ${n}`);
  return BigInt(n);
}

export const BitAnd: FunctionDefinition = {
  name: 'BitAnd',
  category: 'conversion',
  signature: { params: [{ name: 'value1' }, { name: 'value2' }] },
  description:
    'The bitwise AND of two whole numbers (numbers, numeric text or &H hex literals): a bit is 1 only where ' +
    'both have a 1. Handy for flags such as userAccountControl.',
  example: {
    expression: 'BitAnd([userAccountControl], 2)',
    attributes: { userAccountControl: '514' },
    output: 2,
  },
  evaluate(call, state) {
    return Number(BigInt.asIntN(64, int64(call, 0, state) & int64(call, 1, state)));
  },
};
