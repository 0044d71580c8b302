import { argFailure, argText } from '../args.ts';
import type { CallNode } from '../ast.ts';
import type { EvalState } from '../context.ts';
import { INTERVALS, type Interval, parseInterval } from '../dates/intervals.ts';
import { parseDateTime } from '../dates/parse-date-time.ts';
import type { RuntimeCall } from '../definition.ts';

/** A date argument as an instant; null when the argument is null or empty. */
export function dateArg(call: RuntimeCall, index: number, state: EvalState): number | null {
  const text = argText(call, index, state);
  if (text === null || text.trim() === '') return null;
  return (
    parseDateTime(text) ??
    argFailure(call, index, `${JSON.stringify(text)} is not a date; use FormatDateTime to read other formats`)
  );
}

export function intervalArg(call: RuntimeCall, index: number, state: EvalState): Interval {
  const text = argText(call, index, state) ?? '';
  return (
    parseInterval(text) ??
    argFailure(call, index, `${JSON.stringify(text)} is not one of ${INTERVALS.join(', ')}`)
  );
}

/** A literal interval is checked when the expression is saved. */
export function checkIntervalLiteral(node: CallNode, index: number) {
  const arg = node.args[index];
  if (arg?.kind === 'string' && parseInterval(arg.value) === undefined) {
    return {
      message: `${node.name}: interval ${JSON.stringify(arg.value)} is not one of ${INTERVALS.join(', ')}`,
      position: arg.start,
    };
  }
  return undefined;
}
