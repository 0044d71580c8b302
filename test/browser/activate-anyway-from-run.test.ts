/**
 * "Activate anyway" from a simulation's results: where the activation gate asks for a reason (failed
 * persons, or a blocked simulation), the run page offers an admin step 5's dialog itself, and the
 * activation happens there; an operator and a viewer, whom the service refuses, are offered nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  activateConnectionAnyway,
  deactivateConnection,
  getConnection,
  listAuditEvents,
  simulate,
} from '../../src/contracts/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, expectState, flow, signIn } from './support/console.ts';
import { activeConnection, configuredConnection, finishedRun } from './support/fixtures.ts';
import { afasData, people, type Stack, startStack } from './support/stack.ts';

const LONG_SURNAME = 'Vanderzwaluwenburg-Oppenheimer-Kronenberg-Schimmelpenninck-Lanschot'; // 68 > 64

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let tenantId: string;

before(async () => {
  const persons = [
    ...people(4),
    { n: '1900', given: 'Anna', family: LONG_SURNAME, jobs: [{ start: '2020-01-01' }] },
  ];
  [stack, browser] = await Promise.all([startStack({ persons }), launchChromium()]);
  ({ tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso'));
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

/** What the service answers to `as`'s "activate anyway" (without doing it when it would be refused). */
async function serverRefusesAnyway(id: string, as: 'operator' | 'viewer'): Promise<boolean> {
  try {
    await stack.api(activateConnectionAnyway, {
      as,
      params: { id },
      body: { reason: 'the test asks whether this role may' },
    });
    return false;
  } catch {
    return true;
  }
}

/** Signs `page` in as `who` (a fresh session) and opens the run. */
async function openRunAs(page: Page, who: 'admin' | 'operator' | 'viewer', runId: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('about:blank');
  await signIn(page, stack.users[who]);
  await page.goto(`/#/runs/${runId}`);
  await page.getByRole('heading', { name: /^Simulation — /, level: 1 }).waitFor();
}

/** The admin's activation through the run page's dialog, with a reason; lands on step 5, active. */
async function activateAnywayThere(page: Page, id: string, where: string, reason: string): Promise<void> {
  await page.getByTestId(where).getByRole('button', { name: 'Activate anyway…' }).click();
  const form = dialog(page, 'Activate anyway');
  const confirm = form.getByRole('button', { name: 'Activate anyway' });
  await form.getByLabel(/Why activate/).fill('too short');
  assert.equal(await confirm.isDisabled(), true, 'a reason of at least 10 characters is required');
  await form.getByLabel(/Why activate/).fill(reason);
  await confirm.click();
  await form.waitFor({ state: 'detached' });
  // On to what is left of step 5: the schedule.
  await page.waitForURL(new RegExp(`#/connections/${id}/steps/5$`));
  const connection = await stack.api<{ state: string }>(getConnection, { params: { id } });
  assert.equal(connection.state, 'active');
  const audit = await stack.api<{ items: { message: string }[] }>(listAuditEvents, {
    query: { connectionId: id, action: 'connection.state-changed' },
  });
  assert.ok(
    audit.items.some((e) => /activated anyway/.test(e.message) && e.message.includes(reason)),
    'the override is audited with its reason',
  );
}

test('a simulation with a failed person: the run page offers an admin “Activate anyway…”, and only an admin', () =>
  flow(w, 'activate-anyway-from-run', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    const id = await configuredConnection(stack, { name: 'Contoso HR', tenantId });
    const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id } });
    assert.equal((await finishedRun(stack, run.id)).status, 'succeeded');

    // The service refuses an operator and a viewer; their page offers nothing.
    for (const who of ['viewer', 'operator'] as const) {
      assert.equal(await serverRefusesAnyway(id, who), true, `the service lets a ${who} activate anyway`);
      await openRunAs(page, who, run.id);
      await page.getByTestId('status-counts').waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'Activate anyway…' }).count(),
        0,
        `offered to a ${who}`,
      );
      assert.equal(await page.getByTestId('ready-to-activate').count(), 0, `Activate offered to a ${who}`);
    }

    await openRunAs(page, 'admin', run.id);
    const notReady = page.getByTestId('not-ready-to-activate');
    await notReady.getByText(/The latest simulation has 1 failed person/).waitFor();
    assert.equal(await notReady.getByRole('link').count(), 0, 'no detour through step 5');
    await screenshot(page, 'activate-anyway-from-run', { window: true });
    await activateAnywayThere(
      page,
      id,
      'not-ready-to-activate',
      'Anna’s surname is shortened in AFAS this week',
    );
    await expectState(page, 'active');
    assertNoConsoleErrors(w.errors);
  }));

test('a blocked simulation: the blocked message offers an admin “Activate anyway…”', () =>
  flow(w, 'activate-anyway-blocked-simulation', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    await stack.replaceAfasData(afasData(people(12)));
    const id = await configuredConnection(stack, {
      name: 'Fabrikam HR',
      tenantId,
      thresholds: { maxDisableDeleteCount: 2, maxDisableDeletePercent: null, maxSourceShrinkPercent: null },
    });
    await activeConnection(stack, id);
    await stack.api(deactivateConnection, { as: 'operator', params: { id } });
    // HR ends four contracts: a sync would disable four accounts, over the limit of two.
    const ended = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    await stack.replaceAfasData(
      afasData(
        people(12).map((p, i) =>
          i >= 8
            ? { ...p, jobs: [{ start: '2020-01-01', end: ended, title: 'Adviseur', manager: '1000' }] }
            : p,
        ),
      ),
    );
    const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id } });
    assert.equal((await finishedRun(stack, run.id)).status, 'blocked');

    await openRunAs(page, 'operator', run.id);
    await page.getByTestId('blocked-run').waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Activate anyway…' }).count(),
      0,
      'offered to an operator',
    );

    await openRunAs(page, 'admin', run.id);
    await page.getByTestId('blocked-run').getByRole('button', { name: 'Activate anyway…' }).waitFor();
    assert.equal(await page.getByTestId('not-ready-to-activate').count(), 0, 'said twice');
    await activateAnywayThere(page, id, 'blocked-run', 'The four leavers are real; their accounts may go');
    assertNoConsoleErrors(w.errors);
  }));
