/**
 * Notifications end to end: settings through the API (admin-only changes, write-only secrets, clear
 * refusals), "send a test notification", and the messages a failed sync sends — e-mail through
 * nodemailer to a real SMTP server (smtp-server, with authentication) and webhooks to a real HTTP
 * receiver that checks the HMAC signature, answers 503 once (retried) or 410 for good (audited as
 * failed, the run untouched). Both stores.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { UserEntity } from '../../emulators/graph/directory/entities.ts';
import {
  activateConnection,
  activateConnectionAnyway,
  getConnectionNotifications,
  getNotifications,
  getRun,
  listAuditEvents,
  listQuarantine,
  sendTestNotification,
  setConnectionNotifications,
  setNotifications,
  simulate,
  sync,
} from '../../src/contracts/index.ts';
import { type MailCollector, startMailCollector } from '../support/mail-collector.ts';
import { DIALECTS } from './support/databases.ts';
import { configuredConnection, createTenantFor } from './support/fixtures.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

interface Hook {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Answers /flaky with 503 once per delivery id, /gone with 410, /slow only when released. */
async function startReceiver() {
  const hooks: Hook[] = [];
  const seen = new Set<string>();
  let release: () => void = () => {};
  let released = new Promise<void>((r) => {
    release = r;
  });
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', async () => {
      const path = req.url ?? '';
      hooks.push({ path, headers: req.headers, body });
      const delivery = String(req.headers['x-hrsync-delivery']);
      if (path.startsWith('/gone')) return res.writeHead(410).end();
      if (path.startsWith('/flaky') && !seen.has(delivery)) {
        seen.add(delivery);
        return res.writeHead(503, { 'retry-after': '0' }).end();
      }
      if (path.startsWith('/slow')) await released;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    hooks,
    base,
    release: () => release(),
    reset: () => {
      released = new Promise<void>((r) => {
        release = r;
      });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const verify = (key: string, hook: Hook) => {
  const expected = `sha256=${createHmac('sha256', key)
    .update(`${hook.headers['x-hrsync-timestamp']}.${hook.body}`)
    .digest('hex')}`;
  assert.equal(hook.headers['x-hrsync-signature'], expected, 'the HMAC signature matches');
};

for (const dialect of DIALECTS) {
  describe(`notifications on ${dialect}`, () => {
    let svc: Service;
    let smtp: MailCollector;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const SMTP_USER = 'hrsync-mailer';
    const SMTP_PASSWORD = `smtp-pw-${dialect}-5e3a9c`;
    const SIGNING_KEY = `signing-key-${dialect}-0123456789abcdef`;
    const SLACK_PATH = `/slack/T000/B000/XXXXsecret${dialect}`;

    before(async () => {
      smtp = await startMailCollector({
        auth: { user: SMTP_USER, pass: SMTP_PASSWORD },
        refuse: (address) => address.endsWith('@refused.test'),
      });
      receiver = await startReceiver();
      svc = await startService(dialect);
      svc.secrets.push(SMTP_PASSWORD, SIGNING_KEY, SLACK_PATH);
    });
    after(async () => {
      receiver?.release();
      await svc?.close();
      await smtp?.close();
      await receiver?.close();
    });

    const orgBody = () => ({
      events: ['run-blocked', 'run-failed', 'run-completed-with-failures', 'person-quarantined'],
      emails: ['ops@acme.test', 'OPS@acme.test', 'servicedesk@acme.test'],
      webhooks: [
        { name: 'Ticketing', url: `${receiver.base}/flaky/tickets`, format: 'json', signingKey: SIGNING_KEY },
        { name: 'Team chat', url: `${receiver.base}${SLACK_PATH}`, format: 'slack' },
      ],
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        username: SMTP_USER,
        password: SMTP_PASSWORD,
        from: 'hrsync@acme.test',
      },
    });

    test('settings: operators read, only admins change (audited); secrets are write-only; bad input is refused clearly', async () => {
      assert.equal((await svc.call(getNotifications, { as: 'viewer' })).status, 403);
      const empty = await svc.call(getNotifications, { as: 'operator' });
      assert.equal(empty.status, 200, empty.text);
      assert.deepEqual(empty.body.emails, []);
      assert.equal(empty.body.serverSmtp.configured, false);
      assert.equal((await svc.call(setNotifications, { as: 'operator', body: orgBody() })).status, 403);

      const refusals: [unknown, RegExp][] = [
        [
          { ...orgBody(), webhooks: [{ name: 'x', url: 'http://hooks.example.com/x', format: 'slack' }] },
          /must use https/,
        ],
        [
          { ...orgBody(), webhooks: [{ name: 'x', url: 'https://169.254.169.254/latest', format: 'slack' }] },
          /link-local/,
        ],
        [
          { ...orgBody(), webhooks: [{ name: 'x', url: `${receiver.base}/a`, format: 'json' }] },
          /signing key/,
        ],
        [{ ...orgBody(), webhooks: [{ name: 'x', format: 'slack' }] }, /needs its URL/],
        [{ ...orgBody(), emails: ['not-an-address'] }, /emails/],
        [{ ...orgBody(), smtp: { ...orgBody().smtp, host: '169.254.169.254' } }, /link-local/],
      ];
      for (const [body, message] of refusals) {
        const res = await svc.call(setNotifications, { body });
        assert.equal(res.status, 400, res.text);
        assert.equal(res.body.error.code, 'HRS_VALIDATION');
        assert.match(JSON.stringify(res.body.error), message);
      }

      const saved = await svc.call(setNotifications, { body: orgBody() });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body.emails, ['ops@acme.test', 'servicedesk@acme.test'], 'duplicates dropped');
      assert.equal(saved.body.webhooks[0].target, receiver.base);
      assert.deepEqual(saved.body.webhooks[0].signingKey, { set: true });
      assert.deepEqual(saved.body.webhooks[1].signingKey, { set: false });
      assert.deepEqual(saved.body.smtp.password, { set: true });
      assert.ok(!saved.text.includes(SLACK_PATH) && !saved.text.includes(SIGNING_KEY));

      // Keeping everything: ids without URLs or keys keep the saved secrets.
      const ids = saved.body.webhooks.map((w: { id: string }) => w.id);
      const keep = {
        ...orgBody(),
        webhooks: [
          { id: ids[0], name: 'Ticketing', format: 'json' },
          { id: ids[1], name: 'Team chat', format: 'slack' },
        ],
        smtp: { ...orgBody().smtp, password: undefined },
      };
      const kept = await svc.call(setNotifications, { body: keep });
      assert.equal(kept.status, 200, kept.text);
      assert.deepEqual(kept.body.smtp.password, { set: true });
      // A new mail server host without the password: the password is never sent elsewhere.
      const moved = await svc.call(setNotifications, {
        body: { ...keep, smtp: { ...keep.smtp, host: 'mail.example.com' } },
      });
      assert.equal(moved.status, 400);
      assert.match(moved.body.error.message, /enter the mail server password again/);

      const audit = await svc.call(listAuditEvents, { query: { action: 'notification.settings-changed' } });
      assert.ok(audit.body.items.length >= 2);
      assert.ok(!JSON.stringify(audit.body).includes(SLACK_PATH));
      const refused = await svc.call(listAuditEvents, {
        query: { action: 'notification.settings-changed', outcome: 'refused' },
      });
      assert.ok(refused.body.items.length >= 1, 'the operator attempt is audited as refused');
    });

    test('send a test notification: e-mail through the SMTP server, signed and chat webhooks; each delivery audited', async () => {
      const before = smtp.mails.length;
      const res = await svc.call(sendTestNotification, { body: {} });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        res.body.results.map((r: { channel: string; ok: boolean }) => [r.channel, r.ok]),
        [
          ['email', true],
          ['webhook', false],
          ['webhook', true],
        ],
        res.text,
      );
      // A test is tried once, so the receiver's first-time 503 shows as the answer.
      assert.match(res.body.results[1].error, /HTTP 503/);
      const mail = smtp.mails[before];
      assert.ok(mail, 'the SMTP server received the message');
      assert.equal(mail.from, 'hrsync@acme.test');
      assert.deepEqual(mail.to, ['ops@acme.test', 'servicedesk@acme.test']);
      assert.match(mail.raw, /Subject: \[hrsync\] Test notification from hrsync/);
      const chat = receiver.hooks.filter((h) => h.path === SLACK_PATH).at(-1);
      assert.ok(chat);
      assert.match(JSON.parse(chat.body).text, /Test notification/);
      const sent = await svc.call(listAuditEvents, { query: { action: 'notification.' } });
      const actions = sent.body.items.map((e: { action: string }) => e.action);
      assert.ok(actions.includes('notification.tested'));
      assert.ok(actions.filter((a: string) => a === 'notification.sent').length >= 2);
    });

    test('a failed sync notifies by e-mail and webhook outside the run; a 503 is retried, a 410 audited as failed; "off" silences a connection', async () => {
      const tenantId = (await createTenantFor(svc)).tenantId;
      const { id } = await configuredConnection(svc, 4, tenantId);
      await svc.call(simulate, { as: 'operator', params: { id } });
      await svc.drain();
      const activated = await svc.call(activateConnection, { as: 'operator', params: { id } });
      assert.equal(activated.status, 200, activated.text);
      // The connection's own rules: the organisation's recipients are replaced.
      const override = await svc.call(setConnectionNotifications, {
        params: { id },
        body: {
          mode: 'override',
          events: ['run-failed'],
          emails: ['customer-it@acme.test'],
          webhooks: [
            { name: 'Signed', url: `${receiver.base}/flaky/run`, format: 'json', signingKey: SIGNING_KEY },
            { name: 'Broken', url: `${receiver.base}/gone`, format: 'teams' },
            { name: 'Slow', url: `${receiver.base}/slow`, format: 'slack' },
          ],
        },
      });
      assert.equal(override.status, 200, override.text);
      const read = await svc.call(getConnectionNotifications, { as: 'operator', params: { id } });
      assert.equal(read.body.mode, 'override');
      const overview = await svc.call(getNotifications, { as: 'operator' });
      assert.ok(overview.body.overrides.some((o: { connectionId: string }) => o.connectionId === id));

      receiver.reset();
      svc.afas.state.faults.add({ kind: 'revoked' });
      const mailsBefore = smtp.mails.length;
      let runId: string;
      try {
        const queued = await svc.call(sync, { as: 'operator', params: { id } });
        assert.equal(queued.status, 202, queued.text);
        runId = queued.body.id;
        await svc.drain();
      } finally {
        svc.afas.state.faults.clear();
      }
      // The run is finished and recorded while the slow webhook still holds its delivery.
      const run = await svc.call(getRun, { params: { id: runId } });
      assert.equal(run.body.status, 'failed', run.text);
      receiver.release();
      await svc.notifier.idle();

      const mail = smtp.mails.slice(mailsBefore).find((m) => m.to.includes('customer-it@acme.test'));
      assert.ok(mail, 'the override recipient got the e-mail');
      assert.ok(!smtp.mails.slice(mailsBefore).some((m) => m.to.includes('ops@acme.test')));
      assert.match(mail.raw, /Subject: \[hrsync\] Failed: /);
      assert.match(mail.raw, new RegExp(`https://hrsync.example.test/#/runs/${runId}`));

      const signed = receiver.hooks.filter((h) => h.path === '/flaky/run');
      assert.equal(signed.length, 2, 'a 503 is retried once, then accepted');
      for (const hook of signed) verify(SIGNING_KEY, hook);
      const payload = JSON.parse(signed[1]!.body);
      assert.equal(payload.type, 'run.failed');
      assert.equal(payload.run.id, runId);
      assert.equal(payload.connection.id, id);
      const teams = receiver.hooks.filter((h) => h.path === '/gone');
      assert.equal(teams.length, 1, 'a 410 is not retried');
      assert.equal(
        JSON.parse(teams[0]!.body).attachments[0].contentType,
        'application/vnd.microsoft.card.adaptive',
      );

      const events = await svc.call(listAuditEvents, { query: { runId, action: 'notification.' } });
      const byTarget = Object.fromEntries(
        events.body.items.map((e: { details: { target: string }; action: string }) => [e.details.target, e]),
      );
      assert.equal(byTarget[`Signed (${receiver.base})`].action, 'notification.sent');
      assert.equal(byTarget[`Signed (${receiver.base})`].details.attempts, 2);
      assert.equal(byTarget[`Broken (${receiver.base})`].action, 'notification.failed');
      assert.match(byTarget[`Broken (${receiver.base})`].message, /HTTP 410/);
      assert.equal(byTarget['customer-it@acme.test'].action, 'notification.sent');
      assert.equal(
        (await svc.call(getRun, { params: { id: runId } })).body.status,
        'failed',
        'the run is untouched',
      );

      // Off: the same failure sends nothing.
      await svc.call(setConnectionNotifications, {
        params: { id },
        body: { mode: 'off', events: [], emails: [], webhooks: [] },
      });
      const hooksBefore = receiver.hooks.length;
      const mailsNow = smtp.mails.length;
      svc.afas.state.faults.add({ kind: 'revoked' });
      try {
        await svc.call(sync, { as: 'operator', params: { id } });
        await svc.drain();
      } finally {
        svc.afas.state.faults.clear();
      }
      await svc.notifier.idle();
      assert.equal(receiver.hooks.length, hooksBefore);
      assert.equal(smtp.mails.length, mailsNow);
    });

    test('a sync that quarantines a person announces it by e-mail and signed webhook, audited; a failing recipient leaves the run alone', async () => {
      // Eva (1002) is a User Administrator with an out-of-date mobile number: Graph refuses an app's
      // change of an administrator's phone numbers (403) for good, and no simulation can know it.
      const eva = 'c0000000-0000-4000-8000-000000000002';
      svc.graph.state.directory.addUser({
        id: eva,
        userPrincipalName: 'eva.q@contoso.nl',
        displayName: 'Eva (administrator)',
        mailNickname: 'eva.q',
        accountEnabled: true,
        businessPhones: [],
        assignedLicenses: [],
        proxyAddresses: [],
        userType: 'Member',
        employeeId: '1002',
        jobTitle: 'Stagiair',
        mobilePhone: '06-19990000',
      } as unknown as UserEntity);
      svc.graph.state.directory.setRoleMember(
        { roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator' },
        eva,
        true,
      );
      const tenantId = (await createTenantFor(svc)).tenantId;
      const { id } = await configuredConnection(svc, 4, tenantId);
      const rules = await svc.call(setConnectionNotifications, {
        params: { id },
        body: {
          mode: 'override',
          events: ['person-quarantined'],
          emails: ['quarantine-watch@acme.test'],
          webhooks: [
            { name: 'Signed', url: `${receiver.base}/quarantine`, format: 'json', signingKey: SIGNING_KEY },
            { name: 'Broken', url: `${receiver.base}/gone/quarantine`, format: 'slack' },
          ],
        },
      });
      assert.equal(rules.status, 200, rules.text);
      await svc.call(simulate, { as: 'operator', params: { id } });
      await svc.drain();
      const activated = await svc.call(activateConnection, { as: 'operator', params: { id } });
      if (activated.status === 409) {
        // A planner that predicts the refusal fails Eva in the simulation: activate with a reason.
        const anyway = await svc.call(activateConnectionAnyway, {
          params: { id },
          body: { reason: 'Eva’s phone number is kept by hand' },
        });
        assert.equal(anyway.status, 200, anyway.text);
      } else assert.equal(activated.status, 200, activated.text);

      const mailsBefore = smtp.mails.length;
      const hooksBefore = receiver.hooks.length;
      const queued = await svc.call(sync, { as: 'operator', params: { id } });
      assert.equal(queued.status, 202, queued.text);
      const runId = queued.body.id as string;
      await svc.drain();
      await svc.notifier.idle();
      const quarantined = await svc.call(listQuarantine, { params: { id } });
      assert.deepEqual(
        quarantined.body.persons.map((p: { employeeNumber: string }) => p.employeeNumber),
        ['1002'],
        'the sync quarantined Eva',
      );
      const evaName = quarantined.body.persons[0].displayName as string;

      const mails = smtp.mails.slice(mailsBefore).filter((m) => m.to.includes('quarantine-watch@acme.test'));
      assert.equal(mails.length, 1, 'one e-mail for the run');
      assert.match(mails[0]!.raw, new RegExp(`Subject: \\[hrsync\\] Quarantined: ${evaName} \\(1002\\) in `));
      assert.match(mails[0]!.raw, new RegExp(`https://hrsync.example.test/#/runs/${runId}`));
      const signed = receiver.hooks.slice(hooksBefore).filter((h) => h.path === '/quarantine');
      assert.equal(signed.length, 1);
      verify(SIGNING_KEY, signed[0]!);
      const payload = JSON.parse(signed[0]!.body);
      assert.equal(payload.type, 'persons.quarantined');
      assert.deepEqual(payload.persons, [`${evaName} (1002)`]);
      assert.equal(payload.connection.id, id);

      const audit = await svc.call(listAuditEvents, { query: { runId, action: 'notification.' } });
      const byTarget = Object.fromEntries(
        audit.body.items.map((e: { details: { target: string }; action: string }) => [e.details.target, e]),
      );
      assert.equal(byTarget['quarantine-watch@acme.test']?.action, 'notification.sent');
      assert.equal(byTarget[`Signed (${receiver.base})`]?.action, 'notification.sent');
      assert.equal(
        byTarget[`Broken (${receiver.base})`]?.action,
        'notification.failed',
        'the 410 is audited',
      );
      const run = await svc.call(getRun, { params: { id: runId } });
      assert.equal(run.body.status, 'succeeded', 'the failing recipient does not fail the run');

      // The next sync does not send Eva again, so she is not announced again.
      const again = await svc.call(sync, { as: 'operator', params: { id } });
      await svc.drain();
      await svc.notifier.idle();
      assert.equal((await svc.call(getRun, { params: { id: again.body.id } })).body.status, 'succeeded');
      assert.equal(
        smtp.mails.slice(mailsBefore).filter((m) => m.to.includes('quarantine-watch@acme.test')).length,
        1,
        'no second announcement',
      );
    });

    test('no secret leaked into responses, logs, audit or plain tables', async () => {
      await assertNoSecretsLeaked(svc);
    });
  });
}
