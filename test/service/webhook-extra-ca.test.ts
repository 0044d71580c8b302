/**
 * Webhooks trust HRSYNC_EXTRA_CA_FILE as AFAS, Graph and the mail server do: `hrsync serve` composed
 * from its environment, a real HTTPS webhook receiver whose certificate comes from a private CA that
 * is named only in the CA file. With the file the test notification is delivered; without it the same
 * receiver is not trusted and the delivery says why (so the first half can fail). The connect-time
 * guard stays in place with the CA trusted: src/notify/webhook.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { sendTestNotification, setNotifications } from '../../src/contracts/index.ts';
import { serveSignedIn } from '../support/serve-signed-in.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const serveWith = (dir: string, env: Record<string, string>) =>
  serveSignedIn(dir, {
    // The receiver listens on this machine, which only this setting lets a webhook name.
    HRSYNC_ALLOWED_ENDPOINT_HOSTS: '127.0.0.1',
    ...env,
  });

describe('webhooks over HTTPS with HRSYNC_EXTRA_CA_FILE', () => {
  let dir: string;
  let pki: ReturnType<typeof createTestPki>;
  let receiver: WebhookReceiver;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hrsync-webhook-ca-'));
    pki = createTestPki({ dir: join(dir, 'pki'), hosts: ['127.0.0.1'] });
    receiver = await startWebhookReceiver(pki);
  });
  after(async () => {
    await receiver?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function sendTest(env: Record<string, string>, where: string) {
    const { service, api } = await serveWith(join(dir, where), env);
    try {
      await api.call(setNotifications, {
        body: {
          events: ['run-failed'],
          emails: [],
          smtp: null,
          webhooks: [{ name: 'Desk', url: `${receiver.base}/hooks/${where}`, format: 'slack' }],
        },
      });
      return (await api.call(sendTestNotification, { body: {} })).results;
    } finally {
      await service.stop();
    }
  }

  test('with the CA file the webhook is delivered over HTTPS', async () => {
    assert.ok(pki.caFile, 'the CA is a file');
    assert.ok(receiver.base.startsWith('https://'));
    const results = await sendTest({ HRSYNC_EXTRA_CA_FILE: pki.caFile }, 'with-ca');
    assert.deepEqual(
      results.map((r) => [r.channel, r.ok, r.error]),
      [['webhook', true, null]],
    );
    const hook = await receiver.next((h) => h.path === '/hooks/with-ca', { from: 0 });
    assert.match(JSON.parse(hook.body).text, /test/i);
  });

  test('without the CA file the same receiver is not trusted, and the delivery says so', async () => {
    const before = receiver.hooks.length;
    const results = await sendTest({}, 'without-ca');
    assert.deepEqual(
      results.map((r) => [r.channel, r.ok]),
      [['webhook', false]],
    );
    assert.match(
      results[0]?.error ?? '',
      /^could not reach the webhook at 127\.0\.0\.1:\d+: its TLS certificate was issued by a certificate authority that is not trusted; .*; not retried$/,
    );
    assert.equal(receiver.hooks.length, before, 'nothing was delivered');
  });
});
