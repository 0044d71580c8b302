/**
 * Microsoft Graph or the identity platform at an address that cannot work: a certificate the target
 * does not trust, one issued for another host or expired, a port fetch refuses. The token comes from
 * the emulator over real HTTPS; each failure comes on the first try, in words, naming host:port.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestPki } from '../../../emulators/shared/tls.ts';
import { type CountingTlsServer, startCountingTlsServer } from '../../../test/support/tls-server.ts';
import { type GraphFixture, startGraphFixture } from './emulator-fixture.ts';
import { createGraphTarget } from './index.ts';

/** Records each back-off asked for instead of waiting it out: a retry shows up as an entry. */
function recordingSleep() {
  const asked: number[] = [];
  return { asked, sleep: async (ms: number) => void asked.push(ms) };
}

describe('Graph at an endpoint that cannot work', () => {
  let fx: GraphFixture;
  let untrusted: CountingTlsServer;
  let otherHost: CountingTlsServer;
  let expired: CountingTlsServer;
  let otherHostCa: string;
  let expiredCa: string;

  before(async () => {
    fx = await startGraphFixture();
    untrusted = await startCountingTlsServer(createTestPki({ hosts: ['127.0.0.1'] }));
    const elsewhere = createTestPki({ hosts: ['elsewhere.example'] });
    otherHostCa = elsewhere.caCertPem;
    otherHost = await startCountingTlsServer(elsewhere);
    const old = createTestPki({ hosts: ['127.0.0.1'], validDays: -0.5 });
    expiredCa = old.caCertPem;
    expired = await startCountingTlsServer(old);
  });
  after(async () => {
    await Promise.all([untrusted.close(), otherHost.close(), expired.close()]);
    await fx.close();
  });

  /** A target that gets its token from the emulator and reads Graph at `graphBaseUrl`. */
  const targetReading = (graphBaseUrl: string, extraCa = '') => {
    const { asked, sleep } = recordingSleep();
    const target = createGraphTarget(
      { ...fx.config, graphBaseUrl },
      { credential: { clientSecret: fx.clientSecret }, ca: `${fx.graph.caCertPem}\n${extraCa}`, sleep },
    );
    return { target, asked };
  };

  test('a certificate from an untrusted CA: each read fails once, naming host:port and why', async () => {
    const { target, asked } = targetReading(untrusted.url);
    const result = await target.test();
    await target.close();
    assert.equal(result.ok, false);
    assert.match(
      result.message,
      new RegExp(
        `GET users: Microsoft Graph cannot be reached for GET /v1\\.0/users at 127\\.0\\.0\\.1:${untrusted.port}: ` +
          'its TLS certificate was issued by a certificate authority that is not trusted; .*\\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\)\\. Not retried',
      ),
    );
    assert.doesNotMatch(result.message, /after \d+ tries/);
    assert.doesNotMatch(result.message, new RegExp(fx.clientSecret));
    assert.deepEqual(asked, []);
    // GET users and GET domains, one connection each.
    assert.equal(untrusted.connections(), 2);
  });

  test('writes to a Graph with an untrusted certificate fail once each, not retryable', async () => {
    // The real sleep: the write loop's idle workers nap with it while a batch is in flight.
    const target = createGraphTarget(
      { ...fx.config, graphBaseUrl: untrusted.url },
      { credential: { clientSecret: fx.clientSecret }, ca: fx.graph.caCertPem as string },
    );
    const before = untrusted.connections();
    const outcomes = await target.apply(
      [{ kind: 'disable', employeeNumber: 'E0001', accountId: '00000000-0000-0000-0000-000000000001' }],
      {},
    );
    await target.close();
    assert.equal(outcomes.length, 1);
    const outcome = outcomes[0];
    assert.ok(outcome !== undefined && !outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.code, 'HRS_TARGET_UNREACHABLE');
    assert.equal(outcome.retryable, false);
    assert.match(
      outcome.message,
      /POST \$batch: .*not trusted; .*\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\. Not retried/,
    );
    assert.equal(untrusted.connections() - before, 1);
  });

  test('a certificate for another host name fails at once (ERR_TLS_CERT_ALTNAME_INVALID)', async () => {
    const { target, asked } = targetReading(otherHost.url, otherHostCa);
    const result = await target.test();
    await target.close();
    assert.match(
      result.message,
      /its TLS certificate is not issued for 127\.0\.0\.1; .*\(ERR_TLS_CERT_ALTNAME_INVALID\)\. Not retried/,
    );
    assert.deepEqual(asked, []);
    assert.equal(otherHost.connections(), 2);
  });

  test('an expired certificate fails at once (CERT_HAS_EXPIRED)', async () => {
    const { target, asked } = targetReading(expired.url, expiredCa);
    const result = await target.test();
    await target.close();
    assert.match(result.message, /its TLS certificate has expired; .*\(CERT_HAS_EXPIRED\)\. Not retried/);
    assert.deepEqual(asked, []);
    assert.equal(expired.connections(), 2);
  });

  test('an authority on a port fetch refuses: the token check says so in words', async () => {
    const target = createGraphTarget(
      { ...fx.config, authorityHost: 'https://127.0.0.1:1' },
      { credential: { clientSecret: fx.clientSecret } },
    );
    const result = await target.test();
    await target.close();
    assert.equal(result.ok, false);
    assert.match(
      result.message,
      /The identity platform cannot be reached for GET \/.* at 127\.0\.0\.1:1: fetch never connects to port 1 \("bad port"/,
    );
  });
});
