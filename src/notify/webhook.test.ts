/**
 * A webhook at an address that cannot work is not retried; one that may come back is. Real HTTPS
 * with a certificate nobody trusts, and a port where nothing listens.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { type CountingTlsServer, startCountingTlsServer } from '../../test/support/tls-server.ts';
import { postWebhook } from './webhook.ts';

let untrusted: CountingTlsServer;
before(async () => {
  untrusted = await startCountingTlsServer(createTestPki({ hosts: ['127.0.0.1'] }));
});
after(() => untrusted.close());

test('an untrusted certificate: not retryable, says why, and keeps the secret path to itself', async () => {
  const attempt = await postWebhook(`${untrusted.url}/hooks/T000/secret-path`, '{}', {}, 10_000);
  assert.equal(attempt.ok, false);
  assert.equal(attempt.retryable, false);
  assert.match(
    attempt.error ?? '',
    new RegExp(
      `^could not reach the webhook at 127\\.0\\.0\\.1:${untrusted.port}: its TLS certificate was issued by a certificate authority that is not trusted; .*\\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\); not retried$`,
    ),
  );
  assert.doesNotMatch(attempt.error ?? '', /secret-path/);
  assert.equal(untrusted.connections(), 1);
});

test('a refused connection stays retryable', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  const attempt = await postWebhook(`http://127.0.0.1:${port}/hook`, '{}', {}, 10_000);
  assert.equal(attempt.retryable, true);
  assert.equal(
    attempt.error,
    `could not reach the webhook at 127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
  );
});
