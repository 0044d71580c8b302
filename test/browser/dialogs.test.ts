/**
 * Dialogs of the administration pages (issue 12 leftovers): a dialog with changes asks "Discard
 * changes?" before it closes — by Escape, by Cancel and by a click outside — and one without changes
 * closes at once; a secret shown once (an API token, an agent's key) is one component, shown the same
 * way with a copy button; who created a token or an agent is shown by name, the e-mail beside it.
 * At a phone's width, with axe checks on each dialog and the question.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { createCustomer, createTenant } from '../../src/contracts/index.ts';
import { accessibilityProblems } from './support/axe.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow, signIn, textOf } from './support/console.ts';
import type { InPage } from './support/in-page.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const customer = await stack.api<{ id: string }>(createCustomer, { body: { name: 'Gemeente Noord' } });
  await stack.api(createTenant, {
    body: {
      customerId: customer.id,
      name: 'Noord hybrid',
      type: 'hybrid',
      directoryId: 'noord.local',
      verifiedDomains: ['noord.nl'],
      subscriptionActive: true,
    },
  });
  w = await openPage(browser, stack.url);
  await signIn(w.page, stack.users.admin);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

const settled = (page: Page): Promise<unknown> =>
  page.evaluate(() =>
    Promise.all((globalThis as unknown as InPage).document.getAnimations().map((a) => a.finished)),
  );

const question = (page: Page): Locator => dialog(page, 'Discard changes?');

test('a changed dialog asks before Escape, Cancel or a click outside closes it; an unchanged one just closes', () =>
  flow(w, 'dialogs-discard', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 390, height: 844 });
    const problems: string[] = [];
    await page.goto('/#/tokens');
    const open = async (): Promise<Locator> => {
      await page.getByRole('button', { name: 'Create token' }).click();
      const d = dialog(page, 'Create an API token');
      await d.waitFor();
      return d;
    };

    // Unchanged: Escape closes at once.
    let create = await open();
    await page.keyboard.press('Escape');
    await create.waitFor({ state: 'detached' });
    assert.equal(await question(page).count(), 0, 'nothing to discard, nothing asked');

    // Changed: Escape asks; keeping goes back to the dialog with what was typed.
    create = await open();
    await create.getByLabel('Name').fill('nightly report script');
    await page.keyboard.press('Escape');
    await question(page).waitFor();
    await settled(page);
    problems.push(...(await accessibilityProblems(page, 'the discard question at 390 px')));
    await screenshot(page, '90-dialog-discard-question-390');
    await question(page).getByRole('button', { name: 'Keep editing' }).click();
    await question(page).waitFor({ state: 'detached' });
    assert.equal(await create.getByLabel('Name').inputValue(), 'nightly report script');

    // Cancel asks too.
    await create.getByRole('button', { name: 'Cancel' }).click();
    await question(page).waitFor();
    await question(page).getByRole('button', { name: 'Keep editing' }).click();
    await question(page).waitFor({ state: 'detached' });

    // A click outside the dialog asks too; discarding closes it.
    await page.mouse.click(5, 830);
    await question(page).waitFor();
    await question(page).getByRole('button', { name: 'Discard changes' }).click();
    await create.waitFor({ state: 'detached' });

    // Typing back what it opened with is no change.
    create = await open();
    await create.getByLabel('Name').fill('x');
    await create.getByLabel('Name').fill('');
    await page.keyboard.press('Escape');
    await create.waitFor({ state: 'detached' });

    // Another page's dialog, the same way.
    await page.goto('/#/customers');
    await page.getByRole('button', { name: 'Add customer' }).click();
    const customer = dialog(page, 'Add a customer');
    await customer.getByLabel('Name').fill('Fabrikam');
    await page.keyboard.press('Escape');
    await question(page).getByRole('button', { name: 'Discard changes' }).click();
    await customer.waitFor({ state: 'detached' });
    assert.equal(await page.locator('section[data-customer="Fabrikam"]').count(), 0, 'nothing was saved');

    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

test('a secret shown once looks and copies the same for a token and an agent key; creators are shown by name', () =>
  flow(w, 'dialogs-one-time-secret', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const problems: string[] = [];
    const copied = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      );

    await page.goto('/#/tokens');
    await page.getByRole('button', { name: 'Create token' }).click();
    const create = dialog(page, 'Create an API token');
    await create.getByLabel('Name').fill('nightly report script');
    await create.getByRole('button', { name: 'Create token' }).click();
    const shown = dialog(page, 'Token created');
    const token = shown.locator('[data-one-time-secret]');
    const value = await textOf(token);
    assert.match(value, /^hrs_/);
    await shown.getByRole('button', { name: 'Copy token' }).click();
    await shown.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await copied(), value);
    await settled(page);
    problems.push(...(await accessibilityProblems(page, 'the created token at 390 px')));
    await screenshot(page, '91-one-time-token-390');
    // Showing the secret is not a change to lose: Done closes without asking.
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    const row = page.locator('[data-token="nightly report script"]');
    const created = await textOf(row.locator('[data-label="Created"]'));
    assert.match(created, /by Anna Admin/, created);
    assert.match(created, /admin@northwind\.test/, 'the e-mail address stays beside the name');
    assert.equal(await textOf(row.locator('[data-created-by]')), 'Anna Admin');

    await page.goto('/#/customers');
    const panel = page.getByTestId('agents-panel');
    await panel.getByRole('button', { name: 'Register an agent' }).click();
    const register = dialog(page, 'Register a directory agent for Noord hybrid');
    await register.getByLabel('Name').fill('dc-agent-1');
    await register.getByRole('button', { name: 'Register' }).click();
    const registered = dialog(page, 'Agent “dc-agent-1” registered');
    const key = await textOf(registered.locator('[data-one-time-secret]'));
    assert.match(key, /^hra_/);
    await registered.getByRole('button', { name: 'Copy key' }).click();
    await registered.getByRole('button', { name: 'Copied' }).first().waitFor();
    assert.equal(await copied(), key);
    await settled(page);
    problems.push(...(await accessibilityProblems(page, 'the agent key at 390 px')));
    await registered.getByRole('button', { name: 'Done' }).click();
    await registered.waitFor({ state: 'detached' });
    const agent = panel.locator('[data-agent="dc-agent-1"]');
    assert.equal(await textOf(agent.locator('[data-created-by]')), 'Anna Admin');

    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));
