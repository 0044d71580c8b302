/** Audit events as sentences: a finished run says what kind it was and how it ended. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditSentence } from './audit-sentences.ts';

type Event = Parameters<typeof auditSentence>[0];

const event = (over: Partial<Event>): Event => ({
  id: 'e1',
  at: '2026-12-04T02:02:28.158Z',
  actor: { type: 'system', id: null, name: 'worker', displayName: 'The sync' },
  action: 'run.finished',
  outcome: 'success',
  connection: { id: 'c1', name: 'Contoso HR' },
  tenantId: null,
  runId: 'r1',
  person: null,
  message: '',
  details: {},
  ...over,
});

test('a finished run names its kind and its outcome, not "which failed"', () => {
  assert.equal(
    auditSentence(
      event({
        outcome: 'failure',
        message: 'simulation run: completed with failures',
        details: { kind: 'simulation', status: 'succeeded', outcome: 'completed-with-failures' },
      }),
    ),
    'hrsync finished a simulation of “Contoso HR”: completed with failures.',
  );
  assert.equal(
    auditSentence(event({ details: { kind: 'on-demand', outcome: 'succeeded' } })),
    'hrsync finished an on-demand sync of “Contoso HR”: succeeded.',
  );
  // Older events without an outcome keep the plain tail.
  assert.equal(
    auditSentence(event({ outcome: 'failure' })),
    'hrsync finished a run of “Contoso HR”, which failed.',
  );
});

test("the worker's start says the kind from its message; people and tokens keep their names", () => {
  assert.equal(
    auditSentence(
      event({
        action: 'run.started',
        actor: { type: 'system', id: null, name: 'worker vm/11974/ab', displayName: 'hrsync' },
        message: 'sync run started (attempt 1)',
      }),
    ),
    'hrsync started a sync of “Contoso HR”.',
  );
  assert.equal(
    auditSentence(
      event({
        action: 'run.queued',
        actor: { type: 'token', id: 't1', name: 'token ci (a@b.nl)', displayName: 'API token ci' },
        details: { kind: 'simulation' },
      }),
    ),
    'API token ci asked for a run of “Contoso HR”.',
  );
  assert.equal(
    auditSentence(
      event({
        action: 'account.create',
        person: '100012',
        actor: { type: 'system', id: null, name: 'worker', displayName: 'The sync' },
      }),
    ),
    'The sync created the account of 100012.',
  );
});

test('a blocked run says that nothing was applied, not that it "was refused"', () => {
  assert.equal(
    auditSentence(
      event({
        action: 'run.blocked',
        outcome: 'refused',
        message: 'sync run blocked: 4 disables + deletes exceed the threshold; nothing was applied',
      }),
    ),
    'hrsync stopped a run of “Contoso HR” at a safety threshold; nothing was applied.',
  );
});
