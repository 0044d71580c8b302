/** Audit events as sentences: a finished run says what kind it was and how it ended. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditOutcome, auditSentence } from './audit-sentences.ts';

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
    'API token ci asked for a simulation of “Contoso HR”.',
  );
  assert.equal(
    auditSentence(
      event({
        action: 'account.create',
        person: '100012',
        actor: { type: 'system', id: null, name: 'worker', displayName: 'The sync' },
      }),
    ),
    'hrsync created the account of employee 100012.',
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

const admin = { type: 'user' as const, id: 'u1', name: 'jan@msp.nl', displayName: 'Jan Bakker' };

test('administration events name their object: customer, tenant, token, invitation, user', () => {
  const say = (action: string, details: Record<string, unknown>, message = '') =>
    auditSentence(event({ action, actor: admin, connection: null, details, message }));
  assert.equal(
    say('customer.created', { name: 'Contoso BV' }),
    'Jan Bakker added the customer “Contoso BV”.',
  );
  assert.equal(
    say('customer.renamed', { name: { old: 'Contoso', new: 'Contoso BV' } }),
    'Jan Bakker renamed the customer “Contoso” to “Contoso BV”.',
  );
  assert.equal(
    say('tenant.created', { name: 'Contoso BV', type: 'cloud' }),
    'Jan Bakker registered the tenant “Contoso BV”.',
  );
  assert.equal(
    say('token.created', { name: 'ci-deploy', role: 'operator' }),
    'Jan Bakker created the API token “ci-deploy” with the Operator role.',
  );
  assert.equal(say('token.revoked', { name: 'ci-deploy' }), 'Jan Bakker revoked the API token “ci-deploy”.');
  assert.equal(
    say('invitation.created', { email: 'piet@msp.nl', role: 'viewer' }),
    'Jan Bakker invited piet@msp.nl as Viewer.',
  );
  assert.equal(
    say('invitation.revoked', { email: 'piet@msp.nl' }),
    'Jan Bakker withdrew the invitation of piet@msp.nl.',
  );
  assert.equal(
    say('user.updated', {
      email: 'piet@msp.nl',
      name: 'Piet de Vries',
      role: { old: 'viewer', new: 'operator' },
    }),
    'Jan Bakker changed the role of Piet de Vries (piet@msp.nl) from Viewer to Operator.',
  );
  assert.equal(
    say('user.updated', { email: 'piet@msp.nl', name: 'Piet de Vries', disabled: { old: false, new: true } }),
    'Jan Bakker disabled the user Piet de Vries (piet@msp.nl).',
  );
  // Events stored before the routes recorded names: the quoted name of the message.
  assert.equal(
    say('tenant.deleted', {}, 'tenant "Fabrikam" deleted'),
    'Jan Bakker removed the tenant “Fabrikam”.',
  );
  assert.equal(say('customer.deleted', {}, ''), 'Jan Bakker removed a customer.');
});

test('account events name the person; a refused write says "could not"', () => {
  const account = (outcome: 'success' | 'failure') =>
    auditSentence(
      event({
        action: 'account.update',
        outcome,
        person: '100027',
        message: `update Martijn Dekker (100027): ${outcome === 'success' ? 'success' : 'failed — update account a1 (employee 100027): 403 Authorization_RequestDenied: …'}`,
      }),
    );
  assert.equal(account('success'), 'hrsync updated the account of Martijn Dekker (100027).');
  assert.equal(account('failure'), 'hrsync could not update the account of Martijn Dekker (100027).');
});

test('the schedule queues runs; steps and states are named', () => {
  assert.equal(
    auditSentence(
      event({
        action: 'run.queued',
        actor: { type: 'system', id: null, name: 'scheduler', displayName: 'Scheduled run' },
        details: { kind: 'sync' },
      }),
    ),
    'The schedule queued a sync of “Contoso HR”.',
  );
  assert.equal(
    auditSentence(event({ action: 'connection.step-saved', actor: admin, details: { step: 3 } })),
    'Jan Bakker saved step 3 (Mapping and matching) of the connection “Contoso HR”.',
  );
  assert.equal(
    auditSentence(
      event({
        action: 'connection.state-changed',
        actor: admin,
        details: { state: { old: 'draft', new: 'simulation' } },
      }),
    ),
    'Jan Bakker moved the connection “Contoso HR” from Draft to Simulation.',
  );
});

test('a refused step save says which step, from the operation the service recorded', () => {
  // The service records a refusal with the endpoint's operation, not the step's number.
  const refused = (operation: string) =>
    auditSentence(
      event({
        action: 'connection.step-saved',
        actor: admin,
        outcome: 'refused',
        message: "Step 3 has 1 problem: /mapping/0/source expected ')' at column 9",
        details: { code: 'HRS_CONFIG_INVALID', operation },
      }),
    );
  assert.equal(
    refused('saveMappingStep'),
    'Jan Bakker tried to save step 3 (Mapping and matching) of the connection “Contoso HR”, which was refused.',
  );
  assert.equal(
    refused('saveSourceStep'),
    'Jan Bakker tried to save step 1 (Source) of the connection “Contoso HR”, which was refused.',
  );
  assert.equal(
    refused('saveScopeStep'),
    'Jan Bakker tried to save step 4 (Scope and lifecycle) of the connection “Contoso HR”, which was refused.',
  );
});

test('the outcome of a finished run is how it ended, not "Failed"', () => {
  const finished = auditOutcome(
    event({ outcome: 'failure', details: { kind: 'sync', outcome: 'completed-with-failures' } }),
  );
  assert.deepEqual(finished, { words: 'Completed with failures', tone: 'attention' });
  assert.deepEqual(auditOutcome(event({ action: 'run.blocked', outcome: 'refused' })), {
    words: 'Blocked',
    tone: 'attention',
  });
  assert.deepEqual(auditOutcome(event({ action: 'token.created', outcome: 'success' })), {
    words: 'Done',
    tone: 'good',
  });
});

test('a refused request does not take a quoted value of its error message for the object’s name', () => {
  const refused = (message: string) =>
    auditSentence(
      event({
        action: 'tenant.created',
        outcome: 'refused',
        actor: { type: 'user', id: 'u1', name: 'jan@msp.nl', displayName: 'Jan Bakker' },
        connection: null,
        message,
        details: { code: 'HRS_VALIDATION', operation: 'createTenant' },
      }),
    );
  assert.equal(
    refused(
      'The directory settings were refused: /directory/urls/0 "ldaps://dc1.contoso.nl:99999" is not a URL',
    ),
    'Jan Bakker registered a tenant, which was refused.',
  );
  assert.equal(
    refused('Your role "viewer" does not allow this operation (createTenant); it needs the admin role.'),
    'Jan Bakker registered a tenant, which was refused.',
  );
});
