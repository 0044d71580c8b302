/**
 * A webhook at an address that cannot work is not retried; one that may come back is. Real HTTPS
 * with a certificate nobody trusts, and a port where nothing listens. Through the connect-time guard,
 * a name that resolves to this machine is refused when the socket would connect (`localhost` over the
 * real resolver stands for any such name: the static rule, which would refuse it by name, is the
 * notifier's and not run here).
 */
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { type CountingTlsServer, startCountingTlsServer } from '../../test/support/tls-server.ts';
import { PRODUCTION_ENDPOINTS } from '../core/endpoint-policy.ts';
import { guardedLookup } from '../net/index.ts';
import { postWebhook } from './webhook.ts';

// Its CA is trusted only where a test hands it over as the extra CA (HRSYNC_EXTRA_CA_FILE's PEM).
const pki = createTestPki({ hosts: ['127.0.0.1', 'localhost'] });
let untrusted: CountingTlsServer;
before(async () => {
  untrusted = await startCountingTlsServer(pki);
});
after(() => untrusted.close());

test('a name that resolves to this machine: refused at connect time, never reaching the server, not retried', async () => {
  const before = untrusted.connections();
  const url = `https://localhost:${untrusted.port}/hooks/T000/secret-path`;
  const attempt = await postWebhook(url, '{}', {}, 10_000, {
    lookup: guardedLookup('webhook', url, PRODUCTION_ENDPOINTS),
  });
  assert.equal(attempt.ok, false);
  assert.equal(attempt.retryable, false);
  assert.match(
    attempt.error ?? '',
    new RegExp(
      `^could not reach the webhook at localhost:${untrusted.port}: localhost resolves to (127\\.0\\.0\\.1|::1).*, this machine, which may not be a webhook; other hosts \\(an emulator, a test server\\) need the server setting HRSYNC_ALLOWED_ENDPOINT_HOSTS; not retried$`,
    ),
  );
  assert.equal(untrusted.connections() - before, 0);
});

test('with its CA trusted, the name is still refused at connect time: the extra CA does not replace the guard', async () => {
  const before = untrusted.connections();
  const url = `https://localhost:${untrusted.port}/hook`;
  const attempt = await postWebhook(url, '{}', {}, 10_000, {
    lookup: guardedLookup('webhook', url, PRODUCTION_ENDPOINTS),
    extraCa: pki.caCertPem,
  });
  assert.deepEqual([attempt.ok, attempt.retryable], [false, false]);
  assert.match(attempt.error ?? '', /: localhost resolves to .*, this machine, which may not be a webhook; /);
  assert.equal(untrusted.connections() - before, 0);
});

test('with its CA trusted and the name allowed by HRSYNC_ALLOWED_ENDPOINT_HOSTS, it is delivered over HTTPS', async () => {
  const before = untrusted.connections();
  const url = `https://localhost:${untrusted.port}/hook`;
  const lookup = guardedLookup('webhook', url, { allowedHosts: ['localhost'] });
  const attempt = await postWebhook(url, '{}', {}, 10_000, { lookup, extraCa: pki.caCertPem });
  assert.deepEqual([attempt.ok, attempt.status, attempt.error], [true, 200, null]);
  assert.equal(untrusted.connections() - before, 1);
});

test('the same name, allowed by HRSYNC_ALLOWED_ENDPOINT_HOSTS, is delivered', async () => {
  let hits = 0;
  const server = createHttpServer((_request, response) => {
    hits++;
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const url = `http://localhost:${port}/hook`;
    const lookup = guardedLookup('webhook', url, { allowedHosts: ['localhost'] });
    assert.equal(lookup, undefined);
    const attempt = await postWebhook(url, '{}', {}, 10_000, { lookup });
    assert.deepEqual([attempt.ok, attempt.status, attempt.error], [true, 204, null]);
    assert.equal(hits, 1);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('an untrusted certificate: not retryable, says why, and keeps the secret path to itself', async () => {
  const before = untrusted.connections();
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
  assert.equal(untrusted.connections() - before, 1);
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
