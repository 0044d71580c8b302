/**
 * The console offers no more list entries than the service takes (LIST_LIMITS, one table for both):
 * step 3's Add candidate is disabled with the reason once the unique-name candidates reach the limit,
 * and what the console then saves — the limit itself — the service accepts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { getConfiguration, saveMappingStep } from '../../src/contracts/index.ts';
import { LIST_LIMITS } from '../../src/core/config/schema.ts';
import { DEFAULT_SECTIONS } from '../../src/engine/index.ts';
import { launchChromium, openPage, type WatchedPage } from './support/chromium.ts';
import { flow, signIn } from './support/console.ts';
import { configuredConnection } from './support/fixtures.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
  connectionId = await configuredConnection(stack, { name: 'Contoso HR', tenantId });
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

test('step 3 offers candidates up to the limit the service takes, and says why no more', () =>
  flow(w, 'list-limits', async () => {
    const { page } = w;
    const id = connectionId;
    const candidates = Array.from(
      { length: LIST_LIMITS.candidates - 1 },
      (_, i) => `Join(".", [Roepnaam], "${i}")`,
    );
    await stack.api(saveMappingStep, {
      as: 'operator',
      params: { id },
      body: {
        mapping: structuredClone(DEFAULT_SECTIONS.mapping),
        matching: [...DEFAULT_SECTIONS.matching],
        uniqueness: { candidates, maxSuffix: 99 },
        writeBack: { email: false, upn: false },
      },
    });
    await signIn(page, stack.users.operator);
    await page.goto(`/#/connections/${id}/steps/3`);
    const add = page.getByRole('button', { name: 'Add candidate' });
    await add.waitFor();
    assert.equal(await add.isEnabled(), true, 'one candidate short of the limit: Add candidate is offered');
    await add.click();
    assert.equal(await add.isDisabled(), true, 'at the limit: Add candidate is disabled');
    assert.equal(
      await add.getAttribute('title'),
      `At most ${LIST_LIMITS.candidates} candidates: after them hrsync numbers the first one itself`,
    );
    const last = page.getByLabel(`Candidate ${LIST_LIMITS.candidates}`, { exact: true });
    await last.fill('Join(".", [Roepnaam], "last")');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const confirm = page.getByRole('dialog').getByRole('button', { name: 'Save' });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await page.getByTestId('step-saved').waitFor();
    const saved = await stack.api<{ mapping: { settings: { uniqueness: { candidates: string[] } } } }>(
      getConfiguration,
      { params: { id } },
    );
    assert.equal(saved.mapping.settings.uniqueness.candidates.length, LIST_LIMITS.candidates);
  }));
