import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffMs, describeGraphError, headerOf, parseGraphError, retryAfterMs } from './graph-errors.ts';

describe('Graph errors', () => {
  test('ObjectConflict keeps code, detail and target', () => {
    const info = parseGraphError(400, {
      error: {
        code: 'Request_BadRequest',
        message: 'Another object with the same value for property userPrincipalName already exists.',
        details: [{ target: 'userPrincipalName', code: 'ObjectConflict' }],
        innerError: { 'request-id': 'r' },
      },
    });
    assert.equal(
      describeGraphError(info),
      '400 Request_BadRequest [ObjectConflict: userPrincipalName]: Another object with the same value for property userPrincipalName already exists.',
    );
  });

  test('bodies without the error shape still describe the status', () => {
    assert.equal(describeGraphError(parseGraphError(502, null)), '502 HTTP502: Graph answered 502');
    assert.equal(describeGraphError(parseGraphError(500, { error: 'x' })), '500 HTTP500: Graph answered 500');
  });

  test('Retry-After in seconds, fractions and dates; headers in any case', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterMs('2.128', now), 2128);
    assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:03 GMT', now), 3000);
    assert.equal(retryAfterMs(undefined, now), undefined);
    assert.equal(headerOf({ 'retry-after': '5' }, 'Retry-After'), '5');
    assert.equal(headerOf({ 'Retry-After': '5' }, 'retry-after'), '5');
    assert.equal(headerOf(null, 'Retry-After'), undefined);
  });

  test('back-off doubles up to the cap, with jitter around it', () => {
    assert.equal(
      backoffMs(1, 500, 30_000, () => 0.5),
      500,
    );
    assert.equal(
      backoffMs(3, 500, 30_000, () => 0.5),
      2000,
    );
    assert.equal(
      backoffMs(20, 500, 30_000, () => 0.5),
      30_000,
    );
    assert.equal(
      backoffMs(1, 1000, 30_000, () => 0),
      750,
    );
  });
});
