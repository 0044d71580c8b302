/**
 * "Send test notification" sends over every channel of the saved rules: up to 20 e-mails (through the
 * server's own mail server, whose reputation every organisation shares) and 10 webhook posts per
 * click, with nothing to stop a script from clicking all day. An organisation may send at most
 * TEST_NOTIFICATION_LIMIT.count tests per TEST_NOTIFICATION_LIMIT.windowMinutes; more answer 429
 * HRS_RATE_LIMITED with Retry-After, and another organisation's tests are not counted with them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_NOTIFICATION_LIMIT } from '../../src/api/routes/notifications.ts';
import { sendTestNotification } from '../../src/contracts/index.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';

for (const dialect of DIALECTS) {
  describe(`test notifications are limited per organisation on ${dialect}`, () => {
    let svc: Service;
    before(async () => {
      svc = await startService(dialect);
    });
    after(async () => svc?.close());

    test('ten tests an hour; the eleventh is 429 with Retry-After; the other organisation still sends', async () => {
      assert.deepEqual(TEST_NOTIFICATION_LIMIT, { count: 10, windowMinutes: 60 });
      for (let i = 0; i < 10; i++) {
        const sent = await svc.call(sendTestNotification, { body: {} });
        assert.equal(sent.status, 200, sent.text);
      }
      const refused = await svc.call(sendTestNotification, { body: {} });
      assert.equal(refused.status, 429, refused.text);
      assert.equal(refused.body.error.code, 'HRS_RATE_LIMITED');
      assert.match(
        refused.body.error.message,
        /^Your organisation has sent 10 test notifications in the last 60 minutes, the most it may; try again in \d+ minutes?\.$/,
      );
      const wait = Number(refused.headers['retry-after']);
      assert.ok(wait > 0 && wait <= 3600, String(refused.headers['retry-after']));
      const other = await svc.call(sendTestNotification, { as: 'otherAdmin', body: {} });
      assert.equal(other.status, 200, other.text);
    });
  });
}
