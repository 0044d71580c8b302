import { diffInterval } from '../dates/intervals.ts';
import type { FunctionDefinition } from '../definition.ts';
import { checkIntervalLiteral, dateArg, intervalArg } from './date-args.ts';

export const DateDiff: FunctionDefinition = {
  name: 'DateDiff',
  category: 'date',
  signature: { params: [{ name: 'interval' }, { name: 'date1' }, { name: 'date2' }] },
  description:
    'How many intervals lie from date1 to date2: positive when date2 is later, negative when earlier. As in ' +
    'VB, yyyy, q and m count calendar boundaries crossed, d, h, n and s count whole units elapsed, ww ' +
    'counts Sundays crossed and w whole weeks. Gives null when either date is null.',
  example: {
    expression: 'DateDiff("d", Now(), CDate([Datum_in_dienst]))',
    attributes: { Datum_in_dienst: '2021-07-12' },
    output: 9,
  },
  check: (node) => checkIntervalLiteral(node, 0),
  evaluate(call, state) {
    const interval = intervalArg(call, 0, state);
    const date1 = dateArg(call, 1, state);
    const date2 = dateArg(call, 2, state);
    return date1 === null || date2 === null ? null : diffInterval(interval, date1, date2);
  },
};
