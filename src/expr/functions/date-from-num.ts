import { argFailure, argScalar } from '../args.ts';
import { fileTimeToInstant } from '../dates/file-time.ts';
import { formatUsDateTime } from '../dates/us-format.ts';
import type { FunctionDefinition } from '../definition.ts';
import { showValue } from '../values.ts';

export const DateFromNum: FunctionDefinition = {
  name: 'DateFromNum',
  category: 'date',
  signature: { params: [{ name: 'value' }] },
  description:
    'An Active Directory time (100-nanosecond ticks since 1601, as in accountExpires or lastLogonTimestamp) ' +
    'as a UTC date/time "M/d/yyyy h:mm:ss tt". Null or empty gives null.',
  example: {
    expression: 'DateFromNum([accountExpires])',
    attributes: { accountExpires: '133801632000000000' },
    output: '1/1/2025 12:00:00 AM',
  },
  evaluate(call, state) {
    const value = argScalar(call, 0, state);
    if (value === null || value === '') return null;
    let ticks: bigint;
    try {
      ticks = typeof value === 'number' ? BigInt(Math.round(value)) : BigInt(String(value).trim());
    } catch {
      return argFailure(call, 0, `must be a whole number of ticks, got ${showValue(value)}`);
    }
    if (ticks < 0n) return argFailure(call, 0, `cannot be negative, got ${ticks}`);
    return formatUsDateTime(fileTimeToInstant(ticks));
  },
};
