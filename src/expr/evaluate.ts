import { type Attributes, type AttrValue, assertNever } from '../core/index.ts';
import type { ExprNode } from './ast.ts';
import { compareValues } from './compare.ts';
import type { EvalContext, EvalState } from './context.ts';
import type { Compiled, RuntimeCall } from './definition.ts';
import { ExpressionFailure } from './failure.ts';
import { DEFINITIONS } from './functions/index.ts';
import { boundedValue } from './value-limit.ts';

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
  const state: EvalState = { context, flow: true, redacted: false, nowMs: undefined };
  return run(compiledTree(ast), state, { ok: true, value: null, flow: true, redacted: false });
}

/**
 * A tree bound for evaluating many persons, as a mapping does: evaluate() for each person, without the
 * state and result objects evaluate() makes per call (~100 bytes; a mapping evaluates ~6 expressions
 * per person). The result is one object refilled on each call: read it before the next call. A call
 * made while another one is still running (a callback that evaluates the same tree) gets its own.
 */
export function bindExpression(ast: ExprNode): (context: EvalContext) => EvalResult {
  const compiled = compiledTree(ast);
  const state: Mutable<EvalState> = { context: EMPTY_CONTEXT, flow: true, redacted: false, nowMs: undefined };
  const result: Mutable<EvalOk> = { ok: true, value: null, flow: true, redacted: false };
  let busy = false;
  return (context) => {
    if (busy) return evaluate(ast, context);
    busy = true;
    state.context = context;
    state.flow = true;
    state.redacted = false;
    state.nowMs = undefined;
    try {
      return run(compiled, state, result);
    } finally {
      state.context = EMPTY_CONTEXT;
      busy = false;
    }
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type EvalOk = Extract<EvalResult, { ok: true }>;

const EMPTY_CONTEXT: EvalContext = Object.freeze({
  attributes: Object.freeze({}),
  now: () => new Date(0),
  random: () => 0,
});

function compiledTree(ast: ExprNode): Compiled {
  let compiled = compiledTrees.get(ast);
  if (compiled === undefined) {
    compiled = compileNode(ast);
    compiledTrees.set(ast, compiled);
  }
  return compiled;
}

function run(compiled: Compiled, state: EvalState, result: Mutable<EvalOk>): EvalResult {
  try {
    const value = compiled(state);
    // A frozen list cannot change under the caller; any other may be a function's working copy or a
    // person's own list, so the caller gets a frozen copy.
    result.value = Array.isArray(value) && !Object.isFrozen(value) ? Object.freeze([...value]) : value;
    result.flow = state.flow;
    result.redacted = state.redacted;
    return result;
  } catch (e) {
    if (!(e instanceof ExpressionFailure) || e.code === 'HRS_EXPR_SYNTAX') throw e;
    return { ok: false, error: { code: e.code, message: e.message, position: e.position } };
  }
}

function compileNode(node: ExprNode): Compiled {
  switch (node.kind) {
    case 'attribute':
      return attributeNode(node.name);
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
      const { name, start } = node;
      return (s) => boundedValue(name, run(call, s), start);
    }
    default:
      return assertNever(node, 'expression node');
  }
}

/**
 * An attribute node: the attribute's text, or its other value when the person has it as their own
 * (hasOwn: an attribute called "constructor" must not find Object.prototype.constructor), else null.
 * Made per name, as attributeReader's functions are (and kept likewise): the load is the node's own,
 * where a closure shared by every attribute node called a reader through a call site that saw them all.
 */
function attributeNode(name: string): Compiled {
  let node = attributeNodes.get(name);
  if (node === undefined) {
    const key = JSON.stringify(name);
    try {
      node = new Function(
        's',
        `const a = s.context.attributes; const v = a[${key}];
if (v === undefined) return null;
if (typeof v === 'string') return v;
return Object.hasOwn(a, ${key}) ? v : null;`,
      ) as Compiled;
    } catch {
      const read = attributeReader(name);
      node = (s) => {
        const attributes = s.context.attributes;
        const value = read(attributes);
        if (value === undefined) return null;
        if (typeof value === 'string') return value;
        return Object.hasOwn(attributes, name) ? value : null;
      };
    }
    if (attributeNodes.size >= READERS_KEPT) attributeNodes.clear();
    attributeNodes.set(name, node);
  }
  return node;
}

const attributeNodes = new Map<string, Compiled>();

/**
 * Reads one attribute by a function made for the name. Every attribute node's closure shares one
 * load site, which sees every name of every expression and goes megamorphic (a lookup per read);
 * a load of a fixed name stays monomorphic on the persons' one hidden class. The name is embedded
 * as a JSON string literal, so no expression can inject code. Direct mapping rules read through it too.
 */
export function attributeReader(name: string): (attributes: Attributes) => AttrValue | undefined {
  let read = readers.get(name);
  if (read === undefined) {
    try {
      read = new Function('a', `return a[${JSON.stringify(name)}];`) as (
        attributes: Attributes,
      ) => AttrValue | undefined;
    } catch {
      read = (attributes) => attributes[name];
    }
    if (readers.size >= READERS_KEPT) readers.clear();
    readers.set(name, read);
  }
  return read;
}

/** Readers kept by name (≤ READERS_KEPT): a reader made again for every run would start cold each time. */
const readers = new Map<string, (attributes: Attributes) => AttrValue | undefined>();
const READERS_KEPT = 1024;
