import { argFailure, argText } from '../args.ts';
import type { CallNode } from '../ast.ts';
import type { EvalState } from '../context.ts';
import type { RuntimeCall } from '../definition.ts';
import { canonicalCulture } from '../text/case-mapping.ts';

/** The optional culture of ToLower/ToUpper: undefined means the invariant culture. */
export function cultureArg(call: RuntimeCall, index: number, state: EvalState): string | undefined {
  const name = argText(call, index, state);
  if (name === null || name.trim() === '') return undefined;
  return (
    canonicalCulture(name.trim()) ??
    argFailure(call, index, `${JSON.stringify(name)} is not a culture name such as nl-NL`)
  );
}

export function checkCultureLiteral(node: CallNode, index: number) {
  const arg = node.args[index];
  if (arg?.kind === 'string' && arg.value.trim() !== '' && canonicalCulture(arg.value.trim()) === undefined) {
    return {
      message: `${node.name}: ${JSON.stringify(arg.value)} is not a culture name such as nl-NL`,
      position: arg.start,
    };
  }
  return undefined;
}
