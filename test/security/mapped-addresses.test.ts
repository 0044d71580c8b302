/**
 * "Never this machine or a link-local address" (README, Security) holds for every way of writing
 * one: an IPv4-mapped IPv6 address (`[::ffff:127.0.0.1]`, which the URL parser rewrites as
 * `[::ffff:7f00:1]`) reaches 127.0.0.1 through the service's dual-stack sockets, and was taken as a
 * webhook, a mail server or a domain controller. Over the API, as an admin, on SQLite and PostgreSQL:
 * each is refused when saved, naming the field, and a mapped public address is still taken.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setNotifications, updateTenant } from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { createTenantFor } from '../service/support/fixtures.ts';
import { type Reply, type Service, startService } from '../service/support/service.ts';

const LOCAL = [
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[0:0:0:0:0:ffff:7f00:1]',
  '[::ffff:169.254.169.254]',
  '[::ffff:0.0.0.0]',
];

const notifications = (change: object) => ({ events: [], emails: [], webhooks: [], smtp: null, ...change });

for (const dialect of DIALECTS) {
  describe(`IPv4-mapped addresses of this machine on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    const assertRefused = (answer: Reply, path: string, what: string) => {
      assert.equal(answer.status, 400, `${what}: ${answer.text}`);
      assert.equal(answer.body.error.details[0].path, path, what);
      assert.match(answer.body.error.message, /is this machine or a link-local address/, what);
    };

    test('as a webhook or a mail server: refused, naming the field', async () => {
      for (const host of LOCAL) {
        const webhook = await svc.call(setNotifications, {
          body: notifications({
            webhooks: [{ name: 'hook', url: `https://${host}:8443/hook`, format: 'slack' }],
          }),
        });
        assertRefused(webhook, '/webhooks/0/url', host);
        const smtp = await svc.call(setNotifications, {
          body: notifications({ smtp: { host, port: 25, security: 'starttls', from: 'hrsync@acme.test' } }),
        });
        assertRefused(smtp, '/smtp/host', host);
      }
      const outside = await svc.call(setNotifications, {
        body: notifications({
          webhooks: [{ name: 'hook', url: 'https://[::ffff:203.0.113.5]/hook', format: 'slack' }],
        }),
      });
      assert.equal(outside.status, 200, outside.text);
    });

    test('as a domain controller: refused, naming the URL', async () => {
      const { tenantId } = await createTenantFor(svc, { type: 'hybrid' });
      for (const host of LOCAL) {
        const refused = await svc.call(updateTenant, {
          params: { id: tenantId },
          body: {
            directory: {
              urls: [`ldaps://${host}:636`],
              bindUser: 'svc-hrsync@contoso.local',
              bindPassword: 'bind-password-1',
              container: 'OU=Staff,DC=contoso,DC=local',
            },
          },
        });
        assertRefused(refused, '/directory/urls/0', host);
      }
    });
  });
}
