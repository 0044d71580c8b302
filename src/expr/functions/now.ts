import { nowMs } from '../dates/now.ts';
import { formatUsDateTime } from '../dates/us-format.ts';
import type { FunctionDefinition } from '../definition.ts';

export const Now: FunctionDefinition = {
  name: 'Now',
  category: 'date',
  signature: { params: [] },
  description:
    'The current time in UTC as "M/d/yyyy h:mm:ss tt", from the evaluation\'s clock (a simulation and its ' +
    'sync agree on it). Every Now() in one evaluation returns the same time.',
  example: { expression: 'Now()', output: '7/2/2021 3:33:38 PM' },
  evaluate: (call, state) => formatUsDateTime(nowMs(state, call.node.start)),
};
