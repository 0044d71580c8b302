import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tokenError, tokenRoles } from './graph-token.ts';

describe('token helpers', () => {
  test('AADSTS errors become HRS_TARGET_AUTH with the code, without trace ids', () => {
    const error = tokenError({
      errorCode: 'invalid_client',
      errorMessage:
        'AADSTS7000215: Invalid client secret provided. Trace ID: 1 Correlation ID: 2 Timestamp: 2026-01-01 00:00:00Z',
    });
    assert.equal(error.code, 'HRS_TARGET_AUTH');
    assert.equal(
      error.message,
      'The identity platform refused the app credentials (invalid_client): AADSTS7000215: Invalid client secret provided.',
    );
  });

  test('an unreachable identity platform is retryable', () => {
    const error = tokenError(new Error('fetch failed'));
    assert.equal(error.code, 'HRS_TARGET_UNAVAILABLE');
    assert.equal(error.retryable, true);
  });

  test('roles come from the token payload', () => {
    const payload = Buffer.from(JSON.stringify({ roles: ['User.ReadWrite.All', 7] })).toString('base64url');
    assert.deepEqual(tokenRoles(`h.${payload}.s`), ['User.ReadWrite.All']);
    assert.deepEqual(tokenRoles('garbage'), []);
  });
});
