import type { ArgumentNode, CallNode, ExprNode } from './ast.ts';
import { syntaxFailure } from './failure.ts';
import { FUNCTION_NAMES, resolveFunctionName } from './function-names.ts';
import type { Token } from './lexer.ts';
import { editDistance } from './text/edit-distance.ts';

/** VBA named constants that Entra expressions use as bare words, e.g. `InStr(…, vbBinaryCompare)`. */
const CONSTANTS: ReadonlyMap<string, { name: string; value: number | boolean }> = new Map(
  [
    { name: 'True', value: true },
    { name: 'False', value: false },
    { name: 'vbBinaryCompare', value: 0 },
    { name: 'vbTextCompare', value: 1 },
  ].map((c) => [c.name.toLowerCase(), c] as const),
);

/**
 * Recursive descent over the token list:
 *   expression := operand [ comparison-operator operand ]
 *   operand    := Name "(" [ argument { "," argument } ] ")" | [attribute] | "string" | number
 *                 | constant | "(" expression ")"
 *   argument   := expression | (nothing)
 * Function names resolve here; arity and the other static rules are checked afterwards (checker.ts).
 */
/** Nesting deeper than this (calls or parentheses) is refused: it would overflow the parser's stack. */
export const MAX_EXPRESSION_DEPTH = 50;

export function parseTokens(tokens: readonly Token[]): ExprNode {
  let index = 0;
  let depth = 0;
  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;

  function expression(): ExprNode {
    if (++depth > MAX_EXPRESSION_DEPTH) {
      syntaxFailure(`the expression is nested more than ${MAX_EXPRESSION_DEPTH} levels deep`, peek().start);
    }
    try {
      return comparison();
    } finally {
      depth--;
    }
  }

  function comparison(): ExprNode {
    const left = operand();
    const op = peek();
    if (op.kind !== 'operator') return left;
    index++;
    const right = operand();
    const after = peek();
    if (after.kind === 'operator') {
      syntaxFailure(`comparisons cannot be chained; nest IIF calls instead`, after.start);
    }
    return { kind: 'comparison', operator: op.operator, left, right, start: left.start, end: right.end };
  }

  function operand(): ExprNode {
    const token = next();
    switch (token.kind) {
      case 'attribute':
        return { kind: 'attribute', name: token.name, start: token.start, end: token.end };
      case 'string':
        return { kind: 'string', value: token.value, start: token.start, end: token.end };
      case 'number':
        return { kind: 'number', value: token.value, text: token.text, start: token.start, end: token.end };
      case 'identifier':
        return peek().kind === '(' ? call(token) : constant(token);
      case '(': {
        const inner = expression();
        const close = next();
        if (close.kind !== ')') syntaxFailure(`expected ')' but found ${describe(close)}`, close.start);
        return inner;
      }
      default:
        return syntaxFailure(
          `expected a function call, [attribute], "string" or number but found ${describe(token)}`,
          token.start,
        );
    }
  }

  function constant(token: Token & { kind: 'identifier' }): ExprNode {
    const found = CONSTANTS.get(token.text.toLowerCase());
    if (found === undefined) {
      const hint = resolveFunctionName(token.text)
        ? ` (a function call needs parentheses: ${token.text}(…))`
        : '';
      return syntaxFailure(
        `unknown name '${token.text}'${hint}; attributes are written in square brackets, e.g. [${token.text}]`,
        token.start,
      );
    }
    const span = { start: token.start, end: token.end };
    return typeof found.value === 'boolean'
      ? { kind: 'boolean', value: found.value, ...span }
      : { kind: 'constant', name: found.name, value: found.value, ...span };
  }

  function call(token: Token & { kind: 'identifier' }): CallNode {
    const name = resolveFunctionName(token.text);
    if (name === undefined)
      syntaxFailure(`unknown function '${token.text}'${suggest(token.text)}`, token.start);
    next(); // '('
    const args: ArgumentNode[] = [];
    if (peek().kind === ')') return { kind: 'call', name, args, start: token.start, end: next().end };
    for (;;) {
      const here = peek();
      args.push(
        here.kind === ',' || here.kind === ')'
          ? { kind: 'missing', start: here.start, end: here.start }
          : expression(),
      );
      const separator = next();
      if (separator.kind === ')') return { kind: 'call', name, args, start: token.start, end: separator.end };
      if (separator.kind !== ',') {
        syntaxFailure(
          separator.kind === 'end' ? `expected ')'` : `expected ',' or ')' but found ${describe(separator)}`,
          separator.start,
        );
      }
    }
  }

  const root = expression();
  const last = peek();
  if (last.kind !== 'end')
    syntaxFailure(`unexpected ${describe(last)} after the end of the expression`, last.start);
  return root;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the expression';
    case 'identifier':
      return `'${token.text}'`;
    case 'attribute':
      return `[${token.name}]`;
    case 'string':
      return `the string "${token.value}"`;
    case 'number':
      return `the number ${token.text}`;
    case 'operator':
      return `'${token.operator}'`;
    default:
      return `'${token.kind}'`;
  }
}

function suggest(name: string): string {
  let best: string | undefined;
  // Short names are too close to too many others ("Foo" is two edits from "Not").
  let bestDistance = Math.max(1, Math.floor(name.length / 4)) + 1;
  for (const candidate of FUNCTION_NAMES) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}
