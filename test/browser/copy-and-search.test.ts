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
  expectState,
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

test('with the keyboard only: a refused create is explained in plain words', () =>
  flow(w, 'keyboard-and-errors', async () => {
    const { page } = w;
    await page.goto('/#/connections');
    await row(page, 'Contoso HR').waitFor();

    // Select a row: Tab reaches its radio, Space selects it.
    await page.getByRole('radio', { name: 'Select Fabrikam pilot' }).focus();
    await page.keyboard.press('Space');
    assert.equal(await row(page, 'Fabrikam pilot').getAttribute('aria-selected'), 'true');

    // Open "Create new connection" from the menu and submit a name that is taken, all by keyboard.
    await page.getByRole('button', { name: 'Create connection' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Create new connection' }).waitFor();
    await page.keyboard.press('Enter');
    const create = dialog(page, 'Create new connection');
    await create.waitFor();
    await page.keyboard.type('Contoso HR');
    await page.keyboard.press('Enter');
    const error = create.getByTestId('error-message');
    await error.waitFor();
    assert.match(await textOf(error), /That conflicts with existing data/);
    assert.match(await textOf(error), /Contoso HR/);
    await screenshot(page, '23-refused-create');
    await page.keyboard.press('Escape');
    // A name was typed, so closing asks first.
    await dialog(page, 'Discard changes?').getByRole('button', { name: 'Discard changes' }).click();
    await create.waitFor({ state: 'detached' });
    assertNoConsoleErrors(w.errors);
  }));

test('saving an earlier step warns that the later steps must be confirmed again', () =>
  flow(w, 'reconfirm', async () => {
    const { page } = w;
    await page.goto('/#/connections');
    await page.getByRole('link', { name: 'Contoso HR' }).click();
    await expectState(page, 'simulation');
    await page.getByRole('link', { name: /^2\. Destination/ }).click();
    await page.getByTestId('tenant-status').waitFor();
    await page.locator('select[name="default-domain"]').selectOption('contoso.onmicrosoft.com');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const warning = dialog(page, 'Save step 2?');
    assert.match(await textOf(warning), /steps 3, 4 must be confirmed again/);
    await screenshot(page, '24-reconfirm-warning');
    await warning.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('step-saved').waitFor();
    await expectState(page, 'draft');
    await page.locator('[data-step="3"][data-status="current"]').waitFor();
    assert.equal(await page.locator('[data-step="4"]').getAttribute('data-status'), 'locked');
    assertNoConsoleErrors(w.errors);
  }));
