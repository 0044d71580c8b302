/**
 * An organisation's own mail server is reached through the connect-time guard: a name that resolves to
 * this machine is refused before a socket connects (over the real resolver, `localhost` stands for any
 * such name; the static rule that refuses it by name is the notifier's and not run here), and a name
 * that resolves elsewhere is delivered to over implicit TLS and STARTTLS, its certificate checked
 * against the name. For the latter a resolver maps `mail.acme.test` to this machine's own network
 * address (not loopback): given to the guard, the seam production uses, so resolve, check and connect
 * all run as they do for a customer's server.
 */
import assert from 'node:assert/strict';
import { lookup as dnsLookup } from 'node:dns';
import { type AddressInfo, createServer, type LookupFunction } from 'node:net';
import { networkInterfaces } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { startMailCollector } from '../../test/support/mail-collector.ts';
import { PRODUCTION_ENDPOINTS } from '../core/endpoint-policy.ts';
import { guardedLookup } from '../net/index.ts';
import { type MailMessage, mailFailure, type SmtpTarget, sendMail } from './email.ts';

const PASSWORD = 'the organisation mail password 7c1e';
const MESSAGE: MailMessage = { to: ['ops@acme.test'], subject: 'Test', text: 'Hello', kind: 'test' };
const target = (host: string, port: number, security: SmtpTarget['security']): SmtpTarget => ({
  host,
  port,
  security,
  username: 'hrsync',
  password: PASSWORD,
  from: 'hrsync@acme.test',
});

/** What sending fails with, read as the notifier reads it. */
async function failure(smtp: SmtpTarget, lookup: LookupFunction | undefined) {
  try {
    await sendMail(smtp, MESSAGE, { timeoutMs: 5_000, ...(lookup ? { lookup } : {}) });
  } catch (error) {
    return mailFailure(error);
  }
  assert.fail('the message was sent');
}

describe('a mail server whose name resolves to this machine', () => {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.end('220 not a mail server you may reach\r\n');
  });
  let port = 0;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  for (const security of ['none', 'starttls', 'tls'] as const) {
    test(`is refused before connecting (${security}), not retried, saying why`, async () => {
      const lookup = guardedLookup('smtp', `smtp://localhost:${port}`, PRODUCTION_ENDPOINTS);
      const result = await failure(target('localhost', port, security), lookup);
      assert.equal(result.retryable, false);
      assert.match(
        result.error,
        /^could not reach the mail server: localhost resolves to (127\.0\.0\.1|::1).*, this machine, which may not be a mail server; other hosts \(an emulator, a test server\) need the server setting HRSYNC_ALLOWED_ENDPOINT_HOSTS$/,
      );
      assert.doesNotMatch(result.error, new RegExp(PASSWORD));
      assert.equal(connections, 0);
    });
  }

  test('allowed by HRSYNC_ALLOWED_ENDPOINT_HOSTS, the same name is delivered to', async () => {
    const collector = await startMailCollector();
    try {
      const lookup = guardedLookup('smtp', `smtp://localhost:${collector.port}`, {
        allowedHosts: ['localhost'],
      });
      assert.equal(lookup, undefined);
      const smtp = { ...target('localhost', collector.port, 'none'), username: null, password: null };
      const from = collector.mails.length;
      await sendMail(smtp, MESSAGE, { timeoutMs: 5_000 });
      assert.deepEqual((await collector.next(undefined, { from })).to, ['ops@acme.test']);
    } finally {
      await collector.close();
    }
  });
});

describe('a mail server whose name resolves elsewhere, through the guard', () => {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;
  const pki = createTestPki({ hosts: ['mail.acme.test'] });
  const received: { secure: boolean; user: string }[] = [];
  const servers: SMTPServer[] = [];
  const ports: Record<'tls' | 'starttls', number> = { tls: 0, starttls: 0 };
  // mail.acme.test → this machine's network address, by the real resolver.
  const resolver = ((host: string, options: object, callback: Parameters<LookupFunction>[2]) =>
    dnsLookup(host === 'mail.acme.test' ? (address ?? host) : host, options, callback)) as LookupFunction;

  before(async () => {
    assert.ok(address, 'this machine has a network address besides loopback');
    for (const security of ['tls', 'starttls'] as const) {
      const server = new SMTPServer({
        secure: security === 'tls',
        key: pki.keyPem,
        cert: pki.certPem,
        authMethods: ['PLAIN', 'LOGIN'],
        logger: false,
        onAuth(auth, _session, done) {
          if (auth.password === PASSWORD) done(null, { user: auth.username ?? '' });
          else done(new Error('Invalid username or password'));
        },
        onData(stream, session, done) {
          stream.resume();
          stream.on('end', () => {
            received.push({ secure: session.secure, user: String(session.user) });
            done();
          });
        },
      });
      // A client that drops the handshake (the wrong-name case) is not the server's failure.
      server.on('error', () => {});
      await new Promise<void>((resolve) => server.listen(0, address, resolve));
      ports[security] = (server.server.address() as AddressInfo).port;
      servers.push(server);
    }
  });
  after(async () => {
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  for (const security of ['tls', 'starttls'] as const) {
    test(`is delivered to over ${security}, its certificate checked against the name`, async () => {
      const port = ports[security];
      const lookup = guardedLookup('smtp', `smtp://mail.acme.test:${port}`, PRODUCTION_ENDPOINTS, resolver);
      assert.ok(lookup);
      const before = received.length;
      await sendMail(target('mail.acme.test', port, security), MESSAGE, {
        timeoutMs: 5_000,
        extraCa: pki.caCertPem,
        lookup,
      });
      assert.deepEqual(received.slice(before), [{ secure: true, user: 'hrsync' }]);
    });
  }

  test('a certificate for another name is refused', async () => {
    const port = ports.tls;
    const other = ((host: string, options: object, callback: Parameters<LookupFunction>[2]) =>
      resolver(host === 'smtp.other.test' ? 'mail.acme.test' : host, options, callback)) as LookupFunction;
    const lookup = guardedLookup('smtp', `smtp://smtp.other.test:${port}`, PRODUCTION_ENDPOINTS, other);
    try {
      await sendMail(target('smtp.other.test', port, 'tls'), MESSAGE, {
        timeoutMs: 5_000,
        extraCa: pki.caCertPem,
        ...(lookup ? { lookup } : {}),
      });
      assert.fail('the message was sent');
    } catch (error) {
      assert.match(String(error), /does not match certificate's altnames: Host: smtp\.other\.test\. /);
    }
  });
});
