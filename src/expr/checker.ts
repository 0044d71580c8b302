import { plural as count } from '../core/words.ts';
import type { CallNode, ExprNode } from './ast.ts';
import { syntaxFailure } from './failure.ts';
import { DEFINITIONS } from './functions/index.ts';
import { formatSignature, paramName, type Signature } from './signature.ts';

/**
 * The static rules, checked once when an expression is parsed so that a mapping with a wrong
 * argument count is refused when it is saved, not when the 3,000th person is evaluated.
 */
export function checkTree(root: ExprNode): void {
  visit(root, true);
}

function visit(node: ExprNode, topLevel: boolean): void {
  if (node.kind === 'comparison') {
    visit(node.left, false);
    visit(node.right, false);
    return;
  }
  if (node.kind !== 'call') return;
  const definition = DEFINITIONS[node.name];
  checkArity(node, definition.signature);
  if (definition.topLevelOnly && !topLevel) {
    syntaxFailure(
      `${node.name} must be the whole expression; it cannot be nested inside another function`,
      node.start,
    );
  }
  for (const arg of node.args) if (arg.kind !== 'missing') visit(arg, false);
  const problem = definition.check?.(node);
  if (problem !== undefined) syntaxFailure(problem.message, problem.position);
}

function checkArity(node: CallNode, signature: Signature): void {
  const count = node.args.length;
  const fixed = signature.params.length;
  const shape = formatSignature(node.name, signature);
  const rest = signature.rest;
  if (rest === undefined) {
    let min = 0;
    signature.params.forEach((p, i) => {
      if (!p.optional) min = i + 1;
    });
    if (count < min || count > fixed) {
      const expected =
        fixed === 0 ? 'no arguments' : min === fixed ? plural(fixed) : `${min} to ${plural(fixed)}`;
      const position = count > fixed ? node.args[fixed]!.start : node.start;
      syntaxFailure(`${shape} expects ${expected} but got ${count}`, position);
    }
  } else {
    const group = rest.params.length;
    const min = fixed + group * rest.min;
    if (count < min) syntaxFailure(`${shape} expects at least ${plural(min)} but got ${count}`, node.start);
    if ((count - fixed) % group !== 0) {
      const names = rest.params.map((p) => p.name).join('/');
      syntaxFailure(
        `${shape} expects ${names} pairs after the first ${plural(fixed)}; the last ${rest.params[0]!.name} has no ${rest.params[1]?.name ?? 'partner'}`,
        node.args[count - 1]!.start,
      );
    }
  }
  node.args.forEach((arg, i) => {
    if (arg.kind !== 'missing') return;
    const param = i < fixed ? signature.params[i] : rest?.params[(i - fixed) % (rest?.params.length ?? 1)];
    if (!param?.optional)
      syntaxFailure(
        `${node.name}: ${paramName(signature, i)} is required and cannot be left empty`,
        arg.start,
      );
  });
}

const plural = (n: number): string => count(n, 'argument');
