/**
 * Save-time check of every regular expression a step holds — Replace patterns in mapping
 * expressions and unique-name candidates, REGEX_MATCH / NOT_REGEX_MATCH scoping values — with the
 * `recheck` analyser (automata-based ReDoS detection; its native backend runs in a child process, so
 * the API's event loop stays free). A pattern that can backtrack exponentially, or polynomially of
 * degree 3 or more, is refused with its path. Run-time evaluation is bounded as well
 * (src/expr/text/bounded-regex.ts): this check is the clear early message, the budget the guarantee.
 */
import { check } from 'recheck';
import type { ErrorDetail, MappingRule, ScopeConfig } from '../../core/index.ts';
import { HrsyncError, plural } from '../../core/index.ts';
import { compileDotnetRegex, literalPatterns, parseExpression } from '../../expr/index.ts';

export interface PatternAt {
  readonly path: string;
  /** The pattern as written (.NET syntax for expressions). */
  readonly pattern: string;
  readonly flags: string;
}

const ANALYSIS_TIMEOUT_MS = 3000;
const MAX_PATTERN_LENGTH = 1000;

function fromExpression(path: string, text: string): PatternAt[] {
  const parsed = parseExpression(text);
  if (!parsed.ok) return [];
  return literalPatterns(parsed.ast).map((pattern) => ({ path, pattern, flags: '' }));
}

export function mappingPatterns(
  mapping: readonly MappingRule[] | undefined,
  candidates: readonly string[] | undefined,
): PatternAt[] {
  const found: PatternAt[] = [];
  (mapping ?? []).forEach((rule, i) => {
    if (rule.type === 'expression' && typeof rule.source === 'string') {
      found.push(...fromExpression(`/mapping/${i}/source`, rule.source));
    }
  });
  (candidates ?? []).forEach((text, i) => {
    found.push(...fromExpression(`/uniqueness/candidates/${i}`, text));
  });
  return found;
}

export function scopePatterns(scope: ScopeConfig | undefined): PatternAt[] {
  const found: PatternAt[] = [];
  (scope?.filters ?? []).forEach((f, fi) => {
    f.clauses.forEach((c, ci) => {
      if ((c.operator === 'REGEX_MATCH' || c.operator === 'NOT_REGEX_MATCH') && c.value !== undefined) {
        found.push({ path: `/scope/filters/${fi}/clauses/${ci}/value`, pattern: c.value, flags: 'i' });
      }
    });
  });
  return found;
}

async function problemOf(p: PatternAt): Promise<string | null> {
  if (p.pattern.length > MAX_PATTERN_LENGTH) {
    return `the regular expression is longer than ${MAX_PATTERN_LENGTH} characters`;
  }
  const compiled = p.flags === 'i' ? safeRegExp(p.pattern) : compileDotnetRegex(p.pattern, false);
  // A pattern that does not compile is reported by the step's own validation.
  if (typeof compiled === 'string' || compiled === null) return null;
  const { source, flags } = compiled.regex;
  const result = await check(source, `${flags.replace(/[gd]/g, '')}${p.flags}`, {
    timeout: ANALYSIS_TIMEOUT_MS,
  });
  const quoted = JSON.stringify(p.pattern);
  if (result.status === 'unknown') {
    return `the regular expression ${quoted} is too complex to prove safe (${result.error.kind}); simplify it`;
  }
  if (result.status !== 'vulnerable') return null;
  const { complexity } = result;
  if (complexity.type === 'polynomial' && complexity.degree < 3) return null;
  const how = complexity.type === 'exponential' ? 'exponential' : `polynomial (degree ${complexity.degree})`;
  return (
    `the regular expression ${quoted} can backtrack catastrophically: ${how} time on input like ` +
    `${JSON.stringify(result.attack.pattern.slice(0, 60))}; rewrite it without nested or overlapping repetition`
  );
}

function safeRegExp(pattern: string): { regex: RegExp } | null {
  try {
    return { regex: new RegExp(pattern) };
  } catch {
    return null;
  }
}

/** Throws HRS_PATTERN_UNSAFE naming every unsafe pattern by path. */
export async function assertPatternsSafe(patterns: readonly PatternAt[]): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const p of patterns) {
    const problem = await problemOf(p);
    if (problem !== null) details.push({ path: p.path, message: problem });
  }
  if (details.length > 0) {
    throw new HrsyncError(
      'HRS_PATTERN_UNSAFE',
      `${plural(details.length, 'regular expression')} refused: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
      { details },
    );
  }
}
