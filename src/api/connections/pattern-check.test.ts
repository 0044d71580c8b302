import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHrsyncError } from '../../core/index.ts';
import { assertPatternsSafe, PATTERN_CHECK_LIMITS } from './pattern-check.ts';

test('a pattern the save’s analysis budget leaves no time for is refused by name, never let through unchecked', async () => {
  const patterns = ['^a$', '[0-9]+x'].map((pattern, i) => ({
    path: `/scope/filters/0/clauses/${i}/value`,
    pattern,
    flags: 'i',
  }));
  await assert.doesNotReject(assertPatternsSafe(patterns));
  const refused = await assertPatternsSafe(patterns, { ...PATTERN_CHECK_LIMITS, budgetMs: 0 }).then(
    () => null,
    (error: unknown) => error,
  );
  assert.ok(isHrsyncError(refused), String(refused));
  assert.equal(refused.code, 'HRS_PATTERN_UNSAFE');
  const details = refused.details as { path: string; message: string }[];
  assert.deepEqual(
    details.map((d) => d.path),
    patterns.map((p) => p.path),
  );
  for (const d of details)
    assert.match(d.message, /was not checked: the 0 s a save may spend proving patterns safe ran out/);
});
