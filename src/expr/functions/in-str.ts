import { argFailure, argInteger, argScalar, argText, isGiven } from '../args.ts';
import type { CallNode } from '../ast.ts';
import type { FunctionDefinition } from '../definition.ts';

/** vbBinaryCompare (0) is case-sensitive, vbTextCompare (1) is not; names may also be quoted. */
function compareMode(value: string | number | boolean | null): 'binary' | 'text' | undefined {
  if (value === null) return 'binary';
  const text = String(value).trim().toLowerCase();
  if (text === '0' || text === 'vbbinarycompare') return 'binary';
  if (text === '1' || text === 'vbtextcompare') return 'text';
  return undefined;
}

export const InStr: FunctionDefinition = {
  name: 'InStr',
  category: 'text',
  signature: {
    params: [
      { name: 'value1' },
      { name: 'value2' },
      { name: 'start', optional: true },
      { name: 'compareType', optional: true },
    ],
  },
  description:
    'The position (from 1) of the first value2 in value1, searching from position start (default 1); 0 when ' +
    'not found or value1 is null. compareType vbBinaryCompare (default) is case-sensitive, vbTextCompare is not. ' +
    'An empty value2 is found at start.',
  example: { expression: 'InStr([Email], "@")', attributes: { Email: 'jan@contoso.nl' }, output: 4 },
  check(node: CallNode) {
    const arg = node.args[3];
    if (arg?.kind === 'string' && compareMode(arg.value) === undefined) {
      return { message: `InStr: compareType must be vbBinaryCompare or vbTextCompare`, position: arg.start };
    }
    return undefined;
  },
  evaluate(call, state) {
    const haystack = argText(call, 0, state);
    const needle = argText(call, 1, state) ?? '';
    const start = isGiven(call, 2) ? argInteger(call, 2, state) : 1;
    const modeValue = argScalar(call, 3, state);
    const mode = compareMode(modeValue);
    if (mode === undefined) return argFailure(call, 3, 'must be vbBinaryCompare or vbTextCompare');
    if (start < 1) return argFailure(call, 2, `must be 1 or more, got ${start}`);
    if (haystack === null || start > haystack.length + 1) return 0;
    if (needle === '') return start;
    const found =
      mode === 'text'
        ? haystack.toLowerCase().indexOf(needle.toLowerCase(), start - 1)
        : haystack.indexOf(needle, start - 1);
    return found + 1;
  },
};
