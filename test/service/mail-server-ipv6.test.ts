/**
 * An organisation's mail server written as an IPv6 address, bare (`2001:db8::25`) or in brackets
 * (`[2001:db8::25]`): a global address is saved, in one form, and e-mail goes to it; an address on
 * this machine or its link (loopback, link-local, IPv4-mapped loopback) is refused saying which, and
 * so is something that only looks like one. The delivery half uses a real SMTP server on ::1, which
 * the server setting HRSYNC_ALLOWED_ENDPOINT_HOSTS (`::1:<its port>`) allows here as it would an emulator. Both stores.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getNotifications, sendTestNotification, setNotifications } from '../../src/contracts/index.ts';
import { type MailCollector, startMailCollector } from '../support/mail-collector.ts';
import { DIALECTS } from './support/databases.ts';
import { type Service, startService } from './support/service.ts';

const smtp = (host: string, port = 587) => ({
  host,
  port,
  // The collector speaks plain SMTP; no password is sent.
  security: 'none' as const,
  username: null,
  from: 'hrsync@acme.test',
});
const body = (host: string, port?: number) => ({
  events: ['run-failed'],
  emails: ['ops@acme.test'],
  webhooks: [],
  smtp: smtp(host, port),
});

for (const dialect of DIALECTS) {
  describe(`a mail server written as an IPv6 address, on ${dialect}`, () => {
    let svc: Service;
    let mail: MailCollector;
    before(async () => {
      mail = await startMailCollector({ host: '::1' });
      // Only the collector's port: ::1 on any other port is refused as any address on this machine.
      svc = await startService(dialect, { allowedEndpointHosts: [`::1:${mail.port}`] });
    });
    after(async () => {
      await svc?.close();
      await mail?.close();
    });

    test('a global address is saved, bare or in brackets, as one host', async () => {
      for (const host of ['2001:db8::25', '[2001:DB8:0::25]', '2001:0db8:0:0::25']) {
        const saved = await svc.call(setNotifications, { body: body(host) });
        assert.equal(saved.status, 200, `${host}: ${saved.text}`);
        assert.equal(saved.body.smtp.host, '2001:db8::25', host);
      }
      const read = await svc.call(getNotifications);
      assert.equal(read.body.smtp.host, '2001:db8::25');
    });

    test('an address on this machine or its link is refused, saying which', async () => {
      // The endpoint rule's words, with the address as stored (bare forms are bracketed as in a URL).
      const local = (shown: string, kind = 'this machine or a link-local address') =>
        new RegExp(
          `^/smtp/host: the mail server ${shown.replace(/[[\]().]/g, '\\$&')} is ${kind}, which may not be a mail server; `,
        );
      const refusals: [string, RegExp][] = [
        ['::1', local('[::1]')],
        ['[::1]', local('[::1]')],
        ['0:0:0:0:0:0:0:1', local('[::1]')],
        ['fe80::25', local('[fe80::25]')],
        ['[FE80::25]', local('[fe80::25]')],
        ['::ffff:127.0.0.1', local('[::ffff:7f00:1]')],
        ['::ffff:169.254.169.254', local('[::ffff:a9fe:a9fe]')],
      ];
      for (const [host, message] of refusals) {
        const res = await svc.call(setNotifications, { body: body(host) });
        assert.equal(res.status, 400, `${host}: ${res.text}`);
        assert.equal(res.body.error.code, 'HRS_VALIDATION');
        assert.match(res.body.error.message, message, host);
        assert.match(res.body.error.message, /HRSYNC_ALLOWED_ENDPOINT_HOSTS/, host);
      }
    });

    test('what only looks like an IPv6 address is refused as one', async () => {
      for (const host of ['2001:db8:::25', '[2001:db8::25', '2001:db8::25]', '12345::1']) {
        const res = await svc.call(setNotifications, { body: body(host) });
        assert.equal(res.status, 400, `${host}: ${res.text}`);
        assert.match(
          JSON.stringify(res.body.error),
          /is not an IPv6 address|is not a host name/,
          `${host}: ${res.text}`,
        );
      }
    });

    test('e-mail goes to a mail server written as an IPv6 address', async () => {
      const saved = await svc.call(setNotifications, { body: body('::1', mail.port) });
      assert.equal(saved.status, 200, saved.text);
      const sent = await svc.call(sendTestNotification, { body: {} });
      assert.equal(sent.status, 200, sent.text);
      assert.deepEqual(
        sent.body.results.map((r: { channel: string; ok: boolean; error: string | null }) => [
          r.channel,
          r.ok,
          r.error,
        ]),
        [['email', true, null]],
      );
      const arrived = await mail.next(undefined, { from: 0 });
      assert.deepEqual(arrived.to, ['ops@acme.test']);
    });
  });
}
