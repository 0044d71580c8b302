/**
 * Every regular expression a user wrote (mappings, unique-name candidates, scoping filters) runs
 * through here, so no pattern can hold the thread for long (issue 10, DESIGN.md §6).
 *
 * JavaScript cannot interrupt a running RegExp from the same thread, so two mechanisms bound it:
 * - Patterns V8's linear-time engine can run (no backreferences, lookarounds, `i` or `u` flag) run
 *   natively: with `--enable-experimental-regexp-engine-on-excessive-backtracks` V8 itself switches
 *   such a match to the linear engine once it backtracks too much. Fast, and bounded by construction.
 * - Every other pattern runs inside `vm` with a timeout (≈0.15 ms overhead per call), which V8
 *   interrupts mid-match; going over the budget throws a PatternTimeout that the engine turns into a
 *   failed run naming the mapping or filter.
 * Patterns are also checked with an analyser when they are saved (src/api/connections/pattern-check.ts).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { BoundedCache } from './bounded-cache.ts';

/**
 * The expression language is also bundled into the web console, where `node:v8`/`node:vm` are empty
 * stand-ins: there patterns run natively (the console evaluates nothing on the service's behalf).
 */
function nodeOnly<T>(use: () => T): T | undefined {
  try {
    return use();
  } catch {
    return undefined;
  }
}

// Process-wide V8 switches, set once before any user pattern compiles: the first lets a backtracking
// match fall back to the linear engine; the second only makes the `l` flag compile, to ask V8 which
// patterns that engine supports.
const inNode = nodeOnly(() => {
  v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  v8.setFlagsFromString('--enable-experimental-regexp-engine');
  return true;
});

/** How long one match, test or replace of a user pattern may take. */
export const PATTERN_BUDGET_MS = 100;

/** A user pattern went over its time budget; the engine names the mapping or filter. */
export class PatternTimeout extends Error {
  readonly pattern: string;
  constructor(pattern: string) {
    super(
      `the regular expression ${JSON.stringify(pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern)} ` +
        `took longer than ${PATTERN_BUDGET_MS} ms on one value (it backtracks catastrophically); simplify it`,
    );
    this.name = 'PatternTimeout';
    this.pattern = pattern;
  }
}

const linearCache = new BoundedCache<string, boolean>(512);

/** Whether V8's linear engine can run this pattern, so the native run is bounded by itself. */
function linear(regex: RegExp): boolean {
  const key = `${regex.flags}/${regex.source}`;
  let known = linearCache.get(key);
  if (known === undefined) {
    try {
      new RegExp(regex.source, `${regex.flags.replace(/[gdy]/g, '')}l`);
      known = true;
    } catch {
      known = false;
    }
    linearCache.set(key, known);
  }
  return known;
}

const sandbox = inNode
  ? nodeOnly(() => ({
      context: vm.createContext(Object.create(null)),
      test: new vm.Script('r.lastIndex = 0; r.test(s)'),
      all: new vm.Script('r.lastIndex = 0; Array.from(s.matchAll(r))'),
      replace: new vm.Script('r.lastIndex = 0; s.replace(r, t)'),
    }))
  : undefined;

function inBudget<T>(script: vm.Script, regex: RegExp, s: string, t = ''): T {
  const context = sandbox!.context;
  const vars = context as { r: RegExp | undefined; s: string | undefined; t: string | undefined };
  vars.r = regex;
  vars.s = s;
  vars.t = t;
  try {
    // The budget is wall time (V8's watchdog): on a busy host one match can be descheduled past it.
    // A second try tells that apart from a pattern that backtracks catastrophically, which times
    // out again (the run fails after twice the budget, once).
    for (let attempt = 1; ; attempt++) {
      try {
        return script.runInContext(context, { timeout: PATTERN_BUDGET_MS }) as T;
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
        if (attempt === 2) throw new PatternTimeout(regex.source);
      }
    }
  } finally {
    vars.r = undefined;
    vars.s = undefined;
    vars.t = undefined;
  }
}

export function boundedTest(regex: RegExp, s: string): boolean {
  if (sandbox === undefined || linear(regex)) {
    regex.lastIndex = 0;
    return regex.test(s);
  }
  return inBudget<boolean>(sandbox.test, regex, s);
}

/** All matches of a global regex. */
export function boundedMatchAll(regex: RegExp, s: string): readonly RegExpExecArray[] {
  if (sandbox === undefined || linear(regex)) return Array.from(s.matchAll(regex));
  return inBudget<RegExpExecArray[]>(sandbox.all, regex, s);
}

/** `s.replace(regex, text)` with a plain replacement text. */
export function boundedReplace(regex: RegExp, s: string, text: string): string {
  if (sandbox === undefined || linear(regex)) return s.replace(regex, text);
  return inBudget<string>(sandbox.replace, regex, s, text);
}
