/**
 * Plain language and one clock (issue 12, item 5): every time in one format with its zone named —
 * the connection's zone on its pages, the organisation's where no connection applies, never the
 * browser's — relative times where they help, audit events as sentences with the raw event one
 * click away, and a refused sign-in titled for what it is.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { updateOrganisation } from '../../src/contracts/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, flow, row, signIn, textOf } from './support/console.ts';
import { activeConnection, configuredConnection } from './support/fixtures.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;
const NAME = 'Contoso HR';

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
  connectionId = await configuredConnection(stack, { name: NAME, tenantId });
  await activeConnection(stack, connectionId);
  // The organisation works in New York; the connection (step 4) in Amsterdam; the browser's own
  // zone (Europe/Amsterdam in the test context) must not matter.
  await stack.api(updateOrganisation, { body: { timeZone: 'America/New_York' } });
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

// "3 Dec 2026, 13:03 CET": one format; the zone's name is part of it.
const amsterdam = /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} CES?T/;
const newYork = /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}(:\d{2})? GMT-[45]/;

test('a wrong password is called that', () =>
  flow(w, 'plain-sign-in', async () => {
    const { page } = w;
    await page.goto('/');
    await page.getByLabel('E-mail address').fill(stack.users.admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('error-message').getByText('Wrong e-mail address or password').waitFor();
  }));

test("times: the connection's zone on its pages, the organisation's elsewhere, with the zone named", () =>
  flow(w, 'plain-clock', async () => {
    const { page } = w;
    await signIn(page, stack.users.admin);
    const listed = await textOf(row(page, NAME));
    assert.match(listed, amsterdam, `the list shows the connection's zone: ${listed}`);

    await page.goto(`/#/connections/${connectionId}`);
    const last = page.getByText(amsterdam).first();
    await last.waitFor();
    assert.match(
      await textOf(page.locator('main')),
      /CES?T \((just now|\d+ minutes? ago)\)/,
      'with a relative time',
    );

    await page.goto('/#/users');
    await page.getByTestId('users-table').waitFor();
    const users = await textOf(page.getByTestId('users-table'));
    assert.match(users, newYork, `administration shows the organisation's zone: ${users}`);
    assert.doesNotMatch(users, amsterdam, "never the browser's zone");
    assertNoConsoleErrors(w.errors);
  }));

test('the audit log reads as sentences; the raw event is one click away', () =>
  flow(w, 'plain-audit', async () => {
    const { page } = w;
    await page.goto('/#/audit');
    const activated = page
      .locator('[data-testid="audit-table"] tr[data-action="connection.state-changed"]')
      .first();
    await activated.waitFor();
    assert.match(
      await textOf(activated),
      new RegExp(`operator@northwind\\.test activated the connection “${NAME}”\\.`),
    );
    assert.match(await textOf(activated), newYork, "the audit log is in the organisation's zone");
    const sync = page.locator('[data-testid="audit-table"] tr[data-action="account.create"]').first();
    assert.match(await textOf(sync), /The sync created the account of /);
    await screenshot(page, '80-audit-sentences');

    await activated.getByRole('button').first().click();
    const drawer = page.getByTestId('audit-event-drawer');
    await drawer.getByTestId('audit-details').waitFor();
    const raw = await textOf(drawer);
    assert.match(raw, /connection\.state-changed/, 'the raw action is shown');
    assert.match(raw, /operator@northwind\.test \(user\)/);
    await page.keyboard.press('Escape');
    assertNoConsoleErrors(w.errors);
  }));
