import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answerVerdict, type JobView, uncertainVerdict } from './batch-outcome.ts';

const create: JobView = {
  write: { kind: 'create', employeeNumber: '1001', attributes: {}, enabled: true },
  request: { method: 'POST', url: '/users', body: {} },
  applied: { displayName: 'Jan' },
};
const update: JobView = {
  write: { kind: 'update', employeeNumber: '1001', accountId: 'u1', changes: [] },
  request: { method: 'PATCH', url: '/users/u1', body: { employeeLeaveDateTime: null } },
  applied: undefined,
};
const del: JobView = {
  write: { kind: 'delete', employeeNumber: '1001', accountId: 'u1' },
  request: { method: 'DELETE', url: '/users/u1', notFoundIsDone: true },
  applied: undefined,
};

describe('batch item verdicts', () => {
  test('a created user reports its new id and what was applied', () => {
    assert.deepEqual(answerVerdict(create, 201, { id: 'new' }, undefined), {
      kind: 'done',
      outcome: { ok: true, accountId: 'new', applied: { displayName: 'Jan' } },
    });
  });

  test('429 and 503 are retried after Retry-After; only 429 slows the client', () => {
    assert.deepEqual(answerVerdict(update, 429, { error: { code: 'TooManyRequests', message: 'm' } }, 2000), {
      kind: 'retry',
      afterMs: 2000,
      reason: '429 TooManyRequests: m',
      throttled: true,
    });
    const unavailable = answerVerdict(create, 503, null, undefined);
    assert.ok(unavailable.kind === 'retry' && !unavailable.throttled);
  });

  test('500/502/504: an update is repeated, a create is ambiguous', () => {
    for (const status of [500, 502, 504]) {
      assert.equal(answerVerdict(update, status, null, undefined).kind, 'retry');
      const verdict = answerVerdict(create, status, null, undefined);
      assert.ok(verdict.kind === 'done' && !verdict.outcome.ok && verdict.outcome.ambiguous);
    }
    const lost = uncertainVerdict(create, 'socket hang up');
    assert.ok(lost.kind === 'done' && !lost.outcome.ok && lost.outcome.ambiguous && lost.outcome.retryable);
  });

  test('ObjectConflict fails with Graph code and message, not retryable', () => {
    const verdict = answerVerdict(
      create,
      400,
      {
        error: {
          code: 'Request_BadRequest',
          message: 'Another object with the same value for property userPrincipalName already exists.',
          details: [{ code: 'ObjectConflict', target: 'userPrincipalName' }],
        },
      },
      undefined,
    );
    assert.ok(verdict.kind === 'done' && !verdict.outcome.ok);
    assert.equal(verdict.outcome.code, 'HRS_TARGET_WRITE_FAILED');
    assert.equal(verdict.outcome.retryable, false);
    assert.equal(verdict.outcome.ambiguous, false);
    assert.match(verdict.outcome.message, /ObjectConflict: userPrincipalName.*already exists/);
  });

  test('403 names the lifecycle permission when employeeLeaveDateTime was written', () => {
    const verdict = answerVerdict(
      update,
      403,
      { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } },
      undefined,
    );
    assert.ok(verdict.kind === 'done' && !verdict.outcome.ok);
    assert.equal(verdict.outcome.code, 'HRS_TARGET_AUTH');
    assert.match(verdict.outcome.message, /User-LifeCycleInfo\.ReadWrite\.All/);
  });

  test('403 while the token grants writing users: Graph refused the account (a privileged administrator), not the app', () => {
    const denied = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } };
    const roles = new Set(['User.ReadWrite.All', 'User-LifeCycleInfo.ReadWrite.All']);
    const verdict = answerVerdict(update, 403, denied, undefined, roles);
    assert.ok(verdict.kind === 'done' && !verdict.outcome.ok);
    assert.equal(verdict.outcome.code, 'HRS_TARGET_WRITE_FAILED', 'a refusal about the person: quarantined');
    assert.equal(verdict.outcome.retryable, false);
    assert.match(verdict.outcome.message, /privileged administrator role/);
    const noLifecycle = answerVerdict(update, 403, denied, undefined, new Set(['User.ReadWrite.All']));
    assert.ok(noLifecycle.kind === 'done' && !noLifecycle.outcome.ok);
    assert.equal(
      noLifecycle.outcome.code,
      'HRS_TARGET_AUTH',
      'the missing lifecycle permission is the app’s',
    );
    const create403 = answerVerdict(create, 403, denied, undefined, roles);
    assert.ok(create403.kind === 'done' && !create403.outcome.ok);
    assert.equal(create403.outcome.code, 'HRS_TARGET_AUTH');
  });

  test('deleting what is gone is done; a create without id is ambiguous', () => {
    assert.deepEqual(answerVerdict(del, 404, null, undefined), {
      kind: 'done',
      outcome: { ok: true, accountId: 'u1' },
    });
    const noId = answerVerdict(create, 201, {}, undefined);
    assert.ok(noId.kind === 'done' && !noId.outcome.ok && noId.outcome.ambiguous);
  });
});
