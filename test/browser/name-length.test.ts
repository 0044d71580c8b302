/**
 * A pasted name longer than the service allows: the Name field stops at 200 characters, and says
 * that the rest was cut off rather than keeping it quiet.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow, signIn, textOf } from './support/console.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  w = await openPage(browser, stack.url);
  await signIn(w.page, stack.users.admin);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

test('a 300-character name is cut to 200 and the field says so', () =>
  flow(w, 'name-length', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('menuitem', { name: 'Create new connection' }).click();
    const create = dialog(page, 'Create new connection');
    const name = create.getByLabel('Name');
    await name.fill('Contoso HR');
    assert.doesNotMatch(await textOf(create), /at most 200 characters/);
    await name.fill('Y'.repeat(300));
    assert.equal((await name.inputValue()).length, 200);
    assert.match(await textOf(create), /Names have at most 200 characters; anything longer was cut off\./);
    assertNoConsoleErrors(w.errors);
  }));
