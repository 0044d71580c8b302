/**
 * A run that a mistake in the configuration stopped links to the step that holds the field it names,
 * from the configuration path the run kept (not from the message's words), and names that field. A run
 * recorded before paths were kept opens the connection's steps.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { saveMappingStep, saveScopeStep, simulate } from '../../src/contracts/index.ts';
import { DEFAULT_SECTIONS } from '../../src/engine/index.ts';
import { launchChromium, openPage, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, flow, signIn } from './support/console.ts';
import { configuredConnection, finishedRun } from './support/fixtures.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let tenantId: string;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  ({ tenantId } = await stack.addCustomerWithTenant('Northwind', 'Northwind tenant'));
  w = await openPage(browser, stack.url);
  await signIn(w.page, stack.users.operator);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

const mappingBody = (mapping: typeof DEFAULT_SECTIONS.mapping) => ({
  mapping: structuredClone(mapping),
  matching: [...DEFAULT_SECTIONS.matching],
  uniqueness: structuredClone(DEFAULT_SECTIONS.uniqueness),
  writeBack: { email: false, upn: false },
});

const scopeBody = (filters: typeof DEFAULT_SECTIONS.scope.filters = []) => ({
  scope: { ...structuredClone(DEFAULT_SECTIONS.scope), filters: structuredClone(filters) },
  persons: structuredClone(DEFAULT_SECTIONS.persons),
  lifecycle: structuredClone(DEFAULT_SECTIONS.lifecycle),
  thresholds: structuredClone(DEFAULT_SECTIONS.thresholds),
  timeZone: 'Europe/Amsterdam',
});

/** A connection whose saved steps 3 and 4 are these, simulated: the failed run's id. */
async function failedSimulation(
  name: string,
  mapping: typeof DEFAULT_SECTIONS.mapping,
  filters: typeof DEFAULT_SECTIONS.scope.filters = [],
): Promise<{ id: string; runId: string }> {
  const id = await configuredConnection(stack, { name, tenantId });
  await stack.api(saveMappingStep, { as: 'operator', params: { id }, body: mappingBody(mapping) });
  await stack.api(saveScopeStep, { as: 'operator', params: { id }, body: scopeBody(filters) });
  const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id } });
  const failed = await finishedRun(stack, run.id);
  assert.equal(failed.error?.code, 'HRS_CONFIG_INVALID', JSON.stringify(failed));
  return { id, runId: run.id };
}

test('a mapping expression that reads no AFAS field: the link names its rule and opens step 3', () =>
  flow(w, 'run-error-path-mapping', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    const at = DEFAULT_SECTIONS.mapping.findIndex((rule) => rule.target === 'businessPhones');
    const mapping = DEFAULT_SECTIONS.mapping.map((rule, i) =>
      i === at ? { ...rule, type: 'expression' as const, source: 'Split([Telefoonnr_werkX], ",")' } : rule,
    );
    const { id, runId } = await failedSimulation('Northwind mapping', mapping);
    await page.goto('about:blank');
    await page.goto(`/#/runs/${runId}`);
    const problem = page.getByTestId('error-message');
    await problem.getByText(/Telefoonnr_werkX/).waitFor();
    const links = problem.getByRole('link');
    const correct = problem.getByRole('link', {
      name: `Correct Mapping rule ${at + 1} › Source or expression in step 3, mapping and matching`,
    });
    await correct.waitFor();
    assert.equal(await links.count(), 1);
    await correct.click();
    await page.waitForURL(new RegExp(`#/connections/${id}/steps/3$`));
    await page.getByTestId('mapping-table').waitFor();
    assert.equal(
      await page.getByLabel('Source of businessPhones', { exact: true }).inputValue(),
      'Split([Telefoonnr_werkX], ",")',
    );
    assertNoConsoleErrors(w.errors);
  }));

test('a scoping filter on no AFAS field: the link names its clause and opens step 4', () =>
  flow(w, 'run-error-path-scope', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    const { id, runId } = await failedSimulation('Northwind scope', DEFAULT_SECTIONS.mapping, [
      { clauses: [{ attribute: 'Medewerker', operator: 'IS_NOT_NULL' }] },
      {
        clauses: [
          { attribute: 'Medewerker', operator: 'IS_NOT_NULL' },
          { attribute: 'AfdelingX', operator: 'EQUALS', value: 'ICT' },
        ],
      },
    ]);
    await page.goto('about:blank');
    await page.goto(`/#/runs/${runId}`);
    const problem = page.getByTestId('error-message');
    await problem.getByText(/AfdelingX/).waitFor();
    const correct = problem.getByRole('link', {
      name: 'Correct Scope › Filter 2 › clause 2 › attribute in step 4, scope and lifecycle',
    });
    await correct.waitFor();
    await correct.click();
    await page.waitForURL(new RegExp(`#/connections/${id}/steps/4$`));
    assert.equal(
      await page.getByLabel('Filter 2 clause 2 attribute', { exact: true }).inputValue(),
      'AfdelingX',
    );
    assertNoConsoleErrors(w.errors);
  }));

test('a run recorded before paths were kept opens the connection’s steps', () =>
  flow(w, 'run-error-path-older-run', async () => {
    const { page } = w;
    const mapping = DEFAULT_SECTIONS.mapping.map((rule) =>
      rule.target === 'jobTitle'
        ? { ...rule, type: 'direct' as const, source: 'Functie_omschrijvingX' }
        : rule,
    );
    const { id, runId } = await failedSimulation('Northwind older run', mapping);
    // As migration 0470 leaves the runs it finds.
    await stack.store.db.updateTable('runs').set({ error_paths: null }).where('id', '=', runId).execute();
    await page.goto('about:blank');
    await page.goto(`/#/runs/${runId}`);
    const problem = page.getByTestId('error-message');
    await problem.getByText(/Functie_omschrijvingX/).waitFor();
    const open = problem.getByRole('link', { name: 'Open the connection’s configuration' });
    await open.waitFor();
    assert.equal(await problem.getByRole('link').count(), 1);
    await open.click();
    await page.waitForURL(new RegExp(`#/connections/${id}$`));
    assertNoConsoleErrors(w.errors);
  }));
