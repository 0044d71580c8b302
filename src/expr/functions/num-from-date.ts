import { instantToFileTime } from '../dates/file-time.ts';
import type { FunctionDefinition } from '../definition.ts';
import { dateArg } from './date-args.ts';

export const NumFromDate: FunctionDefinition = {
  name: 'NumFromDate',
  category: 'date',
  signature: { params: [{ name: 'value' }] },
  description:
    'A date/time (ISO 8601, e.g. "2025-12-31 23:59:59+01:00"; without an offset it is UTC) as an Active ' +
    'Directory time for attributes such as accountExpires. Returned as text of digits, because the ' +
    'number is larger than JSON numbers hold exactly. Null stays null.',
  example: {
    expression:
      'NumFromDate(Join("", FormatDateTime([Einddatum], , "yyyy-MM-dd", "yyyy-MM-dd"), " 23:59:59+01:00"))',
    attributes: { Einddatum: '2025-12-31' },
    output: '134116955990000000',
  },
  evaluate(call, state) {
    const instant = dateArg(call, 0, state);
    return instant === null ? null : String(instantToFileTime(instant));
  },
};
