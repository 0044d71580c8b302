/**
 * How saving a configuration step moves progress and state (DESIGN.md §2): saving a change to step
 * k sends progress back to k and the state back to `draft` until steps 1–4 are confirmed again;
 * saving a step unchanged confirms it. Pure, so the rules are tested as a table.
 */
import type { ConnectionState } from '../../core/index.ts';

export const CONFIGURED_STEPS = 4;

export type StepSaveCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export function canSaveStep(progress: number, step: number): StepSaveCheck {
  if (step <= progress + 1) return { ok: true };
  return {
    ok: false,
    message: `Step ${step} is locked: confirm step ${progress + 1} first (steps are completed in order).`,
  };
}

export function afterStepSaved(
  state: ConnectionState,
  progress: number,
  step: number,
  changed: boolean,
): { readonly state: ConnectionState; readonly progress: number } {
  const next = changed ? step : Math.max(progress, step);
  const complete = next >= CONFIGURED_STEPS;
  if (changed) return { progress: next, state: complete ? 'simulation' : 'draft' };
  if (state === 'draft' && complete) return { progress: next, state: 'simulation' };
  return { progress: next, state };
}
