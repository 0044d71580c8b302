/**
 * Target limits in the plan: every value the planner would write is checked against what the target
 * refuses (its capabilities' attribute limits and required attributes), so a simulation shows the
 * failures and shortenings the sync would otherwise meet. Pure.
 */
import type { AttrValue, RunStep, ValueProblem } from '../../core/index.ts';
import type { AttributeLimit } from '../ports.ts';

export type TooLongPolicy = 'shorten' | 'fail';

/** A value cut to fit, shown as a warning with old → new. */
export interface Shortened {
  readonly attribute: string;
  readonly old: AttrValue;
  readonly new: AttrValue;
  /** The target's limit: characters, or values of a list. */
  readonly max: number;
  readonly message: string;
}

export interface LimitCheck {
  /** The values as they will be written (shortened where the policy says so). */
  readonly values: Record<string, AttrValue>;
  readonly shortened: ReadonlyMap<string, Shortened>;
  /** What the target would refuse, per attribute, as data (put into words where shown). */
  readonly problems: ReadonlyMap<string, ValueProblem>;
}

export interface Limits {
  readonly targetName: string;
  readonly limits: Readonly<Record<string, AttributeLimit>>;
  /** The mapping's own choice for an attribute, if it made one. */
  readonly policyOf: (attribute: string) => TooLongPolicy | undefined;
}

const quote = (v: string) => (v.length > 40 ? `"${v.slice(0, 37)}…"` : `"${v}"`);

/** Cuts text without splitting a surrogate pair, and without a trailing space. */
function cut(text: string, max: number): string {
  return text
    .slice(0, max)
    .replace(/[\uD800-\uDBFF]$/, '')
    .trimEnd();
}

/**
 * Checks (and where allowed shortens) each value; values without a limit pass unchanged. Most persons
 * have nothing shortened or refused: then `values` itself is returned and no map is made.
 */
export function fitValues(values: Readonly<Record<string, AttrValue>>, limits: Limits): LimitCheck {
  let out: Record<string, AttrValue> | undefined;
  let shortened: Map<string, Shortened> | undefined;
  let problems: Map<string, ValueProblem> | undefined;
  for (const attribute in values) {
    const value = values[attribute] as AttrValue;
    const limit = limits.limits[attribute];
    if (limit === undefined || value === null) continue;
    if (typeof value === 'string') {
      const format = limit.format?.(value) ?? null;
      if (format !== null) {
        problems ??= new Map();
        problems.set(attribute, { attribute, problem: 'format', value, rule: format });
        continue;
      }
      if (limit.maxLength !== undefined && value.length > limit.maxLength) {
        const policy = limits.policyOf(attribute) ?? limit.onTooLong;
        if (policy === 'fail') {
          problems ??= new Map();
          problems.set(attribute, {
            attribute,
            problem: 'too-long',
            length: value.length,
            max: limit.maxLength,
            value,
          });
        } else {
          const next = cut(value, limit.maxLength);
          out ??= { ...values };
          out[attribute] = next;
          shortened ??= new Map();
          shortened.set(attribute, {
            attribute,
            old: value,
            new: next,
            max: limit.maxLength,
            message: `${attribute} is ${value.length} characters; ${limits.targetName} allows at most ${limit.maxLength}: shortened "${value}" → "${next}"`,
          });
        }
      }
    } else if (Array.isArray(value)) {
      let firstBad: readonly [string, string] | undefined;
      if (limit.format)
        for (const v of value) {
          const problem = limit.format(v) ?? null;
          if (problem !== null) {
            firstBad = [v, problem];
            break;
          }
        }
      if (firstBad) {
        problems ??= new Map();
        problems.set(attribute, { attribute, problem: 'format', value: firstBad[0], rule: firstBad[1] });
        continue;
      }
      if (limit.maxValues !== undefined && value.length > limit.maxValues) {
        const policy = limits.policyOf(attribute) ?? limit.onTooLong;
        if (policy === 'fail') {
          problems ??= new Map();
          problems.set(attribute, {
            attribute,
            problem: 'too-many',
            count: value.length,
            max: limit.maxValues,
          });
        } else {
          const next = value.slice(0, limit.maxValues);
          out ??= { ...values };
          out[attribute] = next;
          shortened ??= new Map();
          shortened.set(attribute, {
            attribute,
            old: value,
            new: next,
            max: limit.maxValues,
            message: `${attribute} has ${value.length} values; ${limits.targetName} allows at most ${limit.maxValues}: kept ${next.map((v) => `"${v}"`).join(', ')}, left out ${value
              .slice(limit.maxValues)
              .map((v) => `"${v}"`)
              .join(', ')}`,
          });
        }
      }
    }
  }
  return {
    values: out ?? (values as Record<string, AttrValue>),
    shortened: shortened ?? NONE,
    problems: problems ?? NONE,
  };
}

const NONE: ReadonlyMap<string, never> = new Map<string, never>();

/** Problems of the attributes actually written: refused values, required ones missing or cleared. */
export function writeProblems(
  check: LimitCheck,
  written: readonly { readonly attribute: string; readonly value: AttrValue }[],
  limits: Limits,
  requiredOnCreate: readonly string[] | null,
): ValueProblem[] {
  const out: ValueProblem[] = [];
  for (const { attribute, value } of written) {
    const problem = check.problems.get(attribute);
    if (problem !== undefined) out.push(problem);
    else if (value === null && requiredOnCreate === null && limits.limits[attribute]?.cannotClear)
      out.push({ attribute, problem: 'cannot-clear' });
  }
  if (requiredOnCreate !== null) {
    const present = new Set(written.filter((w) => w.value !== null).map((w) => w.attribute));
    for (const attribute of requiredOnCreate)
      if (!present.has(attribute)) out.push({ attribute, problem: 'required' });
  }
  return out;
}

export type WriteProblem = ValueProblem;

/** The engine's own text for a problem (the detail behind the words of contracts/item-reasons.ts). */
export function problemText(p: ValueProblem, targetName: string): string {
  switch (p.problem) {
    case 'too-long':
      return `${p.attribute} is ${p.length} characters; ${targetName} allows at most ${p.max} (${quote(p.value)})`;
    case 'too-many':
      return `${p.attribute} has ${p.count} values; ${targetName} allows at most ${p.max}`;
    case 'format':
      return `${p.attribute} ${quote(p.value)} ${p.rule}`;
    case 'cannot-clear':
      return `${p.attribute} would be cleared; ${targetName} does not allow clearing it`;
    case 'required':
      return `${p.attribute} is empty; ${targetName} needs it to create an account`;
  }
}

/** The failed plan step for values the target would refuse, on a new account (`create`) or an update. */
export function refusedStep(limits: Limits, problems: readonly ValueProblem[], create: boolean): RunStep {
  return {
    step: 'plan',
    status: 'failed',
    message: `${limits.targetName} would refuse${create ? ' the new account' : ''}: ${problems
      .map((p) => problemText(p, limits.targetName))
      .join('; ')}`,
    reason: { code: 'refused', target: limits.targetName, create, problems },
  };
}

/** The warning step for a value cut to fit. */
export function shortenedStep(s: Shortened, limits: Limits): RunStep {
  return {
    step: 'plan',
    status: 'warning',
    message: s.message,
    reason: {
      code: 'shortened',
      target: limits.targetName,
      attribute: s.attribute,
      max: s.max,
      old: s.old,
      new: s.new,
    },
  };
}

/**
 * fitValues for values whose keys are among known attributes (a list of rules' targets). The answer
 * for values within every limit is one object per fitter, refilled on each call: read it (or keep its
 * parts, not it) before the same fitter is called again.
 */
export type Fitter = (values: Readonly<Record<string, AttrValue>>) => LimitCheck;

/**
 * fitValues made for the values of one list of rules (their targets, as evaluateRulesIn builds them):
 * most persons' values are all within the limits, and a function made for the targets answers that
 * with a property load per limited attribute, not a walk over every key with a keyed lookup of its
 * limit; anything else found (a format problem, a value too long or with too many values) is handed
 * to fitValues, which then decides as before. Only for values with no key outside `targets`.
 */
export function fitterFor(targets: readonly string[], limits: Limits): Fitter {
  const within = withinLimits(targets, limits);
  if (within === undefined) return (values) => fitValues(values, limits);
  const { check, formats, lengths, counts } = within;
  // Nearly every person's values are within the limits: no answer object is made per person for that.
  const fits: { values: Record<string, AttrValue>; shortened: typeof NONE; problems: typeof NONE } = {
    values: {},
    shortened: NONE,
    problems: NONE,
  };
  return (values) => {
    if (!check(values, formats, lengths, counts)) return fitValues(values, limits);
    fits.values = values as Record<string, AttrValue>;
    return fits;
  };
}

type WithinCheck = (
  values: Readonly<Record<string, AttrValue>>,
  formats: readonly (AttributeLimit['format'] | undefined)[],
  lengths: readonly (number | undefined)[],
  counts: readonly (number | undefined)[],
) => boolean;

/** Checks kept across runs by their code (≤ 256), so the next run's start optimised. */
const withinChecks = new Map<string, WithinCheck>();

/**
 * The function of fitterFor: true when no value of `targets` has a limit it breaks. Undefined (use
 * fitValues) where a limit is not a plain description fitValues would read alike, or for `__proto__`.
 * Attribute names are embedded as JSON string literals (no code can be injected).
 */
function withinLimits(
  targets: readonly string[],
  limits: Limits,
):
  | {
      check: WithinCheck;
      formats: (AttributeLimit['format'] | undefined)[];
      lengths: (number | undefined)[];
      counts: (number | undefined)[];
    }
  | undefined {
  const formats: (AttributeLimit['format'] | undefined)[] = [];
  const lengths: (number | undefined)[] = [];
  const counts: (number | undefined)[] = [];
  const lines: string[] = [];
  for (const target of new Set(targets)) {
    if (target === '__proto__') return undefined;
    const limit = limits.limits[target];
    if (limit === undefined) continue;
    if (typeof limit !== 'object' || limit === null) return undefined;
    const { format, maxLength, maxValues } = limit;
    if (format !== undefined && format !== null && typeof format !== 'function') return undefined;
    if (typeof format !== 'function' && maxLength === undefined && maxValues === undefined) continue;
    const i = formats.length;
    formats.push(typeof format === 'function' ? format : undefined);
    lengths.push(maxLength);
    counts.push(maxValues);
    const text: string[] = [];
    const list: string[] = [];
    if (typeof format === 'function') {
      text.push(`if ((f[${i}](v) ?? null) !== null) return false;`);
      list.push(`for (let j = 0; j < v.length; j++) if ((f[${i}](v[j]) ?? null) !== null) return false;`);
    }
    if (maxLength !== undefined) text.push(`if (v.length > n[${i}]) return false;`);
    if (maxValues !== undefined) list.push(`if (v.length > c[${i}]) return false;`);
    lines.push(
      `v = a[${JSON.stringify(target)}];`,
      `if (typeof v === 'string') { ${text.join(' ')} }`,
      `else if (v !== null && Array.isArray(v)) { ${list.join(' ')} }`,
    );
  }
  const body = `let v;\n${lines.join('\n')}\nreturn true;`;
  let check = withinChecks.get(body);
  if (check === undefined) {
    try {
      check = new Function('a', 'f', 'n', 'c', body) as WithinCheck;
    } catch {
      return undefined;
    }
    if (withinChecks.size >= 256) withinChecks.clear();
    withinChecks.set(body, check);
  }
  return { check, formats, lengths, counts };
}
