/**
 * A webhook and an organisation's mail server saved under names that pass the endpoint rule
 * (`hooks.acme.test`, `mail.acme.test`) but resolve to this machine: the notifier refuses them when it
 * connects, so run details and the mail password never reach a service on this machine; each delivery
 * is recorded as failed, saying which name resolved to what and why. The names are mapped to
 * 127.0.0.1 by a resolver given to the notifier — the seam the connect-time guard resolves through in
 * production — with a real HTTPS server and a real TCP listener counting what reaches them. Both stores.
 */
import assert from 'node:assert/strict';
import { lookup as dnsLookup } from 'node:dns';
import { type AddressInfo, createServer, type LookupFunction, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { listAuditEvents, setNotifications } from '../../src/contracts/index.ts';
import { Notifier } from '../../src/notify/index.ts';
import { type CountingTlsServer, startCountingTlsServer } from '../support/tls-server.ts';
import { DIALECTS } from './support/databases.ts';
import { assertNoSecretsLeaked } from './support/secret-scan.ts';
import { type Service, startService } from './support/service.ts';

/** `*.acme.test` → 127.0.0.1, by the real resolver; any other name as DNS has it. */
const rebinding = ((host: string, options: object, callback: Parameters<LookupFunction>[2]) =>
  dnsLookup(host.endsWith('.acme.test') ? '127.0.0.1' : host, options, callback)) as LookupFunction;

const HINT =
  'other hosts \\(an emulator, a test server\\) need the server setting HRSYNC_ALLOWED_ENDPOINT_HOSTS';

for (const dialect of DIALECTS) {
  describe(`names that resolve to this machine, on ${dialect}`, () => {
    let svc: Service;
    let hooks: CountingTlsServer;
    let mail: Server;
    let mailConnections = 0;
    const SMTP_PASSWORD = `smtp-pw-${dialect}-local-9d2f`;
    const HOOK_PATH = `/hooks/T000/secret-path-${dialect}`;
    const SIGNING_KEY = `signing-key-${dialect}-local-0123456789`;

    before(async () => {
      hooks = await startCountingTlsServer(createTestPki({ hosts: ['hooks.acme.test'] }));
      mail = createServer((socket) => {
        mailConnections++;
        socket.end('220 a local service\r\n');
      });
      await new Promise<void>((resolve) => mail.listen(0, '127.0.0.1', resolve));
      svc = await startService(dialect);
      svc.secrets.push(SMTP_PASSWORD, HOOK_PATH, SIGNING_KEY);
    });
    after(async () => {
      await svc?.close();
      await hooks?.close();
      await new Promise((resolve) => mail?.close(resolve));
    });

    test('are saved (the names pass), then refused when connecting: nothing reaches them, each delivery recorded as failed', async () => {
      const mailPort = (mail.address() as AddressInfo).port;
      const saved = await svc.call(setNotifications, {
        body: {
          events: ['run-failed'],
          emails: ['ops@acme.test'],
          webhooks: [
            {
              name: 'Ticketing',
              url: `https://hooks.acme.test:${hooks.port}${HOOK_PATH}`,
              format: 'json',
              signingKey: SIGNING_KEY,
            },
          ],
          smtp: {
            host: 'mail.acme.test',
            port: mailPort,
            security: 'starttls',
            username: 'hrsync',
            password: SMTP_PASSWORD,
            from: 'hrsync@acme.test',
          },
        },
      });
      assert.equal(saved.status, 200, saved.text);

      // The service's own rule (127.0.0.1 and localhost allowed by name), its names resolving through the map.
      const notifier = new Notifier({
        store: svc.store,
        smtp: null,
        endpointPolicy: { allowedHosts: ['127.0.0.1', 'localhost'] },
        publicUrl: null,
        retryDelaysMs: [],
        timeoutMs: 5_000,
        resolve: rebinding,
      });
      const results = await notifier.sendTest(svc.organisationId, null, 'a tester');
      assert.deepEqual(
        results.map((r) => [r.channel, r.ok, r.attempts]),
        [
          ['email', false, 1],
          ['webhook', false, 1],
        ],
      );
      assert.match(
        results[0]?.error ?? '',
        new RegExp(
          `^could not reach the mail server: mail\\.acme\\.test resolves to 127\\.0\\.0\\.1, this machine, which may not be a mail server; ${HINT}$`,
        ),
      );
      assert.match(
        results[1]?.error ?? '',
        new RegExp(
          `^could not reach the webhook at hooks\\.acme\\.test:${hooks.port}: hooks\\.acme\\.test resolves to 127\\.0\\.0\\.1, this machine, which may not be a webhook; ${HINT}; not retried$`,
        ),
      );
      assert.equal(hooks.connections(), 0, 'no connection reached the HTTPS server');
      assert.equal(mailConnections, 0, 'no connection reached the mail listener');

      const failed = await svc.call(listAuditEvents, { query: { action: 'notification.failed' } });
      const messages = failed.body.items.map((e: { message: string }) => e.message).join('\n');
      assert.match(
        messages,
        /by e-mail to ops@acme\.test failed: could not reach the mail server: mail\.acme\.test resolves to 127\.0\.0\.1, this machine/,
      );
      assert.match(
        messages,
        /by webhook Ticketing \(https:\/\/hooks\.acme\.test:\d+\) failed: could not reach the webhook at hooks\.acme\.test:\d+: hooks\.acme\.test resolves to 127\.0\.0\.1, this machine/,
      );
      await assertNoSecretsLeaked(svc);
    });
  });
}
