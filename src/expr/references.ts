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
