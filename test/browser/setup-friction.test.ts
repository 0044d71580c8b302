/**
 * Setup friction (issue 12, item 6), driven through the console in Chromium with axe checks:
 * "Continue setup" after a create and from the list; "Test connection" and "Test credentials" on
 * what was typed, before saving; "Sync one person" picked by name; and a page with unsaved changes
 * that asks before leaving (in-app navigation and the browser's unload) — but not after saving or
 * discarding.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { getConfiguration, getTenant, listRuns } from '../../src/contracts/index.ts';
import { assertAccessible } from './support/axe.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import {
  assertNoConsoleErrors,
  dialog,
  flow,
  navLink,
  row,
  signIn,
  textOf,
  toolbarButton,
} from './support/console.ts';
import { activeConnection, configuredConnection, finishedRun } from './support/fixtures.ts';
import type { InPage } from './support/in-page.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let tenantId: string;
let activeId: string;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  tenantId = (await stack.addCustomerWithTenant('Contoso BV', 'Contoso')).tenantId;
  activeId = await configuredConnection(stack, { name: 'Contoso HR', tenantId });
  await activeConnection(stack, activeId);
  w = await openPage(browser, stack.url);
  await signIn(w.page, stack.users.admin);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

const connectionIdFromUrl = (url: string): string => {
  const match = /#\/connections\/([^/]+)/.exec(url);
  assert.ok(match?.[1], url);
  return decodeURIComponent(match[1]);
};

test('after create, "Continue setup" opens the first unfinished step; the list offers it too', () =>
  flow(w, 'continue-setup', async () => {
    const { page } = w;
    await page.goto('/#/connections');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('menuitem', { name: 'Create new connection' }).click();
    const create = dialog(page, 'Create new connection');
    await create.getByLabel('Name').first().fill('Fabrikam HR');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'Fabrikam HR', level: 1 }).waitFor();
    const created = page.getByTestId('connection-created');
    await created.waitFor();
    const next = created.getByRole('link', { name: /^Continue setup: step 1/ });
    await next.waitFor();
    assert.equal(await next.evaluate((el) => el === el.ownerDocument.activeElement), true, 'it has focus');
    await assertAccessible(page, 'connection page after create');
    await screenshot(page, '90-continue-setup-after-create');
    await next.click();
    await page.getByRole('heading', { name: '1. Source', level: 1 }).waitFor();

    // The list: an unfinished connection offers the action, an active one does not.
    await navLink(page, 'Connections').click();
    const fabrikam = row(page, 'Fabrikam HR');
    await fabrikam.getByRole('link', { name: /^Continue setup: step 1/ }).waitFor();
    assert.equal(await row(page, 'Contoso HR').getByTestId('continue-setup').count(), 0);
    await assertAccessible(page, 'connection list with continue setup');
    await fabrikam.getByRole('link', { name: /^Continue setup: step 1/ }).click();
    await page.getByRole('heading', { name: '1. Source', level: 1 }).waitFor();
    assertNoConsoleErrors(w.errors);
  }));

test('Test connection tests what was typed before saving; leaving asks first, until saved', () =>
  flow(w, 'test-unsaved-source', async () => {
    const { page } = w;
    const id = connectionIdFromUrl(page.url());
    await page.getByRole('radio', { name: 'ProfitRestServices URL' }).check();
    await page.locator('input[name="base-url"]').fill(stack.afas.baseUrl);
    await page.locator('input[name="token"]').fill(stack.afas.token.xml);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('source-test-result');
    await result.getByText('AFAS connection works.').waitFor();
    const config = await stack.api<{ source: { saved: boolean } }>(getConfiguration, { params: { id } });
    assert.equal(config.source.saved, false, 'the test saved nothing');
    await screenshot(page, '91-test-unsaved-source');

    // In-app navigation asks; "Stay" keeps what was typed.
    await navLink(page, 'Connections').click();
    const leave = dialog(page, 'Leave without saving?');
    await leave.waitFor();
    await assertAccessible(page, 'leave without saving dialog', '[role="dialog"]');
    await leave.getByRole('button', { name: 'Stay on this page' }).click();
    await leave.waitFor({ state: 'detached' });
    await page.waitForURL(/\/steps\/1$/);
    assert.equal(await page.locator('input[name="base-url"]').inputValue(), stack.afas.baseUrl);

    // The browser's back button is held back too.
    await page.goBack();
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Stay on this page' }).click();
    await page.waitForURL(/\/steps\/1$/);
    assert.equal(await page.locator('input[name="token"]').inputValue(), stack.afas.token.xml);

    // The browser's unload asks as well (the handler cancels the event while changes are unsaved).
    const cancels = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as {
          Event: new (type: string, init: object) => { readonly defaultPrevented: boolean };
          dispatchEvent(event: unknown): boolean;
        };
        const event = new g.Event('beforeunload', { cancelable: true });
        g.dispatchEvent(event);
        return event.defaultPrevented;
      });
    assert.equal(await cancels(), true);

    // Saved: nothing to ask about any more.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('step-saved').waitFor();
    assert.equal(await cancels(), false);
    await page.getByRole('link', { name: /^Next: Destination/ }).click();
    await page.getByRole('heading', { name: '2. Destination', level: 1 }).waitFor();
    assertNoConsoleErrors(w.errors);
  }));

test('a changed AFAS environment is tested only with the token typed again; Discard puts the saved settings back', () =>
  flow(w, 'discard', async () => {
    const { page } = w;
    const id = connectionIdFromUrl(page.url());
    await page.goto(`/#/connections/${encodeURIComponent(id)}/steps/1`);
    const url = page.locator('input[name="base-url"]');
    await url.waitFor();
    await url.fill('https://12345.resttest.afas.online/ProfitRestServices');
    const testButton = page.getByRole('button', { name: 'Test connection' });
    assert.match((await testButton.getAttribute('title')) ?? '', /Enter the App Connector token again/);
    assert.equal(await testButton.getAttribute('aria-disabled'), 'true');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    assert.equal(await page.locator('input[name="base-url"]').inputValue(), stack.afas.baseUrl);
    // Discarded: leaving does not ask.
    await navLink(page, 'Connections').click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    assert.equal(await dialog(page, 'Leave without saving?').count(), 0);
    assertNoConsoleErrors(w.errors);
  }));

test('"Sync one person" finds the employee by name', () =>
  flow(w, 'sync-person', async () => {
    const { page } = w;
    await page.goto(`/#/connections/${encodeURIComponent(activeId)}`);
    await page.getByRole('heading', { name: 'Contoso HR', level: 1 }).waitFor();
    await toolbarButton(page, 'Sync one person').click();
    const sync = dialog(page, 'Sync one person');
    const picker = sync.getByRole('combobox', { name: 'Employee to sync' });
    await picker.click();
    await picker.pressSequentially('visser');
    const option = page.getByRole('option', { name: /1002 — Eva Visser/ });
    await option.waitFor();
    await assertAccessible(page, 'sync one person dialog', '[role="dialog"]');
    await screenshot(page, '92-sync-one-person-by-name');
    await option.click();
    await sync.getByRole('button', { name: 'Sync', exact: true }).click();
    await page.waitForURL(/#\/runs\//);
    const runId = decodeURIComponent(page.url().split('#/runs/')[1] ?? '');
    const run = await finishedRun(stack, runId);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    const runs = await stack.api<{ items: { id: string; kind: string; employeeNumber?: string | null }[] }>(
      listRuns,
      { params: { id: activeId } },
    );
    const mine = runs.items.find((r) => r.id === runId);
    assert.equal(mine?.kind, 'on-demand', JSON.stringify(mine));
    assertNoConsoleErrors(w.errors);
  }));

test('Test credentials in the tenant dialog tests what was typed; a changed host needs the secret again', () =>
  flow(w, 'test-unsaved-tenant', async () => {
    const { page } = w;
    const before = await stack.api<{ credentialStatus: string; authorityHost: string }>(getTenant, {
      params: { id: tenantId },
    });
    await navLink(page, 'Customers and tenants').click();
    const contoso = page.locator('section[data-customer="Contoso BV"]');
    await contoso.getByRole('button', { name: 'Change tenant' }).click();
    const form = dialog(page, /Change tenant Contoso/);
    const check = form.getByTestId('tenant-draft-test');
    await check.getByRole('button', { name: 'Test credentials' }).click();
    await check.locator('[data-ok="true"]').waitFor();

    // Another sign-in endpoint, no secret typed: the stored secret is not sent there.
    await form.getByLabel('Sign-in endpoint (authority host)').fill('https://login.microsoftonline.us');
    await check.getByRole('button', { name: 'Test credentials' }).click();
    await check
      .getByTestId('error-message')
      .filter({ hasText: /client secret/ })
      .waitFor();
    await assertAccessible(page, 'tenant dialog with a test result', '[role="dialog"]');
    await screenshot(page, '93-tenant-test-unsaved');
    await form.getByRole('button', { name: 'Cancel' }).click();
    // The form was changed, so closing it asks first.
    await dialog(page, 'Discard changes?').getByRole('button', { name: 'Discard changes' }).click();
    const after = await stack.api<{ credentialStatus: string; authorityHost: string }>(getTenant, {
      params: { id: tenantId },
    });
    assert.deepEqual(after, before, 'a test stores nothing on the tenant');

    // A tenant not registered yet.
    const app = stack.graph.apps[0];
    assert.ok(app);
    await contoso.getByRole('button', { name: 'Add tenant' }).click();
    const add = dialog(page, 'Add a tenant for Contoso BV');
    await add.getByLabel('Directory (tenant) ID').fill(stack.graph.tenantId);
    await add.getByLabel('Verified domains').fill('contoso.nl');
    await add.getByLabel('App registration: application (client) ID').fill(app.clientId);
    await add.getByLabel('Client secret').fill(app.clientSecret);
    await add.getByLabel('Sign-in endpoint (authority host)').fill(stack.graph.url);
    await add.getByLabel('Microsoft Graph endpoint').fill(stack.graph.url);
    await add.getByTestId('tenant-draft-test').getByRole('button', { name: 'Test credentials' }).click();
    await add.locator('[data-ok="true"]').waitFor();
    await add.getByRole('button', { name: 'Cancel' }).click();
    // The form was changed, so closing it asks first.
    await dialog(page, 'Discard changes?').getByRole('button', { name: 'Discard changes' }).click();
    assert.match(await textOf(contoso), /Contoso/);
    assertNoConsoleErrors(w.errors);
  }));

test('the browser itself asks before closing a page with unsaved changes', () =>
  flow(w, 'beforeunload', async () => {
    const { page } = w;
    await navLink(page, 'Organisation').click();
    const name = page.locator('input[name="organisation-name"]');
    await name.fill('Northwind IT Services (renamed)');
    const asked = new Promise<string>((resolve) => {
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.accept();
      });
    });
    await page.close({ runBeforeUnload: true });
    assert.equal(await asked, 'beforeunload');
  }));

test('at 390 px, "Connection created" wraps a long one-word name inside its bar: the page does not scroll sideways and "Continue setup" stays in view', async () => {
  // A page of its own: the test before closes the shared one.
  const phone = await openPage(browser, stack.url);
  try {
    await flow(phone, 'created-long-name-390', async () => {
      const { page } = phone;
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, stack.users.admin);
      await page.getByRole('button', { name: 'Create connection' }).click();
      await page.getByRole('menuitem', { name: 'Create new connection' }).click();
      const create = dialog(page, 'Create new connection');
      const name = 'Contoso_AFAS_naar_Microsoft365_productie';
      await create.getByLabel('Name').first().fill(name);
      await create.getByRole('button', { name: 'Create', exact: true }).click();
      const created = page.getByTestId('connection-created');
      await created.getByRole('link', { name: /^Continue setup: step 1/ }).waitFor();
      await screenshot(page, '95-created-long-name-390');
      const link = created.getByRole('link', { name: /^Continue setup: step 1/ });
      const linkRight = await link.evaluate((el) => Math.round(el.getBoundingClientRect().right));
      const fit = await page.evaluate(() => {
        const root = (globalThis as unknown as InPage).document.documentElement;
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
      });
      assert.ok(
        fit.scrollWidth <= fit.clientWidth,
        `the page is ${fit.scrollWidth} px wide in a ${fit.clientWidth} px window`,
      );
      assert.ok(
        linkRight <= fit.clientWidth,
        `"Continue setup" ends at ${linkRight} px of ${fit.clientWidth}`,
      );
      assertNoConsoleErrors(phone.errors);
    });
  } finally {
    await phone.close();
  }
});
