/**
 * map: per target attribute — direct, constant, expression or none; "always" or "on create only";
 * a default when the value is empty. Expressions are parsed once per configuration.
 */
import type { Attributes, AttrValue, ErrorDetail, MappingRule } from '../../core/index.ts';
import { isEmpty } from '../../core/index.ts';
import {
  attributeReader,
  bindExpression,
  type EvalContext,
  type EvalResult,
  type Expression,
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
  /**
   * A direct or constant rule, described so that a list of rules evaluates all of them in one
   * function made for the list (evaluateRulesIn): absent for expressions.
   */
  readonly plain?: PlainRule;
}

/** What a direct rule reads and does with it, or a constant rule's value. */
type PlainRule =
  | { readonly kind: 'constant'; readonly value: AttrValue }
  | {
      readonly kind: 'direct';
      readonly source: string;
      readonly finish: (value: AttrValue) => AttrValue;
      /** For a text attribute: the value an empty text becomes (then texts are only trimmed). */
      readonly text?: { readonly whenEmpty: AttrValue };
    };

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
    const finish = finisher(type, fallback);
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
      // The same value for everyone: coerced once (a list frozen, as everyone shares it).
      const coerced = finish(source);
      const value = Array.isArray(coerced) ? Object.freeze(coerced) : coerced;
      compiled.push({
        ...base,
        references: [],
        evaluate: () => {
          result.value = value;
          return result;
        },
        plain: { kind: 'constant', value },
      });
    } else if (rule.type === 'direct') {
      const read = attributeReader(source);
      compiled.push({
        ...base,
        references: [source],
        evaluate: (context) => {
          result.value = finish(read(context.attributes) ?? null);
          return result;
        },
        plain: {
          kind: 'direct',
          source,
          finish,
          ...(type === 'string' ? { text: { whenEmpty: coerce(fallback, type) } } : {}),
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
      const evaluate = bindExpression(ast);
      compiled.push({
        ...base,
        references: references(ast),
        evaluate: (context) => {
          // No closure per evaluation (withinBudget's callback): this runs ~15 times per person.
          let r: EvalResult;
          try {
            r = evaluate(context);
          } catch (error) {
            throw overBudget(label, `/mapping/${i}/source`, error);
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

/**
 * What a rule does with the value it got: the default when it is empty, then coerced to the target's
 * type. Most values are texts for text attributes (~12 per person): those are only trimmed, without
 * the general empty test and the dispatch on the type.
 */
function finisher(type: AttributeType, fallback: AttrValue): (value: AttrValue) => AttrValue {
  const general = (value: AttrValue): AttrValue => coerce(isEmpty(value) ? fallback : value, type);
  if (type !== 'string') return general;
  const whenEmpty = coerce(fallback, type);
  return (value) => {
    if (typeof value !== 'string') return general(value);
    if (value === '') return whenEmpty;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  };
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

/**
 * evaluateRules with a context that already holds the person's attributes (no copy per call). When
 * every rule gave a value that flows (nearly always) the answer is one object per list of rules,
 * refilled on each call: read it (or keep its parts, not it) before evaluating the list again.
 * `refill`: the caller keeps nothing of the values past the next evaluation of these rules (a plan
 * that is not applied keeps no mapped values): then the values object itself is one per list of rules,
 * refilled too, not one made per person (~170 bytes each, 8 MB of garbage for 50,000 persons).
 */
export function evaluateRulesIn(
  rules: readonly CompiledRule[],
  full: EvalContext,
  refill = false,
): MappedValues {
  const shape = shapeOf(rules);
  const got = shape.busy ? new Array<Slot>(rules.length).fill(SKIPPED) : shape.scratch;
  shape.busy = true;
  try {
    // Most persons have no error and every value flows: the set and the list are made only when needed.
    let notFlowed: Set<string> | undefined;
    let errors: string[] | undefined;
    // The direct and constant rules in one call, then the expressions (they alone fail or do not flow).
    shape.plain(full.attributes, got, shape.finishes, shape.constants);
    const others = shape.others;
    for (let o = 0; o < others.length; o++) {
      const i = others[o] as number;
      const rule = rules[i] as CompiledRule;
      const r = rule.evaluate(full);
      if (!r.ok) {
        errors ??= [];
        errors.push(r.message);
      } else if (!r.flow) {
        notFlowed ??= new Set();
        notFlowed.add(rule.target);
      } else got[i] = r.value;
    }
    let values: Record<string, AttrValue>;
    if (notFlowed === undefined && errors === undefined) {
      if (refill && got === shape.scratch && shape.fill !== undefined) {
        values = shape.refilled ??= shape.build(got as AttrValue[]);
        shape.fill(values, got as AttrValue[]);
      } else values = shape.build(got as AttrValue[]);
      if (got === shape.scratch) {
        shape.mapped.values = values;
        return shape.mapped;
      }
    } else {
      // The rare person with an error or a value that does not flow: only the values that flowed.
      values = {};
      for (let i = 0; i < rules.length; i++) {
        const value = got[i];
        if (value !== SKIPPED) values[(rules[i] as CompiledRule).target] = value as AttrValue;
      }
    }
    return { values, notFlowed: notFlowed ?? NOTHING, errors: errors ?? NO_ERRORS };
  } finally {
    if (got === shape.scratch) {
      // The direct and constant rules write their slots on every evaluation: only the expressions'
      // slots can hold a value the next evaluation does not overwrite (a failed rule, one that does
      // not flow). Filling every slot was a quarter of this function's own time.
      const others = shape.others;
      for (let o = 0; o < others.length; o++) got[others[o] as number] = SKIPPED;
      shape.busy = false;
    }
  }
}

const NOTHING: ReadonlySet<string> = new Set();
const NO_ERRORS: readonly string[] = Object.freeze([]);
/** A slot no value was written to in this evaluation (a failed rule, a value that does not flow). */
const SKIPPED: unique symbol = Symbol('skipped');
type Slot = AttrValue | typeof SKIPPED;

interface ValuesShape {
  /** One record of every rule's value, in rule order: one hidden class, fields inside the object. */
  readonly build: (values: readonly AttrValue[]) => Record<string, AttrValue>;
  /** Writes every rule's value into a record `build` made (evaluateRulesIn's `refill`); absent: none. */
  readonly fill: ((into: Record<string, AttrValue>, values: readonly AttrValue[]) => void) | undefined;
  /** The record refilled for callers that keep no values (evaluateRulesIn's `refill`). */
  refilled: Record<string, AttrValue> | undefined;
  /** Writes every plain rule's value into its slot (see plainEvaluator). */
  readonly plain: PlainEvaluator;
  readonly finishes: readonly ((value: AttrValue) => AttrValue)[];
  readonly constants: readonly AttrValue[];
  /** The positions of the rules that are not plain, in order. */
  readonly others: readonly number[];
  readonly scratch: Slot[];
  busy: boolean;
  /** evaluateRulesIn's answer when every value flows, refilled on each (not nested) evaluation. */
  readonly mapped: {
    values: Record<string, AttrValue>;
    notFlowed: ReadonlySet<string>;
    errors: readonly string[];
  };
}

type PlainEvaluator = (
  attributes: Attributes,
  got: Slot[],
  finishes: readonly ((value: AttrValue) => AttrValue)[],
  constants: readonly AttrValue[],
) => void;

const shapes = new WeakMap<readonly CompiledRule[], ValuesShape>();

/**
 * The values of a list of rules are built by a constructor made for their targets (see
 * normalise/attribute-record.ts for why): ~17 keyed stores per person into `{}` cost more and leave
 * the values in a separately grown property array. Targets are embedded as JSON string literals.
 */
function shapeOf(rules: readonly CompiledRule[]): ValuesShape {
  let shape = shapes.get(rules);
  if (shape === undefined) {
    const finishes: ((value: AttrValue) => AttrValue)[] = [];
    const constants: AttrValue[] = [];
    const others: number[] = [];
    rules.forEach((r, i) => {
      const plain = r.plain;
      finishes.push(plain?.kind === 'direct' ? plain.finish : IDENTITY);
      constants.push(
        plain?.kind === 'constant'
          ? plain.value
          : plain?.kind === 'direct' && plain.text
            ? plain.text.whenEmpty
            : null,
      );
      if (plain === undefined) others.push(i);
    });
    shape = {
      build: valuesBuilder(rules.map((r) => r.target)),
      fill: valuesFiller(rules.map((r) => r.target)),
      refilled: undefined,
      plain: plainEvaluator(rules.map((r) => r.plain)),
      finishes,
      constants,
      others,
      scratch: new Array<Slot>(rules.length).fill(SKIPPED),
      busy: false,
      mapped: { values: {}, notFlowed: NOTHING, errors: NO_ERRORS },
    };
    shapes.set(rules, shape);
  }
  return shape;
}

/** Builders are kept across runs by their targets (≤ 256), so the next run's values share a hidden class. */
const builders = new Map<string, ValuesShape['build']>();

function valuesBuilder(targets: readonly string[]): ValuesShape['build'] {
  const id = JSON.stringify(targets);
  let build = builders.get(id);
  if (build === undefined) {
    build = makeValuesBuilder(targets);
    if (builders.size >= 256) builders.clear();
    builders.set(id, build);
  }
  return build;
}

/**
 * Keys the planner adds to a person's values after mapping them: the manager pass records the manager
 * it set in the plan's `applied` values, which are these objects (manager-plan.ts recordManager).
 */
const RECORDED_LATER = ['manager'] as const;

/**
 * While V8 still sizes a new constructor's objects it keeps room for every key any of them has by
 * then; after that, a key added to one object goes into a property array made for that object. One
 * throwaway object given the keys added later leaves a slot for them in every object: the manager set
 * on each of 50,000 persons' values is then a plain field, not a property array each (~100 bytes
 * allocated and ~60 kept per person). The keys are only reserved, never set: objects that are not
 * given a manager have no such key.
 */
function reserveRecordedLater(
  Values: new (values: readonly AttrValue[]) => Record<string, AttrValue>,
  targets: readonly string[],
): void {
  const probe = new Values(targets.map(() => null));
  for (const key of RECORDED_LATER) if (!targets.includes(key)) probe[key] = null;
}

function makeValuesBuilder(targets: readonly string[]): ValuesShape['build'] {
  const copy = (values: readonly AttrValue[]) => {
    const out: Record<string, AttrValue> = {};
    targets.forEach((t, i) => {
      out[t] = values[i] as AttrValue;
    });
    return out;
  };
  if (targets.includes('__proto__')) return copy;
  try {
    const Values = new Function(
      'v',
      targets.map((t, i) => `this[${JSON.stringify(t)}] = v[${i}];`).join('\n'),
    ) as unknown as new (
      values: readonly AttrValue[],
    ) => Record<string, AttrValue>;
    Values.prototype = Object.prototype;
    reserveRecordedLater(Values, targets);
    return (values) => new Values(values);
  } catch {
    return copy;
  }
}

/** Fillers kept across runs by their targets (≤ 256), as the builders. */
const fillers = new Map<string, ValuesShape['fill']>();

/**
 * valuesBuilder's record refilled in place: the same keys, stored in the same order, into an object
 * the builder made (so its hidden class stays). Undefined where the builder copies (`__proto__`, or no
 * code can be made): then every evaluation builds its record.
 */
function valuesFiller(targets: readonly string[]): ValuesShape['fill'] {
  const id = JSON.stringify(targets);
  if (fillers.has(id)) return fillers.get(id);
  let fill: ValuesShape['fill'];
  if (!targets.includes('__proto__')) {
    try {
      fill = new Function(
        'o',
        'v',
        targets.map((t, i) => `o[${JSON.stringify(t)}] = v[${i}];`).join('\n'),
      ) as ValuesShape['fill'];
    } catch {
      fill = undefined;
    }
  }
  if (fillers.size >= 256) fillers.clear();
  fillers.set(id, fill);
  return fill;
}

const IDENTITY = (value: AttrValue): AttrValue => value;

/** Plain evaluators kept across runs by their code (≤ 256), so the next run's starts optimised. */
const plainEvaluators = new Map<string, PlainEvaluator>();

/**
 * One function for a list's direct and constant rules: nine or so direct rules per person were three
 * calls each through shared call sites (the rule, its reader, its finisher) that saw every rule; here
 * each rule's read is its own property load (monomorphic on the persons' one hidden class) and a text
 * is trimmed in place, as the rule's finisher would. `got[i]` gets rule i's value; expressions' slots
 * are left alone. Attribute names are embedded as JSON string literals (no code can be injected);
 * where code cannot be made, a loop does the same.
 */
function plainEvaluator(plains: readonly (PlainRule | undefined)[]): PlainEvaluator {
  const lines: string[] = [];
  plains.forEach((plain, i) => {
    if (plain === undefined) return;
    if (plain.kind === 'constant') lines.push(`g[${i}] = k[${i}];`);
    else {
      lines.push(`v = a[${JSON.stringify(plain.source)}];`);
      lines.push(
        plain.text === undefined
          ? `g[${i}] = f[${i}](v === undefined ? null : v);`
          : `if (typeof v !== 'string') g[${i}] = f[${i}](v === undefined ? null : v);` +
              ` else if (v === '') g[${i}] = k[${i}];` +
              ` else { t = v.trim(); g[${i}] = t === '' ? null : t; }`,
      );
    }
  });
  const body = `let v, t;\n${lines.join('\n')}`;
  let made = plainEvaluators.get(body);
  if (made === undefined) {
    try {
      made = new Function('a', 'g', 'f', 'k', body) as PlainEvaluator;
    } catch {
      made = plainLoop(plains);
    }
    if (plainEvaluators.size >= 256) plainEvaluators.clear();
    plainEvaluators.set(body, made);
  }
  return made;
}

/** plainEvaluator's function as a loop. */
function plainLoop(plains: readonly (PlainRule | undefined)[]): PlainEvaluator {
  return (attributes, got, finishes) => {
    plains.forEach((plain, i) => {
      if (plain === undefined) return;
      if (plain.kind === 'constant') got[i] = plain.value;
      else got[i] = (finishes[i] as (value: AttrValue) => AttrValue)(attributes[plain.source] ?? null);
    });
  };
}
