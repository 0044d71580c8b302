import { type AttrValue, assertNever } from '../core/index.ts';
import type { ExprNode } from './ast.ts';
import { compareValues } from './compare.ts';
import type { EvalContext, EvalState } from './context.ts';
import type { Compiled, RuntimeCall } from './definition.ts';
import { ExpressionFailure } from './failure.ts';
import { DEFINITIONS } from './functions/index.ts';

export interface EvaluationError {
  readonly code: 'HRS_EXPR_EVALUATION' | 'HRS_UNIQUE_EXHAUSTED' | 'HRS_PATTERN_TIMEOUT';
  readonly message: string;
  /** 0-based offset of the call or argument that failed. */
  readonly position: number;
}

export type EvalResult =
  | {
      readonly ok: true;
      readonly value: AttrValue;
      /** False when IgnoreFlowIfNullOrEmpty says the attribute must not be written at all. */
      readonly flow: boolean;
      /** True when Redact was applied: keep the value out of logs and audit events. */
      readonly redacted: boolean;
    }
  | { readonly ok: false; readonly error: EvaluationError };

// ASTs are frozen and shared, so the closures compiled from one can be cached against it.
const compiledTrees = new WeakMap<ExprNode, Compiled>();

/** Evaluates a tree from parseExpression() against one person's attributes. */
export function evaluate(ast: ExprNode, context: EvalContext): EvalResult {
  let compiled = compiledTrees.get(ast);
  if (compiled === undefined) {
    compiled = compileNode(ast);
    compiledTrees.set(ast, compiled);
  }
  const state: EvalState = { context, flow: true, redacted: false, nowMs: undefined };
  try {
    const value = compiled(state);
    return {
      ok: true,
      value: Array.isArray(value) ? Object.freeze([...value]) : value,
      flow: state.flow,
      redacted: state.redacted,
    };
  } catch (e) {
    if (!(e instanceof ExpressionFailure) || e.code === 'HRS_EXPR_SYNTAX') throw e;
    return { ok: false, error: { code: e.code, message: e.message, position: e.position } };
  }
}

function compileNode(node: ExprNode): Compiled {
  switch (node.kind) {
    case 'attribute': {
      const name = node.name;
      return (s) => {
        const value = s.context.attributes[name];
        if (value === undefined) return null;
        if (typeof value === 'string') return value;
        // hasOwn: an attribute called "constructor" must not find Object.prototype.constructor.
        return Object.hasOwn(s.context.attributes, name) ? value : null;
      };
    }
    case 'string':
    case 'number':
    case 'boolean':
    case 'constant': {
      const value = node.value;
      return () => value;
    }
    case 'comparison': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      const { operator, start } = node;
      return (s) => compareValues(operator, left(s), right(s), start);
    }
    case 'call': {
      const definition = DEFINITIONS[node.name];
      const call: RuntimeCall = {
        node,
        signature: definition.signature,
        args: node.args.map((arg) => (arg.kind === 'missing' ? undefined : compileNode(arg))),
      };
      const run = definition.evaluate;
      return (s) => run(call, s);
    }
    default:
      return assertNever(node, 'expression node');
  }
}
