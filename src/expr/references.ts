import type { ArgumentNode } from './ast.ts';

/** The attribute names an expression reads, once each, in order of appearance. */
export function references(ast: ArgumentNode): readonly string[] {
  const names = new Set<string>();
  const walk = (node: ArgumentNode): void => {
    if (node.kind === 'attribute') names.add(node.name);
    else if (node.kind === 'call') node.args.forEach(walk);
    else if (node.kind === 'comparison') {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(ast);
  return Object.freeze([...names]);
}

/** Argument positions that hold a regular expression, per function (Replace's regexPattern). */
const PATTERN_ARGUMENTS: Readonly<Partial<Record<string, number>>> = { Replace: 2 };

/**
 * The literal regular expressions an expression uses, in order, so they can be checked when the
 * expression is saved. A pattern computed at run time is bounded by the run-time budget alone.
 */
export function literalPatterns(ast: ArgumentNode): readonly string[] {
  const patterns: string[] = [];
  const walk = (node: ArgumentNode): void => {
    if (node.kind === 'call') {
      const at = PATTERN_ARGUMENTS[node.name];
      const arg = at === undefined ? undefined : node.args[at];
      if (arg?.kind === 'string') patterns.push(arg.value);
      node.args.forEach(walk);
    } else if (node.kind === 'comparison') {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(ast);
  return Object.freeze(patterns);
}
