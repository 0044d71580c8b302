/**
 * Notification settings in the console: an administrator sets e-mail recipients, a signed webhook
 * and the organisation's own mail server, sends a test notification (a real SMTP server and a real
 * HTTP receiver get it), and turns notifications off for one connection; an operator sees the
 * settings but cannot change them. Captured at 1440, 1024 and 390 px.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { getConnectionNotifications } from '../../src/contracts/index.ts';
import { type MailCollector, startMailCollector } from '../support/mail-collector.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, flow, navLink, signIn } from './support/console.ts';
import { configuredConnection } from './support/fixtures.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let smtp: MailCollector;
const hooks: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => {
    body += c.toString('utf8');
  });
  req.on('end', () => {
    hooks.push({ headers: req.headers, body });
    res.writeHead(200).end('ok');
  });
});
const KEY = 'browser-signing-key-0123456789';

before(async () => {
  smtp = await startMailCollector({ auth: { user: 'mailer', pass: 'mail-password-1' } });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
  await smtp?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

async function atEveryWidth(page: Page, name: string): Promise<void> {
  for (const width of [1440, 1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('an administrator sets up e-mail and a signed webhook, sends a test, and turns one connection off', () =>
  flow(w, 'notifications', async () => {
    const { page } = w;
    const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
    const id = await configuredConnection(stack, { name: 'Contoso payroll', tenantId });
    const smtpPort = smtp.port;
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/hrsync`;

    await signIn(page, stack.users.admin);
    await navLink(page, 'Notifications').click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByLabel('E-mail recipients').first().fill('ops@northwind.test\nservicedesk@northwind.test');
    await page.getByRole('button', { name: 'Add a webhook' }).first().click();
    const hook = page.getByRole('group', { name: 'Webhook 1' });
    await hook.getByLabel('Name').fill('Ticketing');
    await hook.getByRole('combobox', { name: 'Webhook 1 format' }).click();
    await page.getByRole('option', { name: /hrsync JSON/ }).click();
    await hook.getByLabel('URL').fill(hookUrl);
    await hook.getByLabel('Signing key').fill(KEY);
    await page.getByRole('radio', { name: 'Our own mail server' }).check();
    await page.getByLabel('Host').fill('127.0.0.1');
    await page.getByLabel('Port').fill(String(smtpPort));
    await page.getByRole('combobox', { name: 'Security' }).click();
    await page.getByRole('option', { name: /None/ }).click();
    await page.getByLabel('User name').fill('mailer');
    await page.getByLabel('Password').fill('mail-password-1');
    await page.getByLabel('Sender address').fill('hrsync@northwind.test');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // Saved: the URL field now says it is saved and shows only the host.
    await page.getByText(/Saved \(http:\/\/127\.0\.0\.1:\d+\/…\)/).waitFor();
    await atEveryWidth(page, 'notifications');

    await page.getByRole('button', { name: 'Send a test notification' }).first().click();
    await page.getByText('The test notification was delivered.').waitFor();
    const mail = smtp.mails.at(-1);
    assert.ok(mail, 'the mail server got the test');
    assert.deepEqual(mail.to, ['ops@northwind.test', 'servicedesk@northwind.test']);
    assert.match(mail.raw, /Subject: \[hrsync\] Test notification/);
    assert.match(mail.raw, /Anna Admin sent this test notification/);
    const received = hooks.at(-1);
    assert.ok(received, 'the webhook got the test');
    const expected = `sha256=${createHmac('sha256', KEY).update(`${received.headers['x-hrsync-timestamp']}.${received.body}`).digest('hex')}`;
    assert.equal(received.headers['x-hrsync-signature'], expected);
    assert.equal(JSON.parse(received.body).type, 'test');

    await page.getByRole('combobox', { name: 'Connection' }).click();
    await page.getByRole('option', { name: 'Contoso payroll' }).click();
    await page.getByRole('radio', { name: 'No notifications for this connection' }).check();
    await page.getByRole('button', { name: 'Save for this connection' }).click();
    await page.getByText(/Overridden: Contoso payroll \(off\)/).waitFor();
    const saved = await stack.api<{ mode: string }>(getConnectionNotifications, { params: { id } });
    assert.equal(saved.mode, 'off');
    assertNoConsoleErrors(w.errors);
  }));

test('an operator sees the settings but cannot change them', () =>
  flow(w, 'notifications-operator', async () => {
    const { page } = w;
    await page.context().clearCookies();
    await signIn(page, stack.users.operator);
    await navLink(page, 'Notifications').click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    assert.equal(
      await page.getByLabel('E-mail recipients').first().inputValue(),
      'ops@northwind.test\nservicedesk@northwind.test',
    );
    assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Send a test notification' }).count(), 0);
    await navLink(page, 'Connections').click();
    assertNoConsoleErrors(w.errors);
  }));
