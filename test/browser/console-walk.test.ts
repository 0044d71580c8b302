/**
 * What a new administrator at an MSP ran into walking the console from a new connection to its audit
 * log: a red "Activate anyway" that looked pressable but did nothing (and dropped its typed reason on
 * Cancel without asking), a dialog's buttons squeezed into half its width, and Delete buttons for a
 * customer and a tenant that the service then refused, and a mapping problem that did not say which
 * of 18 mappings it was in.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import {
  createCustomer,
  createTenant,
  saveMappingStep,
  saveScopeStep,
  simulate,
} from '../../src/contracts/index.ts';
import { DEFAULT_SECTIONS } from '../../src/engine/index.ts';
import { until } from '../support/until.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow, signIn, textOf } from './support/console.ts';
import { configuredConnection, finishedRun } from './support/fixtures.ts';
import type { InPage, InPageElement, InPageNode } from './support/in-page.ts';
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
  // A simulation with a failed person: only an admin may activate, anyway, with a reason.
  const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id: connectionId } });
  await finishedRun(stack, run.id);
  w = await openPage(browser, stack.url);
  await signIn(w.page, stack.users.admin);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

const background = (button: Locator): Promise<string> =>
  button.evaluate(
    (e) =>
      (
        globalThis as unknown as { getComputedStyle(e: unknown): { readonly backgroundColor: string } }
      ).getComputedStyle(e).backgroundColor,
  );

/** How many lines the text of an element takes (one client rect per line of each text node). */
const linesOf = (element: Locator): Promise<number> =>
  element.evaluate((el) => {
    const { document } = globalThis as unknown as InPage;
    const tops = new Set<number>();
    const pending: InPageNode[] = Array.from((el as unknown as InPageElement).childNodes);
    while (pending.length > 0) {
      const node = pending.shift() as InPageNode;
      if (node.nodeType !== 3) {
        pending.unshift(...Array.from((node as unknown as InPageElement).childNodes));
        continue;
      }
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of Array.from(range.getClientRects())) if (r.width > 0) tops.add(Math.round(r.top));
    }
    return tops.size;
  });

test('a red confirm button that cannot be pressed yet looks disabled, as other disabled buttons do', () =>
  flow(w, 'walk-danger-disabled', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/#/connections/${connectionId}/steps/5`);
    const stepActivate = page.locator('[data-operation="activate-step5"]');
    await stepActivate.waitFor();
    assert.equal(await stepActivate.getAttribute('aria-disabled'), 'true');
    const disabledLook = await background(stepActivate);

    await page.locator('[data-operation="activate-anyway"]').click();
    const form = dialog(page, 'Activate anyway');
    const confirm = form.getByRole('button', { name: 'Activate anyway' });
    await confirm.waitFor();
    assert.equal(await confirm.isDisabled(), true, 'no reason yet');
    await screenshot(page, 'walk-activate-anyway-empty', { window: true });
    assert.equal(
      await background(confirm),
      disabledLook,
      'the disabled "Activate anyway" wore the danger red of a button that can be pressed',
    );
    await form.getByLabel(/Why activate/).fill('Anna’s surname is corrected in AFAS this week');
    assert.equal(await confirm.isDisabled(), false);
    // Fluent eases the colour in: wait for it, then it is not the disabled grey.
    await until('"Activate anyway" red again once it can be pressed', async () => {
      return (await background(confirm)) !== disabledLook;
    });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await dialog(page, 'Discard changes?').getByRole('button', { name: 'Discard changes' }).click();
    await form.waitFor({ state: 'detached' });
    assertNoConsoleErrors(w.errors);
  }));

test('a dialog’s buttons use its whole width: "Save and activate" stays on one line', () =>
  flow(w, 'walk-dialog-actions', async () => {
    const { page } = w;
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('about:blank'); // whatever an earlier test left open
      await page.goto(`/#/connections/${connectionId}/steps/5`);
      await page.getByRole('button', { name: 'Set schedule' }).click();
      const schedule = dialog(page, /^Set schedule for/);
      await schedule.getByTestId('schedule-preview').waitFor();
      const lines = await linesOf(schedule.getByRole('button', { name: 'Save and activate' }));
      await screenshot(page, `walk-schedule-dialog-${width}`, { window: true });
      assert.equal(lines, 1, `at ${width} px "Save and activate" took ${lines} lines`);
      await schedule.getByRole('button', { name: 'Cancel' }).click();
      await schedule.waitFor({ state: 'detached' });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('Customers and tenants offer Delete only where the service allows it, and say what is in the way', () =>
  flow(w, 'walk-customer-delete', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    const spare = await stack.api<{ id: string }>(createCustomer, { body: { name: 'Fabrikam' } });
    await stack.api(createTenant, {
      body: {
        customerId: spare.id,
        name: 'Fabrikam hybrid',
        type: 'hybrid',
        directoryId: 'fabrikam.local',
        verifiedDomains: ['fabrikam.nl'],
        subscriptionActive: true,
      },
    });
    await stack.api(createCustomer, { body: { name: 'Tailspin' } });
    await page.goto('about:blank');
    await page.goto('/#/customers');
    const customer = (name: string): Locator => page.locator(`section[data-customer="${name}"]`);
    const tenantCard = (name: string): Locator => page.locator(`[data-tenant="${name}"]`);
    await customer('Tailspin').waitFor();
    await tenantCard('Contoso')
      .getByText(/Used by/)
      .waitFor();
    await screenshot(page, 'walk-customers-delete');

    // A tenant that a connection uses: the service refuses its deletion, so the console does not offer it.
    const usedTenant = tenantCard('Contoso');
    assert.match(await textOf(usedTenant), /Used by 1 connection: Contoso HR/);
    const deleteUsed = usedTenant.getByRole('button', { name: 'Delete tenant' });
    assert.equal(
      await deleteUsed.getAttribute('aria-disabled'),
      'true',
      'Delete tenant was offered, and refused',
    );
    await deleteUsed.focus();
    await page
      .getByRole('tooltip')
      .filter({ hasText: /Contoso HR/ })
      .waitFor();
    assert.match(
      await textOf(page.getByRole('tooltip')),
      /delete its connection or choose another tenant in its step 2 first/i,
    );
    // So does a customer with a tenant.
    const deleteContoso = customer('Contoso BV').getByRole('button', { name: 'Delete', exact: true });
    assert.equal(
      await deleteContoso.getAttribute('aria-disabled'),
      'true',
      'Delete customer was offered, and refused',
    );
    await deleteContoso.focus();
    await page
      .getByRole('tooltip')
      .filter({ hasText: /tenant/ })
      .waitFor();
    assert.match(await textOf(page.getByRole('tooltip')), /Delete its tenant “Contoso” first/);

    // An unused tenant and a customer without tenants can still be deleted.
    const unused = tenantCard('Fabrikam hybrid');
    assert.doesNotMatch(await textOf(unused), /Used by/);
    assert.equal(
      await unused.getByRole('button', { name: 'Delete tenant' }).getAttribute('aria-disabled'),
      null,
    );
    await customer('Tailspin').getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = dialog(page, 'Delete customer');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await customer('Tailspin').waitFor({ state: 'detached' });
    assertNoConsoleErrors(w.errors);
  }));

test('a mapping that cannot be saved says which mapping and what it needs, at its field and beside Save', () =>
  flow(w, 'walk-mapping-problems', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('about:blank');
    await page.goto(`/#/connections/${connectionId}/steps/3`);
    await page.getByTestId('mapping-table').waitFor();
    const save = page.getByRole('button', { name: 'Save', exact: true });
    const blocker = page.getByTestId('step-blocker');
    const source = (target: string): Locator => page.getByLabel(`Source of ${target}`, { exact: true });
    const messageAt = (target: string): Locator =>
      page.locator(`[data-target="${target}"]`).locator('.fui-Field__validationMessage');

    // An emptied Direct source: the field says what it needs, Save names the mapping.
    await source('givenName').fill('');
    await messageAt('givenName').getByText('Enter the AFAS field to copy, such as Roepnaam').waitFor();
    assert.equal(await source('givenName').getAttribute('aria-invalid'), 'true');
    assert.equal(await save.getAttribute('aria-disabled'), 'true');
    assert.match(await textOf(blocker), /^The mapping of givenName needs attention: Enter the AFAS field/);
    await screenshot(page, 'walk-mapping-empty-source', { window: true });

    // A formula typed as a Direct source was saved, and every simulation then failed on it.
    await source('givenName').fill('ToLower([Roepnaam])');
    await messageAt('givenName')
      .getByText(/for a formula, choose type Expression/)
      .waitFor();
    assert.match(
      await textOf(blocker),
      /^The mapping of givenName needs attention: Direct copies one AFAS field/,
    );
    await page.getByLabel('Type of givenName', { exact: true }).selectOption('expression');
    await messageAt('givenName').waitFor({ state: 'detached' });
    assert.equal(await blocker.count(), 0, await textOf(blocker).catch(() => ''));

    // A broken expression: its field says what, Save says where.
    await source('givenName').fill('ToLower([Roepnaam]');
    await messageAt('givenName')
      .getByText(/expected '\)' at column/)
      .waitFor();
    assert.match(
      await textOf(blocker),
      /^The mapping of givenName needs attention: its expression has a mistake/,
    );

    // A target mapped twice is named.
    await page.getByLabel('Type of givenName', { exact: true }).selectOption('direct');
    await source('givenName').fill('Roepnaam');
    await page.locator('[data-target="givenName"]').getByLabel('Target attribute').fill('surname');
    await blocker.getByText('surname is mapped twice: map each target attribute once.').waitFor();

    await page.getByRole('button', { name: 'Discard changes' }).click();
    await blocker.waitFor({ state: 'detached' });
    assertNoConsoleErrors(w.errors);
  }));

test('step 1’s Test connection names the three GetConnectors in words, as the fields above it do', () =>
  flow(w, 'walk-source-test-words', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('about:blank');
    await page.goto(`/#/connections/${connectionId}/steps/1`);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('source-test-result');
    await result.getByText('AFAS connection works.').waitFor();
    const labels = await result.locator('strong').allTextContents();
    await screenshot(page, 'walk-source-test');
    assert.deepEqual(
      labels.filter((l) => l.startsWith('GetConnector')),
      ['GetConnector for employees', 'GetConnector for employments', 'GetConnector for organisational units'],
      'the service’s codes (users, organizationalUnits) were shown as they are',
    );
    assertNoConsoleErrors(w.errors);
  }));

test('a run that a mistake in the configuration stopped links to the step where it is corrected', () =>
  flow(w, 'walk-run-config-error', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    const { tenantId } = await stack.addCustomerWithTenant('Northwind', 'Northwind tenant');
    const id = await configuredConnection(stack, { name: 'Northwind HR', tenantId });
    // A misspelt Direct source: no AFAS row has it, so the simulation stops before planning.
    const mapping = structuredClone(DEFAULT_SECTIONS.mapping).map((rule) =>
      rule.target === 'jobTitle'
        ? { ...rule, type: 'direct' as const, source: 'Functie_omschrijvingX' }
        : rule,
    );
    await stack.api(saveMappingStep, {
      as: 'operator',
      params: { id },
      body: {
        mapping,
        matching: [...DEFAULT_SECTIONS.matching],
        uniqueness: structuredClone(DEFAULT_SECTIONS.uniqueness),
        writeBack: { email: false, upn: false },
      },
    });
    await stack.api(saveScopeStep, {
      as: 'operator',
      params: { id },
      body: {
        scope: structuredClone(DEFAULT_SECTIONS.scope),
        persons: structuredClone(DEFAULT_SECTIONS.persons),
        lifecycle: structuredClone(DEFAULT_SECTIONS.lifecycle),
        thresholds: structuredClone(DEFAULT_SECTIONS.thresholds),
        timeZone: 'Europe/Amsterdam',
      },
    });
    const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id } });
    const failed = await finishedRun(stack, run.id);
    assert.equal(failed.error?.code, 'HRS_CONFIG_INVALID', JSON.stringify(failed));

    await page.goto('about:blank');
    await page.goto(`/#/runs/${run.id}`);
    const problem = page.getByTestId('error-message');
    await problem.getByText(/Functie_omschrijvingX/).waitFor();
    // Named from the path the run kept (`/mapping/‹n›/source`), as the step's form counts its rules.
    const rule = DEFAULT_SECTIONS.mapping.findIndex((r) => r.target === 'jobTitle') + 1;
    const correct = problem.getByRole('link', {
      name: `Correct Mapping rule ${rule} › Source or expression in step 3, mapping and matching`,
    });
    await correct.waitFor();
    await screenshot(page, 'walk-run-config-error', { window: true });
    await correct.click();
    await page.waitForURL(new RegExp(`#/connections/${id}/steps/3$`));
    await page.getByTestId('mapping-table').waitFor();
    assert.equal(
      await page.getByLabel('Source of jobTitle', { exact: true }).inputValue(),
      'Functie_omschrijvingX',
    );
    assertNoConsoleErrors(w.errors);
  }));

test('step 1 says at the field what is wrong with a typed environment number or URL', () =>
  flow(w, 'walk-source-field-errors', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('about:blank');
    await page.goto(`/#/connections/${connectionId}/steps/1`);
    const url = page.locator('input[name="base-url"]');
    await url.fill('http//127.0.0.1/ProfitRestServices');
    await page.getByText('Start the address with https:// (http:// only for a test server)').waitFor();
    assert.equal(await url.getAttribute('aria-invalid'), 'true');
    await url.fill(stack.afas.baseUrl);
    assert.equal(await url.getAttribute('aria-invalid'), null);
    await page.getByLabel('AFAS Online environment number', { exact: true }).check();
    const number = page.locator('input[name="environment-number"]');
    await number.fill('1234a');
    await page.getByText('5 or 6 digits, such as 12345').waitFor();
    assert.equal(await number.getAttribute('aria-invalid'), 'true');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    assertNoConsoleErrors(w.errors);
  }));
