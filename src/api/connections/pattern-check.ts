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

/**
 * What one save may ask of the analyser: each different pattern is analysed once, at most `distinct`
 * of them, within `budgetMs` in all. One pattern can take the analyser its whole 3 s (`[0-9]{30}x`
 * took 1.6 s here), so without a bound a step of 100 unique-name candidates kept its save — and the
 * analyser — busy for 82 s. A pattern the budget leaves no time for is refused like one too complex to
 * prove safe: the user sees which, and saves fewer or simpler ones.
 */
export const PATTERN_CHECK_LIMITS = Object.freeze({ distinct: 100, budgetMs: 15_000 });

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

/** The regular expression the analyser is given, or null when the pattern does not compile. */
function analysed(p: PatternAt): { source: string; flags: string } | null {
  const compiled = p.flags === 'i' ? safeRegExp(p.pattern) : compileDotnetRegex(p.pattern, false);
  // A pattern that does not compile is reported by the step's own validation.
  if (typeof compiled === 'string' || compiled === null) return null;
  const { source, flags } = compiled.regex;
  return { source, flags: `${flags.replace(/[gd]/g, '')}${p.flags}` };
}

async function problemOf(p: PatternAt, deadline: number, budgetMs: number): Promise<string | null> {
  if (p.pattern.length > MAX_PATTERN_LENGTH) {
    return `the regular expression is longer than ${MAX_PATTERN_LENGTH} characters`;
  }
  const regex = analysed(p);
  if (regex === null) return null;
  const quoted = JSON.stringify(p.pattern);
  const left = Math.min(ANALYSIS_TIMEOUT_MS, deadline - performance.now());
  if (left <= 0) return notChecked(quoted, budgetMs);
  const result = await check(regex.source, regex.flags, { timeout: left });
  if (result.status === 'unknown' && result.error.kind === 'timeout' && left < ANALYSIS_TIMEOUT_MS) {
    return notChecked(quoted, budgetMs);
  }
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

function notChecked(quoted: string, budgetMs: number): string {
  return `the regular expression ${quoted} was not checked: the ${budgetMs / 1000} s a save may spend proving patterns safe ran out on the others; save fewer or simpler regular expressions`;
}

function safeRegExp(pattern: string): { regex: RegExp } | null {
  try {
    return { regex: new RegExp(pattern) };
  } catch {
    return null;
  }
}

/** Throws HRS_PATTERN_UNSAFE naming every unsafe pattern by path. */
export async function assertPatternsSafe(
  patterns: readonly PatternAt[],
  limits: { readonly distinct: number; readonly budgetMs: number } = PATTERN_CHECK_LIMITS,
): Promise<void> {
  // The same pattern in many places is analysed once; its verdict is reported at each place.
  const key = (p: PatternAt) => `${p.flags}/${p.pattern}`;
  const distinct = new Map<string, PatternAt>();
  for (const p of patterns) {
    if (distinct.has(key(p))) continue;
    if (distinct.size === limits.distinct) {
      const limit = limits.distinct;
      const message = `the step holds more than ${limit} different regular expressions (this is number ${limit + 1}); a save proves at most ${limit} safe: use fewer, e.g. one pattern with alternatives, or other operators`;
      throw new HrsyncError('HRS_PATTERN_UNSAFE', `Too many regular expressions: ${p.path}: ${message}.`, {
        details: [{ path: p.path, message }],
      });
    }
    distinct.set(key(p), p);
  }
  const deadline = performance.now() + limits.budgetMs;
  const verdicts = new Map<string, string | null>();
  for (const [k, p] of distinct) verdicts.set(k, await problemOf(p, deadline, limits.budgetMs));
  const details: ErrorDetail[] = [];
  for (const p of patterns) {
    const problem = verdicts.get(key(p));
    if (problem) details.push({ path: p.path, message: problem });
  }
  if (details.length > 0) {
    throw new HrsyncError(
      'HRS_PATTERN_UNSAFE',
      `${plural(details.length, 'regular expression')} refused: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
      { details },
    );
  }
}
