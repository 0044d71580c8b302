import type { EvalState } from '../context.ts';
import { evaluationFailure } from '../failure.ts';

/** A whole number in [0, bound) from the context's random source, which must give [0, 1). */
export function randomBelow(state: EvalState, bound: number, position: number): number {
  const r = state.context.random();
  if (!(r >= 0 && r < 1))
    return evaluationFailure(`the random source returned ${r}, not a number in [0, 1)`, position);
  return Math.floor(r * bound);
}
