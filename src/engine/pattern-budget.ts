import { HrsyncError } from '../core/index.ts';
import { PatternTimeout } from '../expr/index.ts';

/**
 * Runs one evaluation of user-written patterns; a pattern over its time budget fails the whole run
 * (not just the person), naming the mapping or filter — the next person would only stall again.
 */
export function withinBudget<T>(label: string, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    throw overBudget(label, error);
  }
}

/** What to throw for an error out of a pattern evaluation: a timeout names the pattern, anything else is rethrown. */
export function overBudget(label: string, error: unknown): unknown {
  if (error instanceof PatternTimeout) {
    return new HrsyncError('HRS_PATTERN_TIMEOUT', `${label}: ${error.message}`, { cause: error });
  }
  return error;
}
