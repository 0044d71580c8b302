import { argScalar } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Not: FunctionDefinition = {
  name: 'Not',
  category: 'logic',
  signature: { params: [{ name: 'source' }] },
  description: 'False when source is true (or the text "True" in any case), otherwise true — also for null.',
  example: { expression: 'Not([Uit_dienst])', attributes: { Uit_dienst: 'False' }, output: true },
  evaluate(call, state) {
    const value = argScalar(call, 0, state);
    const isTrue = value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
    return !isTrue;
  },
};
