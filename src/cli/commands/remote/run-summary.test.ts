import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runOutcome } from '../../../contracts/index.ts';
import { ACTIONS, ITEM_STATUSES, RUN_STATUSES, type RunStatus } from '../../../core/index.ts';
import { type RunView, runExitCode, runLines } from './run-summary.ts';

const zero = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

function run(status: RunStatus, statuses: Record<string, number> = {}): RunView {
  return {
    id: 'r1',
    connectionId: 'c1',
    kind: 'sync',
    status,
    outcome: runOutcome(status, statuses),
    employeeNumber: null,
    requestedBy: 'token ci',
    requestedByName: 'API token ci',
    requestedAt: '2026-05-01T08:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    counts: {
      actions: { ...zero(ACTIONS), disable: 4 },
      statuses: { ...zero(ITEM_STATUSES), ...statuses },
    } as RunView['counts'],
    sourceCount: 12,
    blockedReason: status === 'blocked' ? '4 disables + deletes, over the limit of 2' : null,
    error: null,
    approval: null,
    discard: null,
    cancelRequested: false,
    progress: null,
    attempt: 1,
    maxAttempts: 3,
    unchangedCount: 0,
    itemsPrunedAt: null,
  };
}

test('runExitCode: 0 succeeded (warnings too), 2 failures, 3 blocked, 4 cancelled, 1 the run failed', () => {
  const expected: Record<RunStatus, 0 | 1 | 2 | 3 | 4> = {
    queued: 0,
    running: 0,
    succeeded: 0,
    blocked: 3,
    cancelled: 4,
    discarded: 3,
    failed: 1,
  };
  for (const status of RUN_STATUSES) assert.equal(runExitCode(run(status)), expected[status], status);
  assert.equal(runExitCode(run('succeeded', { success: 3, failed: 1 })), 2, 'a failed item');
  assert.equal(runExitCode(run('succeeded', { success: 3, warning: 2, skipped: 1 })), 0);
});

const PLACE = { connection: 'Contoso HR', zone: 'Europe/Amsterdam', destinationType: 'cloud' as const };

test('runLines: a blocked run says why and how to decide', () => {
  const lines = runLines(run('blocked', { blocked: 4 }), PLACE);
  assert.ok(lines.includes('blocked:     4 disables + deletes, over the limit of 2'), lines.join('\n'));
  assert.ok(lines.includes('actions:     Disable 4'));
  assert.ok(lines.includes('statuses:    Blocked 4'));
  assert.ok(lines.includes('source:      12 persons'));
  assert.deepEqual(lines.slice(-3), [
    'Nothing was applied. Decide with one of:',
    '  hrsync runs approve r1 --reason "…"',
    '  hrsync runs discard r1 --reason "…"',
  ]);
});

test("runLines: the console's words — the actor by name, times in the connection's zone, no codes", () => {
  const failed: RunView = {
    ...run('failed'),
    startedAt: '2026-05-01T08:00:01.000Z',
    finishedAt: '2026-05-01T08:02:31.000Z',
    durationMs: 150_000,
    error: { code: 'HRS_SOURCE_AUTH', message: 'AFAS answered 401: check the token.', paths: [] },
  };
  const lines = runLines(failed, PLACE);
  const text = lines.join('\n');
  assert.ok(lines.includes('kind:        Sync'), text);
  assert.ok(lines.includes('outcome:     Failed'), text);
  // The outcome says it; a status line would only repeat it.
  assert.ok(!lines.some((l) => l.startsWith('status:')), text);
  assert.ok(lines.includes('connection:  Contoso HR'), text);
  // 08:00 UTC is 10:00 in Amsterdam in May (CEST): the connection's zone, named.
  assert.ok(lines.includes('requested:   1 May 2026, 10:00:00 CEST by API token ci'), text);
  assert.ok(lines.includes('finished:    1 May 2026, 10:02:31 CEST'), text);
  assert.ok(lines.includes('duration:    2 min 30 s'), text);
  assert.ok(lines.includes('error:       AFAS refused the token: AFAS answered 401: check the token.'), text);
  assert.doesNotMatch(text, /HRS_|\d{4}-\d{2}-\d{2}|\bc1\b/);
});
