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
    if (error instanceof PatternTimeout) {
      throw new HrsyncError('HRS_PATTERN_TIMEOUT', `${label}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
