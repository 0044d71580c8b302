import { argFailure, argScalar, argValue } from '../args.ts';
import type { FunctionDefinition } from '../definition.ts';
import { showValue, toBoolean } from '../values.ts';

export const IIF: FunctionDefinition = {
  name: 'IIF',
  category: 'logic',
  signature: { params: [{ name: 'condition' }, { name: 'valueIfTrue' }, { name: 'valueIfFalse' }] },
  description:
    'valueIfTrue when condition holds, otherwise valueIfFalse; only the chosen one is evaluated. The ' +
    'condition is usually a comparison (=, <>, <, <=, >, >=) and may be true/false, "True"/"False" or a ' +
    'number (non-zero is true); null is false. Unlike Entra, a null attribute in the condition works: it ' +
    'compares as empty text. For AND nest IIF in valueIfTrue, for OR in valueIfFalse.',
  example: {
    expression: 'IIF([Land]="NL", "Nederland", [Land])',
    attributes: { Land: 'NL' },
    output: 'Nederland',
  },
  evaluate(call, state) {
    const condition = argScalar(call, 0, state);
    const truth = condition === null ? false : toBoolean(condition);
    if (truth === undefined) return argFailure(call, 0, `must be true or false, got ${showValue(condition)}`);
    return argValue(call, truth ? 1 : 2, state) ?? null;
  },
};
