/**
 * A viewer reads everything and can change nothing: the console hides every operation the role
 * may not call (read from the endpoints' access declarations), and step editors are read-only.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, flow, navLink, selectConnection, signIn, textOf } from './support/console.ts';
import { activeConnection, configuredConnection } from './support/fixtures.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
  const id = await configuredConnection(stack, { name: 'Contoso HR', tenantId });
  await activeConnection(stack, id);
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

test('a viewer sees connections, steps, runs and the audit log, but cannot change anything', () =>
  flow(w, 'viewer', async () => {
    const { page } = w;
    await signIn(page, stack.users.viewer);
    await page.getByTestId('user-menu').click();
    assert.equal(await textOf(page.getByTestId('user-role')), 'Viewer (read only)');
    await page.keyboard.press('Escape');

    // The list: no create, and no operation even with a connection selected.
    await selectConnection(page, 'Contoso HR');
    assert.equal(await page.getByRole('button', { name: 'Create connection' }).count(), 0);
    assert.equal(await page.locator('[data-operation]').count(), 0);
    await screenshot(page, '30-viewer-connections');

    // The details page: facts and runs, no commands but the audit log.
    await page.getByRole('link', { name: 'Contoso HR' }).click();
    await page.getByRole('heading', { name: 'Contoso HR', level: 1 }).waitFor();
    await page.getByTestId('recent-runs').waitFor();
    for (const name of ['Edit name', 'Sync now', 'Delete', 'Deactivate']) {
      assert.equal(await page.getByRole('button', { name }).count(), 0, `${name} is hidden`);
    }
    await page.getByRole('link', { name: 'View audit logs' }).first().waitFor();

    // A step: read-only, no Save, no tests.
    await page.getByRole('link', { name: /^3\. Mapping/ }).click();
    await page.getByTestId('read-only-note').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).count(), 0);
    assert.equal(await page.locator('[data-testid="mapping-table"] input').first().isDisabled(), true);
    await screenshot(page, '31-viewer-step-read-only');
    await page.getByRole('link', { name: /^1\. Source/ }).click();
    await page.getByTestId('read-only-note').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Test connection' }).count(), 0);

    // A run: results, but no cancel, approve or discard.
    await page.getByRole('link', { name: 'Contoso HR' }).first().click();
    await page.getByTestId('recent-runs').getByRole('link').first().click();
    await page.getByTestId('run-items').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Cancel run' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0);

    // The audit log reads fine.
    await navLink(page, 'Audit logs').click();
    await page.getByTestId('audit-table').waitFor();
    await screenshot(page, '32-viewer-audit-log');

    // Sign out: back to the sign-in page, and a reload does not bring the session back.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assertNoConsoleErrors(w.errors);
  }));
