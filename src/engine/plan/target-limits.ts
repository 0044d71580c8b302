/**
 * Target limits in the plan: every value the planner would write is checked against what the target
 * refuses (its capabilities' attribute limits and required attributes), so a simulation shows the
 * failures and shortenings the sync would otherwise meet. Pure.
 */
import type { AttrValue } from '../../core/index.ts';
import type { AttributeLimit } from '../ports.ts';

export type TooLongPolicy = 'shorten' | 'fail';

/** A value cut to fit, shown as a warning with old → new. */
export interface Shortened {
  readonly attribute: string;
  readonly old: AttrValue;
  readonly new: AttrValue;
  readonly message: string;
}

export interface LimitCheck {
  /** The values as they will be written (shortened where the policy says so). */
  readonly values: Record<string, AttrValue>;
  readonly shortened: ReadonlyMap<string, Shortened>;
  /** What the target would refuse, per attribute, in plain words. */
  readonly problems: ReadonlyMap<string, string>;
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
  let problems: Map<string, string> | undefined;
  for (const attribute in values) {
    const value = values[attribute] as AttrValue;
    const limit = limits.limits[attribute];
    if (limit === undefined || value === null) continue;
    if (typeof value === 'string') {
      const format = limit.format?.(value) ?? null;
      if (format !== null) {
        problems ??= new Map();
        problems.set(attribute, `${attribute} ${quote(value)} ${format}`);
        continue;
      }
      if (limit.maxLength !== undefined && value.length > limit.maxLength) {
        const policy = limits.policyOf(attribute) ?? limit.onTooLong;
        const what = `${attribute} is ${value.length} characters; ${limits.targetName} allows at most ${limit.maxLength}`;
        if (policy === 'fail') {
          problems ??= new Map();
          problems.set(attribute, `${what} (${quote(value)})`);
        } else {
          const next = cut(value, limit.maxLength);
          out ??= { ...values };
          out[attribute] = next;
          shortened ??= new Map();
          shortened.set(attribute, {
            attribute,
            old: value,
            new: next,
            message: `${what}: shortened "${value}" → "${next}"`,
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
        problems.set(attribute, `${attribute} ${quote(firstBad[0])} ${firstBad[1]}`);
        continue;
      }
      if (limit.maxValues !== undefined && value.length > limit.maxValues) {
        const policy = limits.policyOf(attribute) ?? limit.onTooLong;
        const what = `${attribute} has ${value.length} values; ${limits.targetName} allows at most ${limit.maxValues}`;
        if (policy === 'fail') {
          problems ??= new Map();
          problems.set(attribute, what);
        } else {
          const next = value.slice(0, limit.maxValues);
          out ??= { ...values };
          out[attribute] = next;
          shortened ??= new Map();
          shortened.set(attribute, {
            attribute,
            old: value,
            new: next,
            message: `${what}: kept ${next.map((v) => `"${v}"`).join(', ')}, left out ${value
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
): WriteProblem[] {
  const out: WriteProblem[] = [];
  for (const { attribute, value } of written) {
    const problem = check.problems.get(attribute);
    if (problem !== undefined) out.push({ attribute, message: problem });
    else if (value === null && requiredOnCreate === null && limits.limits[attribute]?.cannotClear)
      out.push({
        attribute,
        message: `${attribute} would be cleared; ${limits.targetName} does not allow clearing it`,
      });
  }
  if (requiredOnCreate !== null) {
    const present = new Set(written.filter((w) => w.value !== null).map((w) => w.attribute));
    for (const attribute of requiredOnCreate)
      if (!present.has(attribute))
        out.push({
          attribute,
          message: `${attribute} is empty; ${limits.targetName} needs it to create an account`,
        });
  }
  return out;
}

export interface WriteProblem {
  readonly attribute: string;
  readonly message: string;
}
