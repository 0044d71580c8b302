/**
 * Finding a connection among many (search filters by name on Enter) and starting a new customer
 * from a working connection: Copy from another connection, choosing the customer and tenant and
 * checking the tenant's credentials. The configuration comes along; the AFAS token does not.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createConnection } from '../../src/contracts/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import {
  assertNoConsoleErrors,
  dialog,
  flow,
  row,
  selectConnection,
  signIn,
  textOf,
} from './support/console.ts';
import { configuredConnection } from './support/fixtures.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const contoso = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
  await stack.addCustomerWithTenant('Fabrikam NV', 'Fabrikam');
  await configuredConnection(stack, { name: 'Contoso HR', tenantId: contoso.tenantId });
  for (const name of ['Adventure Works HR', 'Fabrikam pilot']) {
    await stack.api(createConnection, { as: 'operator', body: { name, destinationType: 'cloud' } });
  }
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

test('search filters the connections by name when Enter is pressed', () =>
  flow(w, 'search', async () => {
    const { page } = w;
    await signIn(page, stack.users.operator);
    await row(page, 'Contoso HR').waitFor();
    assert.equal(await textOf(page.getByTestId('connection-count')), '3 items');
    const search = page.getByLabel('Search connections by name');
    await search.fill('fab');
    // Typing alone does not filter: the list waits for Enter.
    assert.equal(await page.locator('[data-testid="connections-table"] tbody tr').count(), 3);
    await search.press('Enter');
    await page
      .getByTestId('connection-count')
      .filter({ hasText: /^1 item$/ })
      .waitFor();
    assert.deepEqual(
      await page
        .locator('[data-testid="connections-table"] tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-connection'))),
      ['Fabrikam pilot'],
    );
    await screenshot(page, '20-connections-search');
    await search.fill('no such connection');
    await search.press('Enter');
    await page.getByTestId('empty-state').filter({ hasText: 'No connection name contains' }).waitFor();
    await search.fill('');
    await page
      .getByTestId('connection-count')
      .filter({ hasText: /^3 items$/ })
      .waitFor();
    assertNoConsoleErrors(w.errors);
  }));

test('copy a connection to another customer’s tenant', () =>
  flow(w, 'copy', async () => {
    const { page } = w;
    await page.goto('/#/connections');
    await selectConnection(page, 'Contoso HR');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('menuitem', { name: 'Copy from another connection' }).click();
    const copy = dialog(page, 'Copy from another connection');
    // The selected connection is proposed as the one to copy (once the list of connections loaded).
    await copy
      .locator('select[name="copy-from"] option:checked', { hasText: 'Contoso HR' })
      .waitFor({ state: 'attached' });
    await copy.getByLabel('Name').first().fill('Fabrikam HR');
    await copy.getByLabel('Description').fill('Copied from Contoso HR');
    await copy.locator('select[name="customer"]').selectOption({ label: 'Fabrikam NV' });
    const status = copy.getByTestId('tenant-status');
    await status.locator('[data-credential-status="untested"]').waitFor();
    await status.getByRole('button', { name: 'Test credentials' }).click();
    await status.locator('[data-credential-status="valid"]').waitFor();
    await screenshot(page, '21-copy-connection');
    await copy.getByRole('button', { name: 'Copy', exact: true }).click();

    await page.getByRole('heading', { name: 'Fabrikam HR', level: 1 }).waitFor();
    assert.equal(await textOf(page.locator('[data-property="Tenant"]')), 'Fabrikam');
    assert.equal(await textOf(page.locator('[data-property="Customer"]')), 'Fabrikam NV');
    await screenshot(page, '22-copied-connection');

    // The AFAS settings came along, the token did not: step 1 asks for it again.
    await page.getByRole('link', { name: /^1\. Source/ }).click();
    assert.equal(await page.locator('input[name="base-url"]').inputValue(), stack.afas.baseUrl);
    assert.equal(await page.locator('input[name="token"]').getAttribute('placeholder'), '');
    await page.getByText('Enter the App Connector token.').waitFor();
    assertNoConsoleErrors(w.errors);
  }));
