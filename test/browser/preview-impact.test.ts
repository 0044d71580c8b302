/**
 * "Preview impact" in steps 3 and 4, step 3's "If too long" choice, and comparing two runs, in the
 * browser against the real service (its analysis thread), AFAS and Graph emulators:
 * - step 3 shows each attribute's default when a value is too long (a surname of 67 characters
 *   fails the person by default); the admin's unsaved edits (jobTitle a constant, surnames
 *   shortened) are previewed: who changes, before and after side by side, counts on top — and
 *   nothing is saved, no run recorded, the state unchanged; saving then stores the choice;
 * - step 4: a draft scoping filter shows the person leaving scope;
 * - a viewer is offered no preview (the service refuses it too);
 * - the run page compares a run with the earlier one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  getConfiguration,
  getConnection,
  listRuns,
  previewMappingStep,
  simulate,
} from '../../src/contracts/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, flow, signIn, textOf } from './support/console.ts';
import { configuredConnection, finishedRun } from './support/fixtures.ts';
import { people, type Stack, startStack } from './support/stack.ts';

const LONG_SURNAME = 'Vanderzwaluwenburg-Oppenheimer-Kronenberg-Schimmelpenninck-Lanschot'; // 67 > 64

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;

interface Runs {
  items: { id: string; status: string }[];
}
interface Configuration {
  mapping: { settings: { mapping: { target: string; type: string; onTooLong?: string }[] } };
}

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

const differenceRow = (employee: string) =>
  w.page.locator(`[data-testid="difference-row"][data-employee="${employee}"]`);

test('preview a step 3 draft, choose "if too long", preview step 4, compare runs', () =>
  flow(w, 'preview-impact', async () => {
    const { page } = w;
    const id = connectionId;
    const first = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id } });
    assert.equal((await finishedRun(stack, first.id)).status, 'succeeded');
    const stateBefore = (await stack.api<{ state: string }>(getConnection, { params: { id } })).state;

    await signIn(page, stack.users.operator);
    await page.goto(`/#/connections/${id}/steps/3`);
    const surnamePolicy = page.getByTestId('too-long-surname');
    await surnamePolicy.waitFor();
    // The limit is in the field's label, the default in the select (it was cut on a phone).
    assert.equal((await textOf(surnamePolicy.locator('option').first())).trim(), 'Default: fail');
    assert.equal(await surnamePolicy.getAttribute('aria-label'), 'If surname is longer than 64 characters');
    const jobTitlePolicy = page.getByTestId('too-long-jobTitle');
    assert.equal((await textOf(jobTitlePolicy.locator('option').first())).trim(), 'Default: shorten');
    assert.equal(
      await jobTitlePolicy.getAttribute('aria-label'),
      'If jobTitle is longer than 128 characters',
    );

    // Unsaved edits: job titles become one constant, too-long surnames are shortened.
    await page.getByLabel('Type of jobTitle').selectOption('constant');
    await page.getByLabel('Source of jobTitle').fill('Teamlid');
    await surnamePolicy.selectOption('shorten');
    await page.getByRole('button', { name: 'Preview impact' }).click();
    const result = page.getByTestId('preview-result');
    // Two simulations in the analysis thread (started on this first preview): a generous bound.
    await result.waitFor({ timeout: 120_000 });
    assert.match(await textOf(page.getByTestId('preview-differences-count')), /5 persons of 5 differ/);
    const jan = differenceRow('1001');
    assert.match(
      await textOf(jan.locator('[data-side="before"] [data-attribute="jobTitle"]')),
      /jobTitle: Adviseur/,
    );
    assert.match(
      await textOf(jan.locator('[data-side="after"] [data-attribute="jobTitle"]')),
      /jobTitle: Teamlid/,
    );
    // Anna fails with the saved configuration and is created, shortened, with the draft.
    const anna = differenceRow('1900');
    assert.match(await textOf(anna.locator('[data-side="before"]')), /Failed/);
    // Why, in words: the admin center's label with the property beside it, never the engine's text.
    assert.match(
      await textOf(anna.locator('[data-side="before"]')),
      /Last name · surname “[^”]*” has \d+ characters, at most 64 are allowed/,
    );
    assert.doesNotMatch(await textOf(anna.locator('[data-side="before"]')), /surname is \d+ characters/);
    assert.match(await textOf(anna.locator('[data-side="after"]')), /Warning/);
    await page.getByRole('button', { name: /Outcome changes \(1\)/ }).click();
    await differenceRow('1001').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('difference-row').count(), 1);
    await screenshot(page, '60-preview-impact-step3');

    // Nothing was saved or recorded; the state is as it was.
    const config = await stack.api<Configuration>(getConfiguration, { params: { id } });
    const jobTitle = config.mapping.settings.mapping.find((r) => r.target === 'jobTitle');
    assert.equal(jobTitle?.type, 'direct');
    assert.equal(config.mapping.settings.mapping.find((r) => r.target === 'surname')?.onTooLong, undefined);
    assert.equal((await stack.api<Runs>(listRuns, { params: { id } })).items.length, 1);
    assert.equal((await stack.api<{ state: string }>(getConnection, { params: { id } })).state, stateBefore);

    // Editing again says the preview is stale; saving stores the "if too long" choice.
    await page.getByLabel('Source of jobTitle').fill('Teamlid 2');
    await result.getByText(/settings changed since this preview/).waitFor();
    await page.getByLabel('Source of jobTitle').fill('Teamlid');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const confirm = page.getByRole('dialog').getByRole('button', { name: 'Save' });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await page.getByTestId('step-saved').waitFor();
    const saved = await stack.api<Configuration>(getConfiguration, { params: { id } });
    assert.equal(saved.mapping.settings.mapping.find((r) => r.target === 'surname')?.onTooLong, 'shorten');

    // Step 4: a draft filter that leaves employee 1003 out of scope.
    await page.goto(`/#/connections/${id}/steps/4`);
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByLabel('Filter 1 clause 1 attribute').fill('Medewerker');
    await page.getByLabel('Filter 1 clause 1 operator').selectOption('NOT_EQUALS');
    await page.getByLabel('Filter 1 clause 1 value').fill('1003');
    await page.getByRole('button', { name: 'Preview impact' }).click();
    await page.getByTestId('preview-result').waitFor({ timeout: 120_000 });
    assert.match(await textOf(page.getByTestId('preview-differences-count')), /1 person of 5 differ/);
    const left = differenceRow('1003');
    assert.match(await textOf(left.locator('[data-side="before"]')), /Create/);
    assert.match(await textOf(left.locator('[data-side="after"]')), /Out of scope/);
    await screenshot(page, '61-preview-impact-step4');
    // Confirm step 4 without the filter (as loaded), then simulate the new configuration.
    await page.getByRole('button', { name: 'Remove clause 1 of filter 1' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('step-saved').waitFor();
    const second = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id } });
    assert.equal((await finishedRun(stack, second.id)).status, 'succeeded');

    // The run page: what changed since the first simulation.
    await page.goto(`/#/runs/${second.id}`);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('run-differences').waitFor({ timeout: 60_000 });
    assert.match(await textOf(page.getByTestId('run-differences-count')), /5 persons of 5 differ/);
    assert.match(
      await textOf(differenceRow('1002').locator('[data-side="after"] [data-attribute="jobTitle"]')),
      /Teamlid/,
    );
    await screenshot(page, '62-compare-runs');

    // A viewer is offered no preview; the service refuses one as well.
    await page.context().clearCookies();
    await signIn(page, stack.users.viewer);
    await page.goto(`/#/connections/${id}/steps/3`);
    await page.getByTestId('too-long-surname').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Preview impact' }).count(), 0);
    await assert.rejects(
      stack.api(previewMappingStep, {
        as: 'viewer',
        params: { id },
        body: { mapping: [], matching: ['employeeId'], uniqueness: { candidates: ['x'], maxSuffix: 9 } },
      }),
    );
    assertNoConsoleErrors(w.errors);
  }));
