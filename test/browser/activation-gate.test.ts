/**
 * The activation gate in the browser (issue 11.4): in each state the console's Activate buttons are
 * enabled exactly when the service accepts the activation — before any simulation, after a
 * simulation with a failed person (only an admin may "activate anyway", with a written reason, which
 * is audited), and once active.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { activateConnection, listAuditEvents, simulate } from '../../src/contracts/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, expectState, flow, signIn, textOf } from './support/console.ts';
import { configuredConnection, finishedRun } from './support/fixtures.ts';
import { people, type Stack, startStack } from './support/stack.ts';

const LONG_SURNAME = 'Vanderzwaluwenburg-Oppenheimer-Kronenberg-Schimmelpenninck-Lanschot'; // 68 > 64

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;

before(async () => {
  const persons = [
    ...people(4),
    { n: '1900', given: 'Anna', family: LONG_SURNAME, jobs: [{ start: '2020-01-01' }] },
  ];
  [stack, browser] = await Promise.all([startStack({ persons }), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
  connectionId = await configuredConnection(stack, { name: 'Contoso HR', tenantId });
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

/** What the service answers to an operator's plain activation right now. */
async function serverAccepts(): Promise<boolean> {
  try {
    await stack.api(activateConnection, { as: 'operator', params: { id: connectionId } });
    return true;
  } catch {
    return false;
  }
}

test('Activate is enabled only when the service would accept it; an admin activates anyway with a reason', () =>
  flow(w, 'activation-gate', async () => {
    const { page } = w;
    const stepActivate = page.locator('[data-operation="activate-step5"]');
    const anyway = page.locator('[data-operation="activate-anyway"]');

    // 1. No simulation yet: disabled, says why; the service refuses too.
    await signIn(page, stack.users.operator);
    await page.goto(`/#/connections/${connectionId}`);
    await expectState(page, 'simulation');
    await page.goto(`/#/connections/${connectionId}/steps/5`);
    await stepActivate.waitFor();
    assert.equal(await stepActivate.getAttribute('aria-disabled'), 'true');
    assert.match(await textOf(page.getByTestId('activation-blocker')), /Run a simulation first/);
    assert.equal(await serverAccepts(), false);
    // The schedule dialog's "Save and activate" follows the same gate (it was offered, and refused).
    await page.getByRole('button', { name: 'Set schedule' }).click();
    const schedule = dialog(page, /^Set schedule for/);
    await schedule.getByTestId('schedule-preview').waitFor();
    assert.equal(await schedule.getByRole('button', { name: 'Save and activate' }).isDisabled(), true);
    assert.match(
      await textOf(schedule.getByTestId('schedule-activation-blocker')),
      /Only Save is possible now\. Run a simulation first/,
    );
    assert.equal(await schedule.getByRole('button', { name: 'Save', exact: true }).isDisabled(), false);
    // Each unit's own limit, from the table the service checks: 53 weeks is refused there, a year
    // of days allowed (the field said "1 to 168" whatever the unit).
    await schedule.locator('select[name="unit"]').selectOption('weeks');
    await schedule.locator('input[name="every"]').fill('53');
    await schedule.getByText('Enter a number from 1 to 52.').waitFor();
    await schedule.locator('select[name="unit"]').selectOption('days');
    await schedule.locator('input[name="every"]').fill('365');
    await schedule.getByText(/^Enter a number from/).waitFor({ state: 'detached' });
    await schedule.getByRole('button', { name: 'Cancel' }).click();
    await schedule.waitFor({ state: 'detached' });

    // 2. A simulation with a person whose surname Graph would refuse: still disabled, the reason
    //    names the failure; an operator gets no "activate anyway"; the service refuses.
    const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id: connectionId } });
    assert.equal((await finishedRun(stack, run.id)).status, 'succeeded');
    await page.reload();
    await page
      .getByTestId('last-simulation')
      .locator('[data-run-outcome="completed-with-failures"]')
      .waitFor();
    assert.equal(await stepActivate.getAttribute('aria-disabled'), 'true');
    assert.match(await textOf(page.getByTestId('activation-blocker')), /1 failed person/);
    assert.equal(await anyway.count(), 0, 'only admins may activate anyway');
    assert.equal(await serverAccepts(), false);
    await screenshot(page, '50-activation-needs-reason');

    // 3. An admin activates anyway, with a written reason that the audit log keeps.
    await page
      .getByRole('button', { name: /sign out|account/i })
      .first()
      .click()
      .catch(() => {});
    await page.context().clearCookies();
    await signIn(page, stack.users.admin);
    await page.goto(`/#/connections/${connectionId}/steps/5`);
    await anyway.click();
    const form = dialog(page, 'Activate anyway');
    const confirm = form.getByRole('button', { name: 'Activate anyway' });
    await form.getByLabel(/Why activate/).fill('too short');
    assert.equal(await confirm.isDisabled(), true, 'a reason of at least 10 characters is required');
    await form.getByLabel(/Why activate/).fill('Anna’s surname is being corrected in AFAS this week');
    await confirm.click();
    await form.waitFor({ state: 'detached' });
    await page.goto(`/#/connections/${connectionId}`);
    await expectState(page, 'active');

    // 4. Active: Activate is disabled again, and the service agrees.
    await page.goto(`/#/connections/${connectionId}/steps/5`);
    await stepActivate.waitFor();
    assert.equal(await stepActivate.getAttribute('aria-disabled'), 'true');
    assert.match(await textOf(page.getByTestId('activation-blocker')), /already active/);
    assert.equal(await serverAccepts(), false);
    const audit = await stack.api<{ items: { message: string; details: Record<string, unknown> }[] }>(
      listAuditEvents,
      { query: { connectionId, action: 'connection.state-changed' } },
    );
    const event = audit.items.find((e) => /activated anyway/.test(e.message));
    assert.ok(event, 'the override is audited');
    assert.match(event.message, /surname is being corrected/);
    assertNoConsoleErrors(w.errors);
  }));
