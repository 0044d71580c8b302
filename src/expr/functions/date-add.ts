import { argNumber } from '../args.ts';
import { addInterval } from '../dates/intervals.ts';
import { formatUsDateTime } from '../dates/us-format.ts';
import type { FunctionDefinition } from '../definition.ts';
import { checkIntervalLiteral, dateArg, intervalArg } from './date-args.ts';

export const DateAdd: FunctionDefinition = {
  name: 'DateAdd',
  category: 'date',
  signature: { params: [{ name: 'interval' }, { name: 'value' }, { name: 'dateTime' }] },
  description:
    'dateTime moved by value intervals (negative goes back), returned in UTC as "M/d/yyyy h:mm:ss tt". ' +
    'interval: yyyy year, q quarter, m month, d (or y, w) day, ww week, h hour, n minute, s second. ' +
    "value is truncated to a whole number; adding months keeps the day, capped at the month's last day. " +
    'A null dateTime gives null.',
  example: {
    expression: 'DateAdd("d", 7, CDate([Datum_in_dienst]))',
    attributes: { Datum_in_dienst: '2024-03-01' },
    output: '3/8/2024 12:00:00 AM',
  },
  check: (node) => checkIntervalLiteral(node, 0),
  evaluate(call, state) {
    const interval = intervalArg(call, 0, state);
    const amount = argNumber(call, 1, state);
    const instant = dateArg(call, 2, state);
    return instant === null ? null : formatUsDateTime(addInterval(interval, amount, instant));
  },
};
