/**
 * What heals by retrying and what does not, for the causes real HTTP cannot produce on demand here
 * (a DNS server that does not answer, a reset); the others are tried over real HTTPS and DNS in
 * src/sources/afas/afas-network.test.ts and src/targets/graph/graph-network.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyNetworkError, endpointOf } from './network-failure.ts';

/** fetch's shape: `TypeError('fetch failed')` with the socket's error as `cause`, sometimes two deep. */
const fetchFailed = (message: string, code: string | undefined, depth = 1): Error => {
  let inner: Error = Object.assign(new Error(message), code === undefined ? {} : { code });
  for (let i = 1; i < depth; i++) inner = new Error('connect failed', { cause: inner });
  return new TypeError('fetch failed', { cause: inner });
};

test('transient causes stay retryable, in words', () => {
  const cases: [Error, string, boolean][] = [
    [
      fetchFailed('getaddrinfo EAI_AGAIN afas.example', 'EAI_AGAIN'),
      'the DNS server did not answer (EAI_AGAIN)',
      true,
    ],
    [fetchFailed('read ECONNRESET', 'ECONNRESET'), 'connection reset (ECONNRESET)', false],
    [fetchFailed('connect ETIMEDOUT', 'ETIMEDOUT'), 'connection timed out (ETIMEDOUT)', false],
    [
      fetchFailed('other side closed', 'UND_ERR_SOCKET'),
      'the connection closed before the answer was complete (UND_ERR_SOCKET)',
      false,
    ],
    [fetchFailed('something new', undefined), 'something new', false],
  ];
  for (const [error, reason, connectFailed] of cases) {
    const failure = classifyNetworkError(error, 'https://afas.example/x');
    assert.deepEqual(
      [failure.permanent, failure.reason, failure.connectFailed],
      [false, reason, connectFailed],
    );
  }
});

test('a code deeper in the cause chain is found', () => {
  const failure = classifyNetworkError(
    fetchFailed('certificate has expired', 'CERT_HAS_EXPIRED', 3),
    'https://afas.example',
  );
  assert.equal(failure.permanent, true);
  assert.equal(failure.code, 'CERT_HAS_EXPIRED');
});

test('an endpoint is host:port, without user-info, path or query', () => {
  assert.equal(endpointOf('https://me:secret@graph.example/v1.0/users?$top=1'), 'graph.example:443');
  assert.equal(endpointOf('http://127.0.0.1:8080/x'), '127.0.0.1:8080');
  assert.equal(endpointOf('https://[::1]:9443/'), '[::1]:9443');
  assert.equal(endpointOf('not a url'), 'an address that is not a valid URL');
});
