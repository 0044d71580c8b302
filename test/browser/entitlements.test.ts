/**
 * Groups and licences from the console: in step 3 an admin adds "Everyone → Microsoft 365 Business
 * Premium without Exchange" and "Sales → group Sales" (groups picked by name from the tenant,
 * licences from its subscriptions), simulates, and sees each person's grants and the licence
 * shortfall before anything is written.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, confirmScopeStep, dialog, flow, signIn, textOf } from './support/console.ts';
import { configuredConnection } from './support/fixtures.ts';
import { afasData, people, type Stack, startStack } from './support/stack.ts';

const SPB = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const SALES = '5a1e5000-0000-4000-8000-000000000001';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
  // Four people, the last two in Sales; three Business Premium licences free.
  const persons = people(4).map((p, i) => ({
    ...p,
    jobs: p.jobs.map((j) => ({ ...j, unit: i >= 2 ? 'SAL' : 'ICT' })),
  }));
  await stack.replaceAfasData(afasData(persons));
  const directory = stack.graph.state.directory;
  directory.groups.set(SALES, { id: SALES, displayName: 'Sales', members: [] });
  directory.groups.set('5a1e5000-0000-4000-8000-000000000002', {
    id: '5a1e5000-0000-4000-8000-000000000002',
    displayName: 'Service desk',
    members: [],
  });
  directory.skus.set(SPB, {
    skuId: SPB,
    skuPartNumber: 'SPB',
    prepaidUnits: { enabled: 3 },
    consumedUnits: 0,
  });
  connectionId = await configuredConnection(stack, { name: 'Contoso HR', tenantId });
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

test('an admin adds licence and group rules in step 3 and sees grants and a shortfall in the simulation', () =>
  flow(w, 'entitlements', async () => {
    const { page } = w;
    await signIn(page, stack.users.admin);
    await page.goto(`/#/connections/${connectionId}/steps/3`);
    const editor = page.getByTestId('entitlements-editor');
    await editor.waitFor();

    // Rule 1: everyone gets Business Premium, without Exchange.
    await editor.getByRole('button', { name: 'Add rule' }).click();
    const everyone = editor.getByRole('group', { name: /^Rule 1/ });
    await everyone.getByLabel('Rule name').fill('Everyone');
    await everyone
      .locator('select[name="rule-0-licence"]')
      .selectOption({ label: 'Microsoft 365 Business Premium (3 of 3 free)' });
    await everyone.getByRole('button', { name: 'Add', exact: true }).last().click();
    await everyone.getByLabel('Without Exchange').check();

    // Rule 2: department Sales joins the Sales group, found by name.
    await editor.getByRole('button', { name: 'Add rule' }).click();
    const sales = editor.getByRole('group', { name: /^Rule 2/ });
    await sales.getByLabel('Rule name').fill('Sales');
    await sales.getByRole('button', { name: 'Add filter' }).click();
    await sales.getByLabel('Filter 1 clause 1 attribute').fill('Organisatorische_eenheid_code');
    await sales.getByLabel('Filter 1 clause 1 value').fill('SAL');
    await sales.getByLabel('Find a group by name').fill('Sal');
    const groupSelect = sales.locator('select[name="rule-1-group"]');
    // The picker narrows to the groups whose name starts with "Sal" as one types (the CSP forbids
    // evaluating strings, so the options are awaited through locators).
    await groupSelect.locator('option', { hasText: 'Sales (security group)' }).waitFor({ state: 'attached' });
    await groupSelect.locator('option', { hasText: 'Service desk' }).waitFor({ state: 'detached' });
    await groupSelect.selectOption({ label: 'Sales (security group)' });
    await sales.getByRole('button', { name: 'Add', exact: true }).first().click();
    await sales
      .getByRole('option', { name: /Sales/ })
      .or(sales.getByText('Sales', { exact: true }))
      .first()
      .waitFor();
    await screenshot(page, '60-step-3-groups-and-licences');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // The connection was ready to simulate: saving step 3 asks first, as step 4 must be confirmed again.
    await dialog(page, 'Save step 3?').getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('step-saved').waitFor();

    // Step 4 is confirmed again, then the simulation.
    await confirmScopeStep(page);
    await page.getByRole('link', { name: /^Next: Simulation/ }).click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 30_000 });

    const pools = page.getByTestId('licence-pools');
    await pools.waitFor();
    assert.match(await textOf(pools), /1 Microsoft 365 Business Premium licence short/);
    const items = page.getByTestId('run-items');
    await items.waitFor();
    const text = await textOf(items);
    assert.match(text, /\+ group Sales/);
    assert.match(text, /\+ licence Microsoft 365 Business Premium \(without Exchange\)/);
    await screenshot(page, '61-simulation-grants-and-shortfall');
    // Nothing was written to the tenant.
    assert.equal(stack.graph.state.directory.groups.get(SALES)?.members.length, 0);
    assert.equal(stack.graph.state.directory.skus.get(SPB)?.consumedUnits, 0);
    assertNoConsoleErrors(w.errors);
  }));
