/**
 * Invitations go through the notifier's mailer (issue 12, item 4): `hrsync serve` composed from its
 * environment — HRSYNC_SMTP_* pointing at a real SMTP server (smtp-server) that speaks only implicit
 * TLS with a certificate from a private CA, and HRSYNC_EXTRA_CA_FILE naming that CA — e-mails an
 * invitation over TLS. Without the CA file the same server is not trusted: the invitation is not
 * e-mailed, the administrator gets the link and the TLS reason (so the first half can fail).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { createInvitation } from '../../src/contracts/index.ts';
import { type MailCollector, startMailCollector } from '../support/mail-collector.ts';
import { serveSignedIn } from '../support/serve-signed-in.ts';

const serveWith = (dir: string, env: Record<string, string>) =>
  serveSignedIn(dir, {
    HRSYNC_PUBLIC_URL: 'https://hrsync.acme.test',
    ...env,
  });

describe('invitation e-mail over TLS with HRSYNC_EXTRA_CA_FILE', () => {
  let dir: string;
  let pki: ReturnType<typeof createTestPki>;
  let smtp: MailCollector;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hrsync-invite-tls-'));
    pki = createTestPki({ dir: join(dir, 'pki'), hosts: ['127.0.0.1'] });
    smtp = await startMailCollector({ tls: pki });
  });
  after(async () => {
    await smtp?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const smtpEnv = () => ({
    HRSYNC_SMTP_HOST: '127.0.0.1',
    HRSYNC_SMTP_PORT: String(smtp.port),
    HRSYNC_SMTP_SECURITY: 'tls',
    HRSYNC_SMTP_FROM: 'hrsync@acme.test',
  });

  test('with the CA file the invitation is e-mailed over TLS; the expiry reads in the one format', async () => {
    assert.ok(pki.caFile, 'the CA is a file');
    const { service, api } = await serveWith(join(dir, 'with-ca'), {
      ...smtpEnv(),
      HRSYNC_EXTRA_CA_FILE: pki.caFile,
    });
    try {
      const created = await api.call(createInvitation, {
        body: { email: 'petra@acme.test', name: 'Petra Jansen', role: 'operator' },
      });
      assert.equal(created.emailed, true, created.message);
      assert.equal(created.link, null, 'an e-mailed link is not shown');
      assert.equal(smtp.mails.length, 1);
      const mail = smtp.mails[0]!;
      assert.deepEqual(mail.to, ['petra@acme.test']);
      assert.equal(mail.secure, true, 'the message came over TLS');
      assert.match(mail.raw, /X-Hrsync-Event: invitation/);
      assert.match(mail.raw, /https:\/\/hrsync\.acme\.test\/#\/invitation\/[A-Za-z0-9_-]+/);
      // "until 10 Dec 2026, 19:02 CET": the organisation's zone, named — not an ISO timestamp.
      assert.match(mail.raw, /until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (CET|CEST)\./);
      assert.doesNotMatch(mail.raw, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    } finally {
      await service.stop();
    }
  });

  test('without the CA file the server is not trusted: not e-mailed, the link and the reason are given', async () => {
    const before = smtp.mails.length;
    const { service, api } = await serveWith(join(dir, 'without-ca'), smtpEnv());
    try {
      const created = await api.call(createInvitation, {
        body: { email: 'jan@acme.test', name: 'Jan Bakker', role: 'viewer' },
      });
      assert.equal(created.emailed, false);
      assert.ok(created.link?.startsWith('https://hrsync.acme.test/#/invitation/'));
      assert.match(created.message, /could not be e-mailed \(the mail server said: .*certificate/i);
      assert.equal(smtp.mails.length, before, 'nothing was delivered');
    } finally {
      await service.stop();
    }
  });
});
