/**
 * The target's rules for values (its capabilities' `attributeRules`), checked while planning: a
 * value the target would refuse fails the person in the simulation already, with the reason, and is
 * never sent. Pure.
 */
import type { AttrValue } from '../../core/index.ts';
import type { AttributeRule } from '../ports.ts';

/** The reasons a value breaks its rule; empty when it is fine (or there is no rule). */
export function ruleViolations(
  attribute: string,
  value: AttrValue | undefined,
  rule: AttributeRule | undefined,
): string[] {
  if (rule === undefined || value === null || value === undefined || typeof value === 'boolean') return [];
  const values = Array.isArray(value) ? value : [String(value)];
  const out: string[] = [];
  for (const v of values) {
    const length = [...v].length;
    if (rule.maxLength !== undefined && length > rule.maxLength) {
      out.push(`${attribute} "${v}" is ${length} characters; the target allows at most ${rule.maxLength}`);
    }
    const bad = rule.invalidCharacters
      ? [...new Set([...v].filter((c) => rule.invalidCharacters?.includes(c)))]
      : [];
    if (bad.length > 0)
      out.push(
        `${attribute} "${v}" contains ${bad.map((c) => `"${c}"`).join(' ')}, which the target refuses`,
      );
    if (rule.noTrailingDot && v.endsWith('.'))
      out.push(`${attribute} "${v}" ends in a dot, which the target refuses`);
  }
  return out;
}

export function valuesViolations(
  values: Readonly<Record<string, AttrValue>>,
  rules: Readonly<Record<string, AttributeRule>>,
): string[] {
  return Object.entries(values).flatMap(([attribute, value]) =>
    ruleViolations(attribute, value, rules[attribute]),
  );
}
