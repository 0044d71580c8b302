import { HrsyncError } from '../core/index.ts';
import { PatternTimeout } from '../expr/index.ts';

/**
 * Runs one evaluation of user-written patterns; a pattern over its time budget fails the whole run
 * (not just the person), naming the mapping or filter — the next person would only stall again.
 */
export function withinBudget<T>(label: string, path: string, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    throw overBudget(label, path, error);
  }
}

/**
 * What to throw for an error out of a pattern evaluation: a timeout names the pattern, and its
 * configuration path (`/mapping/3/source`) so the failed run links to the field; anything else is rethrown.
 */
export function overBudget(label: string, path: string, error: unknown): unknown {
  if (error instanceof PatternTimeout) {
    const message = `${label}: ${error.message}`;
    return new HrsyncError('HRS_PATTERN_TIMEOUT', message, { cause: error, details: [{ path, message }] });
  }
  return error;
}
