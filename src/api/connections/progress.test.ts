import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterStepSaved, canSaveStep } from './progress.ts';

test('saving steps moves progress and state by the table', () => {
  const cases = [
    // state, progress, step, changed → state, progress
    ['draft', 0, 1, true, 'draft', 1],
    ['draft', 3, 4, true, 'simulation', 4],
    ['draft', 3, 4, false, 'simulation', 4],
    ['simulation', 4, 2, true, 'draft', 2],
    ['simulation', 5, 4, true, 'simulation', 4],
    ['simulation', 5, 2, false, 'simulation', 5],
    ['active', 5, 3, true, 'draft', 3],
    ['active', 5, 4, true, 'simulation', 4],
    ['active', 5, 1, false, 'active', 5],
    ['deactivated', 5, 4, false, 'deactivated', 5],
    ['draft', 2, 3, false, 'draft', 3],
  ] as const;
  for (const [state, progress, step, changed, wantState, wantProgress] of cases) {
    assert.deepEqual(
      afterStepSaved(state, progress, step, changed),
      { state: wantState, progress: wantProgress },
      `${state}/${progress} save step ${step} changed=${changed}`,
    );
  }
});

test('a step is locked until the one before it is confirmed', () => {
  assert.equal(canSaveStep(0, 1).ok, true);
  assert.equal(canSaveStep(1, 2).ok, true);
  assert.equal(canSaveStep(4, 2).ok, true);
  const locked = canSaveStep(1, 3);
  assert.equal(locked.ok, false);
  assert.match(locked.ok ? '' : locked.message, /Step 3 is locked: confirm step 2 first/);
});
