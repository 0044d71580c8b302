/**
 * map: per target attribute — direct, constant, expression or none; "always" or "on create only";
 * a default when the value is empty. Expressions are parsed once per configuration.
 */
import type { Attributes, AttrValue, ErrorDetail, MappingRule } from '../../core/index.ts';
import { isEmpty } from '../../core/index.ts';
import {
  type EvalContext,
  type EvalResult,
  type Expression,
  evaluate,
  parseExpression,
  references,
} from '../../expr/index.ts';
import { overBudget } from '../pattern-budget.ts';
import { type AttributeType, coerce } from './coerce.ts';

export interface CompiledRule {
  readonly target: string;
  readonly apply: 'always' | 'create';
  readonly type: AttributeType;
  /** What a too-long value does, when the mapping says (else the target's default). */
  readonly onTooLong?: 'shorten' | 'fail';
  readonly references: readonly string[];
  /**
   * The context carries the person's attributes; built once per person, shared by every rule. The
   * result is read before the rule is evaluated again: a rule may answer with the same object each
   * time (no allocation per rule and person).
   */
  readonly evaluate: (context: EvalContext) => RuleResult;
}

export type RuleResult =
  | { readonly ok: true; readonly value: AttrValue; readonly flow: boolean }
  | { readonly ok: false; readonly message: string };

export interface CompiledMapping {
  readonly rules: readonly CompiledRule[];
  readonly byTarget: ReadonlyMap<string, CompiledRule>;
}

export function compileMapping(
  rules: readonly MappingRule[],
  attributeTypes: Readonly<Record<string, AttributeType>>,
): { ok: true; mapping: CompiledMapping } | { ok: false; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const compiled: CompiledRule[] = [];
  rules.forEach((rule, i) => {
    if (rule.type === 'none') return;
    const type = attributeTypes[rule.target] ?? 'string';
    const fallback = rule.default ?? null;
    const finish = (value: AttrValue): AttrValue => coerce(isEmpty(value) ? fallback : value, type);
    const base = {
      target: rule.target,
      apply: rule.apply,
      type,
      ...(rule.onTooLong === undefined ? {} : { onTooLong: rule.onTooLong }),
    };
    const source = rule.source ?? '';
    // One result object per rule, refilled on each evaluation (see CompiledRule.evaluate).
    const result: { ok: true; value: AttrValue; flow: boolean } = { ok: true, value: null, flow: true };
    if (rule.type === 'constant') {
      compiled.push({
        ...base,
        references: [],
        evaluate: () => {
          result.value = finish(source);
          return result;
        },
      });
    } else if (rule.type === 'direct') {
      compiled.push({
        ...base,
        references: [source],
        evaluate: (context) => {
          result.value = finish(context.attributes[source] ?? null);
          return result;
        },
      });
    } else {
      const parsed = parseExpression(source);
      if (!parsed.ok) {
        errors.push({ path: `/mapping/${i}/source`, message: parsed.error.message });
        return;
      }
      const ast: Expression = parsed.ast;
      const label = `mapping "${rule.target}"`;
      compiled.push({
        ...base,
        references: references(ast),
        evaluate: (context) => {
          // No closure per evaluation (withinBudget's callback): this runs ~15 times per person.
          let r: EvalResult;
          try {
            r = evaluate(ast, context);
          } catch (error) {
            throw overBudget(label, error);
          }
          if (!r.ok) return { ok: false, message: `${rule.target}: ${r.error.message}` };
          result.value = finish(r.value);
          result.flow = r.flow;
          return result;
        },
      });
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, mapping: { rules: compiled, byTarget: new Map(compiled.map((r) => [r.target, r])) } };
}

export interface MappedValues {
  readonly values: Readonly<Record<string, AttrValue>>;
  /** Targets an expression chose not to flow (IgnoreFlowIfNullOrEmpty): leave them untouched. */
  readonly notFlowed: ReadonlySet<string>;
  readonly errors: readonly string[];
}

export function evaluateRules(
  rules: readonly CompiledRule[],
  attributes: Attributes,
  context: Omit<EvalContext, 'attributes'>,
): MappedValues {
  return evaluateRulesIn(rules, { ...context, attributes });
}

/** evaluateRules with a context that already holds the person's attributes (no copy per call). */
export function evaluateRulesIn(rules: readonly CompiledRule[], full: EvalContext): MappedValues {
  const values: Record<string, AttrValue> = {};
  // Most persons have no error and every value flows: the set and the list are made only when needed.
  let notFlowed: Set<string> | undefined;
  let errors: string[] | undefined;
  for (const rule of rules) {
    const r = rule.evaluate(full);
    if (!r.ok) {
      errors ??= [];
      errors.push(r.message);
    } else if (!r.flow) {
      notFlowed ??= new Set();
      notFlowed.add(rule.target);
    } else values[rule.target] = r.value;
  }
  return { values, notFlowed: notFlowed ?? NOTHING, errors: errors ?? NO_ERRORS };
}

const NOTHING: ReadonlySet<string> = new Set();
const NO_ERRORS: readonly string[] = Object.freeze([]);
