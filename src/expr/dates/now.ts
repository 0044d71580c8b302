import type { EvalState } from '../context.ts';
import { evaluationFailure } from '../failure.ts';

/** The context's clock, read once per evaluation. */
export function nowMs(state: EvalState, position: number): number {
  if (state.nowMs !== undefined) return state.nowMs;
  const now = state.context.now();
  const ms = typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (Number.isNaN(ms))
    return evaluationFailure(`the clock returned ${JSON.stringify(String(now))}, not a time`, position);
  state.nowMs = ms;
  return ms;
}
