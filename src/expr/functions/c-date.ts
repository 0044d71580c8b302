import { formatUsDateTime } from '../dates/us-format.ts';
import type { FunctionDefinition } from '../definition.ts';
import { dateArg } from './date-args.ts';

export const CDate: FunctionDefinition = {
  name: 'CDate',
  category: 'date',
  signature: { params: [{ name: 'expression' }] },
  description:
    'Reads a date/time — ISO 8601 ("2020-03-16", "2020-03-16T08:30:00+01:00", "2020-03-16-07:00") or ' +
    '"M/d/yyyy h:mm:ss tt" — and returns it in UTC as "M/d/yyyy h:mm:ss tt", the form the other date ' +
    'functions take. A date without an offset is read as UTC. Null stays null.',
  example: {
    expression: 'CDate([Datum_in_dienst])',
    attributes: { Datum_in_dienst: '2024-03-01T09:00:00+01:00' },
    output: '3/1/2024 8:00:00 AM',
  },
  evaluate(call, state) {
    const instant = dateArg(call, 0, state);
    return instant === null ? null : formatUsDateTime(instant);
  },
};
