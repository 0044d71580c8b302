/**
 * The whole life of a connection in the console, as an administrator lives it: create it, walk
 * the five steps (testing AFAS and the tenant, trying an expression on a real employee), simulate
 * and review the results, activate, schedule, deactivate, activate again, and delete it — then
 * find all of it in the audit log.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import {
  assertNoConsoleErrors,
  configureAfasSource,
  confirmScopeStep,
  createCloudConnection,
  dialog,
  expectState,
  flow,
  navLink,
  row,
  saveStep,
  selectConnection,
  signIn,
  textOf,
  toolbarButton,
} from './support/console.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  await stack.addCustomerWithTenant('Contoso BV', 'Contoso (contoso.nl)');
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

const NAME = 'Contoso HR to Microsoft 365';

test('create a connection, complete the five steps, simulate, activate, schedule, deactivate, activate, delete', () =>
  flow(w, 'lifecycle', async () => {
    const { page } = w;
    await signIn(page, stack.users.admin);
    assert.equal(await page.getByTestId('organisation-name').textContent(), stack.organisationName);
    await screenshot(page, '01-connections-empty');

    // Create new connection
    await createCloudConnection(page, NAME, 'Employees of Contoso BV');
    assert.equal(await page.locator('[data-step="1"]').getAttribute('data-status'), 'current');
    assert.equal(await page.locator('[data-step="2"]').getAttribute('data-status'), 'locked');
    await screenshot(page, '02-connection-details-draft');

    // Step 1: source, then Test connection against the AFAS emulator
    await configureAfasSource(page, stack.afas);
    await screenshot(page, '03-step-1-source');

    // Step 2: destination — customer, tenant (with its credential status and test), default domain
    await page.getByRole('link', { name: /^Next: Destination/ }).click();
    await page.getByRole('heading', { name: '2. Destination', level: 1 }).waitFor();
    await page.locator('select[name="customer"]').selectOption({ label: 'Contoso BV' });
    const status = page.getByTestId('tenant-status');
    await status.waitFor();
    await status.getByRole('button', { name: 'Test credentials' }).click();
    await status.locator('[data-credential-status="valid"]').waitFor();
    assert.equal(await page.locator('select[name="default-domain"]').inputValue(), 'contoso.nl');
    await saveStep(page);
    await screenshot(page, '04-step-2-destination');

    // Step 3: the proposed mapping; the expression editor with function help and a real employee
    await page.getByRole('link', { name: /^Next: Mapping/ }).click();
    await page.getByTestId('mapping-table').waitFor();
    // A broken expression says what is wrong at its field as it is typed, not only after Save.
    const displayName = page.getByLabel('Source of displayName', { exact: true });
    const proposed = await displayName.inputValue();
    await displayName.fill('Join("@", [Roepnaam]');
    await page.getByText("expected ')' at column 21").waitFor();
    assert.equal(await displayName.getAttribute('aria-invalid'), 'true');
    await displayName.fill(proposed);
    await page.getByText("expected ')' at column 21").waitFor({ state: 'detached' });
    // One business phone is "1 value", not "1 value(s)".
    const phonesPolicy = page.getByTestId('too-long-businessPhones');
    assert.equal((await textOf(phonesPolicy.locator('option').first())).trim(), 'Default: shorten');
    assert.equal(await phonesPolicy.getAttribute('aria-label'), 'If businessPhones has more than 1 value');
    await page.getByTestId('edit-expression-displayName').click();
    const editor = dialog(page, 'Expression for displayName');
    await editor.getByLabel('Find a function').fill('DutchDisplay');
    await editor.getByRole('button', { name: 'DutchDisplayName', exact: true }).click();
    await editor.getByTestId('function-details').waitFor();
    // The employee is found by searching AFAS as one types (any case), then picked from the list.
    const employee = editor.getByRole('combobox', { name: 'Employee to test with' });
    await employee.pressSequentially('JANS');
    // Focusing the picker lists the first employees; the search then narrows the list to Jan alone.
    const janOnly = '1001 — Jan Jansen (active)';
    // Waited for through locators: the console's CSP (script-src 'self') refuses evaluated strings.
    await page.getByRole('option', { name: janOnly }).waitFor();
    await page.getByRole('option').filter({ hasNotText: janOnly }).first().waitFor({ state: 'detached' });
    const jan = page.getByRole('option', { name: janOnly });
    await screenshot(page, '05a-person-picker');
    await jan.click();
    assert.equal(await employee.inputValue(), janOnly);
    await editor.getByRole('button', { name: 'Test', exact: true }).click();
    const tested = editor.getByTestId('tester-result');
    await tested.waitFor();
    assert.match(await textOf(tested), /Jan Jansen/);
    await screenshot(page, '05-expression-editor');
    await editor.getByRole('button', { name: 'Apply' }).click();
    await saveStep(page);
    await screenshot(page, '06-step-3-mapping');

    // Step 4: scope and lifecycle with its defaults; confirming it makes the connection ready to simulate
    await confirmScopeStep(page);
    await expectState(page, 'simulation');
    await screenshot(page, '07-step-4-scope');

    // Step 5: simulate and review the results
    await page.getByRole('link', { name: /^Next: Simulation/ }).click();
    await stack.slowDownAfas(3000);
    await page.getByRole('button', { name: 'Run simulation' }).click();
    // While it runs, the page shows live progress (it polls the run).
    await page.getByTestId('run-progress').waitFor();
    await screenshot(page, '08a-simulation-running');
    await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('run-progress').count(), 0);
    assert.equal(
      await page.locator('[data-testid="action-counts"] [data-action="create"]').getAttribute('data-count'),
      '12',
    );
    await page.getByTestId('run-items').waitFor();
    await screenshot(page, '08-simulation-results');
    await page.locator('select[name="filter-action"]').selectOption('create');
    await page.getByLabel('Search persons by name or employee number').fill('Jansen');
    await page.getByLabel('Search persons by name or employee number').press('Enter');
    await page
      .getByTestId('item-count')
      .filter({ hasText: /^1 person$/ })
      .waitFor();
    await page
      .getByTestId('run-items')
      .getByRole('button', { name: /Jansen/ })
      .click();
    const drawer = page.getByTestId('run-item-drawer');
    await drawer.getByTestId('attribute-changes').waitFor();
    assert.match(await textOf(drawer), /userPrincipalName/);
    await screenshot(page, '09-run-item-detail');
    await page.keyboard.press('Escape');
    const csvHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await page.request.get(csvHref ?? '');
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /Jansen/);
    const jsonHref = await page.getByRole('link', { name: 'Export JSON' }).getAttribute('href');
    const json = (await (await page.request.get(jsonHref ?? '')).json()) as unknown[];
    assert.equal(json.length, 1);

    // Activate from step 5
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('link', { name: /^5\. Simulation/ }).click();
    await page.getByTestId('last-simulation').waitFor();
    await screenshot(page, '09b-step-5-simulation-and-activation');
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await dialog(page, 'Activate connection').getByRole('button', { name: 'Activate' }).click();
    await expectState(page, 'active');
    await page.getByRole('link', { name: NAME }).first().click();
    await page.getByTestId('recent-runs').waitFor();
    await screenshot(page, '09c-connection-details-active');

    // Set a schedule from the connections list
    await navLink(page, 'Connections').click();
    await row(page, NAME).waitFor();
    await selectConnection(page, NAME);
    await toolbarButton(page, 'Set schedule').click();
    const schedule = dialog(page, `Set schedule for ${NAME}`);
    await schedule.locator('select[name="unit"]').selectOption('hours');
    await schedule.locator('input[name="every"]').fill('6');
    await schedule.getByTestId('schedule-preview').locator('li').nth(4).waitFor();
    assert.equal(await schedule.getByTestId('schedule-time-zone').textContent(), 'Europe/Amsterdam');
    await screenshot(page, '10-schedule-dialog');
    await schedule.getByRole('button', { name: 'Save', exact: true }).click();
    await schedule.waitFor({ state: 'detached' });
    await row(page, NAME).getByText('Not scheduled').waitFor({ state: 'detached' });
    await screenshot(page, '11-connections-active');

    // Deactivate, then activate again — each asks first, naming the connection
    await selectConnection(page, NAME);
    await toolbarButton(page, 'Deactivate').click();
    const deactivate = dialog(page, 'Deactivate connection');
    assert.match(await textOf(deactivate), new RegExp(NAME));
    await deactivate.getByRole('button', { name: 'Deactivate' }).click();
    await row(page, NAME).locator('[data-state="deactivated"]').waitFor();
    // The list does not know the latest simulation, so its Activate is greyed (the server's gate
    // decides from the simulation); activating again happens from step 5, as the first time.
    await selectConnection(page, NAME);
    assert.equal(await toolbarButton(page, 'Activate').getAttribute('aria-disabled'), 'true');
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('link', { name: /^5\. Simulation/ }).click();
    await page.getByTestId('last-simulation').waitFor();
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    const activate = dialog(page, 'Activate connection');
    assert.match(await textOf(activate), new RegExp(NAME));
    await activate.getByRole('button', { name: 'Activate' }).click();
    await expectState(page, 'active');

    // The audit log has the whole story
    await navLink(page, 'Audit logs').click();
    await page.getByTestId('audit-table').waitFor();
    await page.locator('input[name="action"]').fill('connection.');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page
      .locator('[data-testid="audit-table"] tr[data-action="connection.state-changed"]')
      .first()
      .waitFor();
    await page
      .locator('[data-testid="audit-table"] tr[data-action="connection.created"]')
      .getByRole('button')
      .click();
    await page.getByTestId('audit-details').waitFor();
    await screenshot(page, '12-audit-log-detail');
    await page.keyboard.press('Escape');

    // Delete — one at a time, confirmation naming the connection
    await navLink(page, 'Connections').click();
    await selectConnection(page, NAME);
    await toolbarButton(page, 'Delete').click();
    const remove = dialog(page, 'Delete connection');
    assert.match(await textOf(remove), new RegExp(NAME));
    await remove.getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('empty-state').waitFor();
    assert.equal(await row(page, NAME).count(), 0);

    assertNoConsoleErrors(w.errors);
  }));
