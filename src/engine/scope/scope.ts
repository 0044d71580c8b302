/**
 * scope: decides who is managed, with Entra-style scoping filters — clauses inside one filter are
 * AND-ed, filters are OR-ed, no filters means everyone. Regexes are compiled once per configuration.
 */
import {
  type AttrValue,
  assertNever,
  isEmpty,
  type Person,
  type ScopeConfig,
  type ScopeOperator,
} from '../../core/index.ts';
import { boundedTest } from '../../expr/index.ts';
import { withinBudget } from '../pattern-budget.ts';

export interface ScopeDecision {
  readonly inScope: boolean;
  /** Why: the first clause that failed in each filter, or the filter that matched. */
  readonly reason: string;
}

type ClauseTest = (value: AttrValue | undefined) => boolean;

const text = (v: AttrValue | undefined): string =>
  Array.isArray(v) ? v.join(',') : v === null || v === undefined ? '' : String(v);
const truthy = (v: AttrValue | undefined) =>
  v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
const falsy = (v: AttrValue | undefined) =>
  v === false || (typeof v === 'string' && v.toLowerCase() === 'false');

function compareOrdered(v: AttrValue | undefined, expected: string): number | null {
  const a = text(v);
  if (a === '') return null;
  const na = Number(a);
  const nb = Number(expected);
  if (Number.isFinite(na) && Number.isFinite(nb) && a.trim() !== '' && expected.trim() !== '') return na - nb;
  return a < expected ? -1 : a > expected ? 1 : 0;
}

function clauseTest(operator: ScopeOperator, expected: string): ClauseTest {
  const lower = expected.toLowerCase();
  switch (operator) {
    case 'EQUALS':
      return (v) => text(v).toLowerCase() === lower;
    case 'NOT_EQUALS':
      return (v) => text(v).toLowerCase() !== lower;
    case 'IS_NULL':
      return (v) => isEmpty(v ?? null);
    case 'IS_NOT_NULL':
      return (v) => !isEmpty(v ?? null);
    case 'IS_TRUE':
      return truthy;
    case 'IS_FALSE':
      return falsy;
    case 'REGEX_MATCH': {
      const re = new RegExp(expected, 'i');
      return (v) => boundedTest(re, text(v));
    }
    case 'NOT_REGEX_MATCH': {
      const re = new RegExp(expected, 'i');
      return (v) => !boundedTest(re, text(v));
    }
    case 'INCLUDES': {
      const options = lower.split(',').map((s) => s.trim());
      return (v) => options.includes(text(v).toLowerCase());
    }
    case 'STARTS_WITH':
      return (v) => text(v).toLowerCase().startsWith(lower);
    case 'ENDS_WITH':
      return (v) => text(v).toLowerCase().endsWith(lower);
    case 'GREATER_THAN':
      return (v) => (compareOrdered(v, expected) ?? 0) > 0;
    case 'GREATER_THAN_OR_EQUALS':
      return (v) => (compareOrdered(v, expected) ?? -1) >= 0;
    case 'LESS_THAN':
      return (v) => (compareOrdered(v, expected) ?? 0) < 0;
    default:
      return assertNever(operator, 'scope operator');
  }
}

export type ScopeFn = (person: Person) => ScopeDecision;

const EVERYONE: ScopeDecision = Object.freeze({
  inScope: true,
  reason: 'no scoping filters: everyone is in scope',
});

/** Compiles the filters once; invalid regexes are caught by config validation (see validateScope). */
export function compileScope(config: ScopeConfig): ScopeFn {
  if (config.filters.length === 0) return () => EVERYONE;
  const filters = config.filters.map((f, fi) =>
    f.clauses.map((c, ci) => ({
      path: `/scope/filters/${fi}/clauses/${ci}/value`,
      label: `filter ${fi + 1}: ${c.attribute} ${c.operator}${c.value === undefined ? '' : ` "${c.value}"`}`,
      attribute: c.attribute,
      test: clauseTest(c.operator, c.value ?? ''),
    })),
  );
  return (person) => {
    const failures: string[] = [];
    for (const clauses of filters) {
      const failed = clauses.find(
        (c) => !withinBudget(`scoping ${c.label}`, c.path, () => c.test(person.attributes[c.attribute])),
      );
      if (!failed) return { inScope: true, reason: `matches ${clauses.map((c) => c.label).join(' AND ')}` };
      failures.push(
        `${failed.label} is false (value ${JSON.stringify(person.attributes[failed.attribute] ?? null)})`,
      );
    }
    return { inScope: false, reason: failures.join('; ') };
  };
}

/** Config-time checks the schema cannot express: regexes compile, values present where needed. */
export function validateScope(config: ScopeConfig): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const needsValue = new Set<ScopeOperator>(['IS_NULL', 'IS_NOT_NULL', 'IS_TRUE', 'IS_FALSE']);
  config.filters.forEach((f, fi) => {
    f.clauses.forEach((c, ci) => {
      const path = `/scope/filters/${fi}/clauses/${ci}/value`;
      if (!needsValue.has(c.operator) && c.value === undefined) {
        errors.push({ path, message: `operator ${c.operator} needs a value` });
      }
      if ((c.operator === 'REGEX_MATCH' || c.operator === 'NOT_REGEX_MATCH') && c.value !== undefined) {
        try {
          new RegExp(c.value);
        } catch (e) {
          // V8 says "Invalid regular expression: /([/: Unterminated character class": said once.
          const why = (e as Error).message.replace(/^Invalid regular expression: /, '');
          errors.push({ path, message: `is not a valid regular expression: ${why}` });
        }
      }
    });
  });
  return errors;
}
