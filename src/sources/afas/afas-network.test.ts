/**
 * AFAS at an address that cannot work: a certificate hrsync does not trust, a port fetch refuses, a
 * host that does not exist. Real HTTPS and real DNS; each fails on the first try with the reason in
 * words and the endpoint, while a refused connection is still retried.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSelfSignedCertificate, createTestPki } from '../../../emulators/shared/tls.ts';
import {
  type CountingTlsServer,
  closedPort,
  startCountingTlsServer,
} from '../../../test/support/tls-server.ts';
import { HrsyncError, type SourceConfig } from '../../core/index.ts';
import { createAfasSource, testAfasConnection } from './index.ts';

const TOKEN = 'A'.repeat(64);

const configAt = (baseUrl: string): SourceConfig => ({
  type: 'afas-profit',
  environment: { baseUrl },
  token: { value: TOKEN },
  connectors: { users: 'U', employments: 'E', organizationalUnits: 'O' },
  pageSize: 100,
  parallel: 1,
});

/** Records each back-off asked for instead of waiting it out: a retry shows up as an entry. */
function recordingSleep() {
  const asked: number[] = [];
  return { asked, sleep: async (ms: number) => void asked.push(ms) };
}

describe('AFAS at an endpoint that cannot work', () => {
  let untrusted: CountingTlsServer;
  let selfSigned: CountingTlsServer;

  before(async () => {
    // Signed by a throw-away CA that this process does not trust.
    untrusted = await startCountingTlsServer(createTestPki({ hosts: ['127.0.0.1'] }));
    selfSigned = await startCountingTlsServer(createSelfSignedCertificate('127.0.0.1', 365, 'server'));
  });
  after(async () => {
    await untrusted.close();
    await selfSigned.close();
  });

  test('a certificate from an untrusted CA fails the read at once, naming host:port and why', async () => {
    const { asked, sleep } = recordingSleep();
    const source = createAfasSource(configAt(`${untrusted.url}/ProfitRestServices`), { token: TOKEN, sleep });
    await assert.rejects(source.read({}), (error: unknown) => {
      assert.ok(error instanceof HrsyncError);
      assert.equal(error.code, 'HRS_SOURCE_READ_FAILED');
      assert.equal(error.retryable, false);
      assert.match(error.message, new RegExp(` at 127\\.0\\.0\\.1:${untrusted.port}: `));
      assert.match(
        error.message,
        /its TLS certificate was issued by a certificate authority that is not trusted; .*\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
      );
      assert.doesNotMatch(error.message, /gave up|tries/);
      assert.doesNotMatch(error.message, new RegExp(TOKEN));
      return true;
    });
    assert.deepEqual(asked, [], 'no back-off: not retried');
    // One connection per connector read in parallel, none repeated.
    assert.ok(untrusted.connections() <= 3, `${untrusted.connections()} connections`);
  });

  test('the connection test says a self-signed certificate is not trusted, after one connection', async () => {
    const before = selfSigned.connections();
    const result = await testAfasConnection(configAt(selfSigned.url), { token: TOKEN });
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.checks.map((c) => [c.name, c.ok]),
      [['reachable', false]],
    );
    assert.match(result.message, /its TLS certificate is self-signed; .*\(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    assert.match(result.message, new RegExp(`127\\.0\\.0\\.1:${selfSigned.port}`));
    assert.equal(selfSigned.connections() - before, 1);
  });

  test('a port fetch refuses ("bad port") fails the first time', async () => {
    const { asked, sleep } = recordingSleep();
    const result = await testAfasConnection(configAt('https://127.0.0.1:1/ProfitRestServices'), {
      token: TOKEN,
      sleep,
    });
    assert.equal(result.ok, false);
    assert.match(result.message, / at 127\.0\.0\.1:1: fetch never connects to port 1 \("bad port"/);
    assert.deepEqual(asked, []);
  });

  test('a host that does not exist (ENOTFOUND) fails the first time', async () => {
    const { asked, sleep } = recordingSleep();
    const result = await testAfasConnection(configAt('https://no-such-host.invalid/ProfitRestServices'), {
      token: TOKEN,
      sleep,
    });
    assert.equal(result.ok, false);
    assert.match(
      result.message,
      / at no-such-host\.invalid:443: DNS knows no host no-such-host\.invalid; check the host name \(ENOTFOUND\)/,
    );
    assert.deepEqual(asked, []);
  });

  test('a refused connection is still retried, and says so in words', async () => {
    const port = await closedPort();
    const { asked, sleep } = recordingSleep();
    const source = createAfasSource(configAt(`http://127.0.0.1:${port}`), {
      token: TOKEN,
      sleep,
      retry: { attempts: 3 },
    });
    await assert.rejects(source.readOne('1', {}), (error: unknown) => {
      assert.ok(error instanceof HrsyncError);
      assert.equal(error.code, 'HRS_SOURCE_UNAVAILABLE');
      assert.match(
        error.message,
        new RegExp(
          ` at 127\\.0\\.0\\.1:${port}: connection refused \\(ECONNREFUSED\\); gave up after 3 tries`,
        ),
      );
      return true;
    });
    assert.ok(asked.length >= 2, `retried: ${asked.length} back-offs`);
  });
});
