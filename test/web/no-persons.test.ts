/** A run without persons says why by its status (web/src/runs/no-persons.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_PERSONS } from '../../web/src/runs/no-persons.ts';

test('a failed, cancelled or discarded run does not say its results are still coming', () => {
  for (const status of ['failed', 'cancelled', 'discarded', 'succeeded', 'blocked'] as const) {
    assert.doesNotMatch(NO_PERSONS[status], /not produced results yet/, status);
  }
  assert.match(NO_PERSONS.failed, /stopped before it looked at anyone; the message above says why/);
  assert.equal(NO_PERSONS.running, 'The run has not produced results yet.');
});
