import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activationGate, type SimulationVerdict } from './activation-gate.ts';
import { checkRunOperation } from './run-states.ts';

const sim = (extra: Partial<SimulationVerdict> = {}): SimulationVerdict => ({
  runId: 'r1',
  current: true,
  outcome: 'succeeded',
  failed: 0,
  conflicts: 0,
  ...extra,
});

test('activation gate: the state table, then the latest simulation of the current configuration', () => {
  assert.equal(activationGate('draft', sim()).kind, 'refused');
  assert.equal(activationGate('active', sim()).reason, 'The connection is already active.');
  assert.deepEqual(activationGate('simulation', null), {
    kind: 'refused',
    reason: 'Run a simulation first.',
  });
  assert.match(activationGate('simulation', sim({ current: false })).reason ?? '', /configuration changed/);
  assert.equal(activationGate('simulation', sim({ outcome: 'failed' })).kind, 'refused');
  assert.deepEqual(activationGate('simulation', sim()), { kind: 'allowed', reason: null });
  assert.deepEqual(activationGate('deactivated', sim({ outcome: 'succeeded-with-warnings' })), {
    kind: 'allowed',
    reason: null,
  });
  const blocked = activationGate('simulation', sim({ outcome: 'blocked' }));
  assert.equal(blocked.kind, 'needs-reason');
  assert.match(blocked.reason ?? '', /blocked by a safety threshold/);
  const failing = activationGate(
    'simulation',
    sim({ outcome: 'completed-with-failures', failed: 26, conflicts: 25 }),
  );
  assert.equal(failing.kind, 'needs-reason');
  assert.match(failing.reason ?? '', /1 failed person and 25 conflicts/);
});

test('approve and discard exist only for blocked syncs', () => {
  assert.equal(checkRunOperation('approve', 'blocked', 'sync').ok, true);
  assert.equal(checkRunOperation('discard', 'blocked', 'sync').ok, true);
  const simulation = checkRunOperation('approve', 'blocked', 'simulation');
  assert.equal(simulation.ok, false);
  assert.match(!simulation.ok ? simulation.message : '', /only a blocked sync/);
  assert.equal(checkRunOperation('approve', 'succeeded', 'sync').ok, false);
  assert.equal(checkRunOperation('cancel', 'running', 'simulation').ok, true);
});
