import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AfasAnswer, classifyAfasAnswer, parseAfasErrorBody, retryAfterMs } from './afas-response.ts';

const answer = (status: number, bodyText = '', retryAfterHeader: string | null = null): AfasAnswer => ({
  status,
  bodyText,
  retryAfterHeader,
  what: 'GET connectors/X (skip 0, take 100)',
  failureCode: 'HRS_SOURCE_READ_FAILED',
  now: Date.parse('2026-01-01T00:00:00Z'),
});

describe('classifyAfasAnswer', () => {
  test('503 retries after the body retry_after, else the header', () => {
    assert.deepEqual(classifyAfasAnswer(answer(503, '{"retry_after":7}', '99')), {
      retry: true,
      afterMs: 7000,
      reason: 'AFAS is unavailable (503) for GET connectors/X (skip 0, take 100)',
    });
    const byHeader = classifyAfasAnswer(answer(503, '', '3'));
    assert.ok(byHeader.retry && byHeader.afterMs === 3000);
    const nested = classifyAfasAnswer(answer(503, '{"error":{"code":1,"message":"m","retry_after":2}}'));
    assert.ok(nested.retry && nested.afterMs === 2000);
    const none = classifyAfasAnswer(answer(503));
    assert.ok(none.retry && none.afterMs === undefined);
  });

  test('401 and 403 are authentication errors, never retried', () => {
    for (const status of [401, 403]) {
      const result = classifyAfasAnswer(answer(status));
      assert.ok(!result.retry);
      assert.equal(result.error.code, 'HRS_SOURCE_AUTH');
      assert.ok(result.error.message.includes(String(status)));
    }
  });

  test('500 carries externalMessage and profitLogReference', () => {
    const body = JSON.stringify({
      externalMessage: "Connector field 'Foo' not found",
      errorNumber: -1,
      profitLogReference: 'B8213AF1C3C54E579686406A8DE71C6C',
    });
    const result = classifyAfasAnswer(answer(500, body));
    assert.ok(!result.retry);
    assert.equal(result.error.code, 'HRS_SOURCE_READ_FAILED');
    assert.match(result.error.message, /Connector field 'Foo' not found/);
    assert.match(result.error.message, /B8213AF1C3C54E579686406A8DE71C6C/);
  });

  test('gateway errors retry; 404 and 400 fail with the given code', () => {
    assert.equal(classifyAfasAnswer(answer(502)).retry, true);
    assert.equal(classifyAfasAnswer(answer(504)).retry, true);
    for (const status of [400, 404, 413]) {
      const result = classifyAfasAnswer({ ...answer(status), failureCode: 'HRS_SOURCE_UNAVAILABLE' });
      assert.ok(!result.retry && result.error.code === 'HRS_SOURCE_UNAVAILABLE');
    }
  });
});

describe('error body and Retry-After parsing', () => {
  test('tolerates non-JSON and odd shapes', () => {
    assert.deepEqual(parseAfasErrorBody('<html>'), {});
    assert.deepEqual(parseAfasErrorBody('null'), {});
    assert.deepEqual(parseAfasErrorBody('{"retry_after":"x"}'), {});
  });

  test('seconds, fractions and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterMs('2.5', now), 2500);
    assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(null, now), undefined);
  });
});
