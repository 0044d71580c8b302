/**
 * A safety threshold stops a sync that would disable too many accounts: the run page shows it
 * blocked with the reason, an operator approves it with a reason of their own, and it is applied.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow, signIn, textOf } from './support/console.ts';
import { activeConnection, configuredConnection } from './support/fixtures.ts';
import { afasData, people, type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
  connectionId = await configuredConnection(stack, {
    name: 'Contoso HR',
    tenantId,
    thresholds: { maxDisableDeleteCount: 2, maxDisableDeletePercent: null, maxSourceShrinkPercent: null },
  });
  await activeConnection(stack, connectionId);
  // HR ends four contracts: the next sync would disable four accounts, over the limit of two.
  const leavers = people(12).map((p, i) =>
    i >= 8
      ? { ...p, jobs: [{ start: '2020-01-01', end: daysAgo(20), title: 'Adviseur', manager: '1000' }] }
      : p,
  );
  await stack.replaceAfasData(afasData(leavers));
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

test('a blocked run is approved with a reason and then applied', () =>
  flow(w, 'blocked-run', async () => {
    const { page } = w;
    await signIn(page, stack.users.operator);
    await page.goto(`/#/connections/${connectionId}`);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await dialog(page, 'Sync now').getByRole('button', { name: 'Sync now' }).click();

    const blocked = page.getByTestId('blocked-run');
    await blocked.waitFor({ timeout: 30_000 });
    assert.match(await textOf(blocked), /4 disables \+ deletes/);
    assert.equal(
      await page.locator('[data-testid="status-counts"] [data-status="blocked"]').getAttribute('data-count'),
      '4',
    );
    await screenshot(page, '40-blocked-run');

    await blocked.getByRole('button', { name: 'Approve' }).click();
    const approve = dialog(page, 'Approve blocked run');
    const confirm = approve.getByRole('button', { name: 'Approve and apply' });
    assert.equal(await confirm.isDisabled(), true, 'a reason is required');
    await approve.getByLabel('Reason').fill('Four contracts ended on purpose (reorganisation).');
    await confirm.click();

    await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 30_000 });
    assert.equal(
      await page.locator('[data-testid="action-counts"] [data-action="disable"]').getAttribute('data-count'),
      '4',
    );
    await page.getByText(/Approved by Otto Operator/).waitFor();
    await screenshot(page, '41-approved-run');
    const disabled = stack.graph.state.directory.snapshot().users.filter((u) => !u.accountEnabled);
    assert.equal(disabled.length, 4);
    assertNoConsoleErrors(w.errors);
  }));
