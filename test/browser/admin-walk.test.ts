/**
 * An IT administrator walking the console at a laptop's 1280 px and a phone's 390 px: the connection's
 * command bar began its second line with a separator, step 3 cut "employeeLeaveDateTime" to
 * "employeeLeaveDateTir", step 4's number fields were three different widths, and a clean simulation's
 * results ended the five-step flow without a way on to activation.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { saveMappingStep, saveScopeStep, simulate } from '../../src/contracts/index.ts';
import { DEFAULT_SECTIONS } from '../../src/engine/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, expectState, flow, signIn, textOf } from './support/console.ts';
import { configuredConnection, finishedRun } from './support/fixtures.ts';
import type { InPageElement } from './support/in-page.ts';
import { people, type Stack, startStack } from './support/stack.ts';

const WIDTHS = [1280, 390] as const;

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;
let simulationId: string;

before(async () => {
  [stack, browser] = await Promise.all([startStack({ persons: people(4) }), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
  connectionId = await configuredConnection(stack, { name: 'Contoso HR', tenantId });
  const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id: connectionId } });
  simulationId = run.id;
  const finished = await finishedRun(stack, run.id);
  assert.equal(finished.status, 'succeeded', JSON.stringify(finished));
  w = await openPage(browser, stack.url);
  await signIn(w.page, stack.users.admin);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

/** The visible items of a bar with their boxes, in order; a line of a wrapped bar is items whose boxes overlap. */
const boxesOf = (bar: Locator) =>
  bar.locator(':scope > *').evaluateAll((items) =>
    (
      items as unknown as {
        getAttribute(name: string): string | null;
        getBoundingClientRect(): { readonly top: number; readonly bottom: number; readonly width: number };
      }[]
    )
      .map((item) => ({
        separator: item.getAttribute('role') === 'separator',
        box: item.getBoundingClientRect(),
        shown:
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { readonly visibility: string } }
          ).getComputedStyle(item).visibility !== 'hidden',
      }))
      .filter(({ box, shown }) => box.width > 0 && shown)
      .map(({ separator, box }) => ({ separator, top: Math.round(box.top), bottom: Math.round(box.bottom) })),
  );

test('the connection’s command bar never starts or ends a line with a separator', () =>
  flow(w, 'admin-walk-command-bar', async () => {
    const { page } = w;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('about:blank');
      await page.goto(`/#/connections/${connectionId}`);
      const bar = page.getByRole('toolbar', { name: 'Connection commands' });
      await bar.getByRole('button', { name: 'Edit name' }).waitFor();
      await screenshot(page, `admin-walk-command-bar-${width}`, { window: true });
      const boxes = await boxesOf(bar);
      const sameLine = (a: (typeof boxes)[number] | undefined, b: (typeof boxes)[number]) =>
        a !== undefined && a.top < b.bottom && b.top < a.bottom;
      boxes.forEach((item, i) => {
        if (!item.separator) return;
        assert.ok(
          sameLine(boxes[i - 1], item) && sameLine(boxes[i + 1], item),
          `at ${width} px a separator stands alone at the start or end of a line: ${JSON.stringify(boxes)}`,
        );
      });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('step 3 shows every target attribute’s name whole at 1280 and 390 px, and the AFAS fields at 1280 px', () =>
  flow(w, 'admin-walk-mapping-names', async () => {
    const { page } = w;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('about:blank');
      await page.goto(`/#/connections/${connectionId}/steps/3`);
      const targets = page.getByTestId('mapping-table').getByLabel('Target attribute', { exact: true });
      await targets.first().waitFor();
      const cut = await targets.evaluateAll((inputs) =>
        (inputs as unknown as (InPageElement & { readonly value: string })[])
          .filter((input) => input.scrollWidth > input.clientWidth)
          .map((input) => `${input.value} (${input.scrollWidth} px in ${input.clientWidth})`),
      );
      const leave = page.locator('[data-target="employeeLeaveDateTime"]');
      await leave.scrollIntoViewIfNeeded();
      await screenshot(page, `admin-walk-mapping-names-${width}`, { window: true });
      assert.deepEqual(cut, [], `at ${width} px step 3 cuts these target attributes`);
      // Nor at the cost of the AFAS fields copied as they are (an expression has its editor to read it in).
      const sources = await page
        .locator('[data-testid="mapping-table"] tr[data-target]')
        .evaluateAll((rows) =>
          (rows as unknown as InPageElement[]).flatMap((row) => {
            const type = row.querySelectorAll('select')[0] as unknown as
              | { readonly value: string }
              | undefined;
            const input = row.querySelectorAll('input[aria-label^="Source of "]')[0] as
              | (InPageElement & { readonly value: string })
              | undefined;
            return type?.value === 'direct' && input && input.scrollWidth > input.clientWidth
              ? [`${input.value} (${input.scrollWidth} px in ${input.clientWidth})`]
              : [];
          }),
        );
      // On a phone a 37-character field name (303 px) cannot fit the card's 263 px: the field scrolls there.
      if (width === 1280) assert.deepEqual(sources, [], `at ${width} px step 3 cuts these AFAS fields`);
    }
    assertNoConsoleErrors(w.errors);
  }));

test('step 4’s number fields are one width, and its two account choices another', () =>
  flow(w, 'admin-walk-scope-fields', async () => {
    const { page } = w;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('about:blank');
      await page.goto(`/#/connections/${connectionId}/steps/4`);
      await page.getByTestId('filter-builder').waitFor();
      await screenshot(page, `admin-walk-scope-fields-${width}`);
      const numbers = await page
        .locator('input[type="number"]')
        .evaluateAll((inputs) =>
          (inputs as unknown as (InPageElement & { readonly name: string })[]).map(
            (input) => `${input.name} ${Math.round(input.getBoundingClientRect().width)}`,
          ),
        );
      assert.equal(numbers.length, 6, numbers.join(', '));
      const widths = new Set(numbers.map((n) => n.split(' ')[1]));
      assert.equal(widths.size, 1, `at ${width} px the number fields are ${numbers.join(', ')} px wide`);
      const selects = await page
        .locator('select[name="out-of-scope"], select[name="missing-from-source"]')
        .evaluateAll((all) =>
          (all as unknown as InPageElement[]).map((s) => Math.round(s.getBoundingClientRect().width)),
        );
      assert.equal(selects.length, 2);
      assert.equal(selects[0], selects[1], `at ${width} px the two account choices are ${selects} px wide`);
    }
    assertNoConsoleErrors(w.errors);
  }));

test('Sign in with Microsoft shows a group’s whole object id at 1280 px, and its kind whole at 1280 and 390 px', () =>
  flow(w, 'admin-walk-group-id', async () => {
    const { page } = w;
    const form = page.getByRole('form', { name: 'Sign in with Microsoft settings' });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('about:blank');
      await page.goto('/#/organisation');
      await form.getByRole('button', { name: 'Add a mapping' }).click();
      const id = form.getByLabel('Mapping 1: group object id');
      await id.fill('2b8e4d1a-6c3f-4b7e-9a2d-5e1f0c7a8b9d');
      await id.scrollIntoViewIfNeeded();
      await screenshot(page, `admin-walk-group-id-${width}`, { window: true });
      const fits = async (field: Locator) =>
        field.evaluate((element) => {
          const el = element as unknown as InPageElement & {
            cloneNode(deep: boolean): { style: { width: string; minWidth: string }; offsetWidth: number };
            readonly offsetWidth: number;
            readonly parentElement: { appendChild(c: unknown): void; removeChild(c: unknown): void };
          };
          const natural = el.cloneNode(true);
          natural.style.width = 'max-content';
          natural.style.minWidth = 'max-content';
          el.parentElement.appendChild(natural);
          const needed = natural.offsetWidth;
          el.parentElement.removeChild(natural);
          return {
            shown: el.offsetWidth,
            needed,
            scrolls: el.scrollWidth > el.clientWidth,
            text: el.scrollWidth,
          };
        });
      // On a phone the 36 characters (316 px) cannot fit beside nothing in 280 px: the field scrolls there.
      const idFit = await fits(id);
      if (width === 1280)
        assert.equal(idFit.scrolls, false, `at ${width} px the object id is cut: ${JSON.stringify(idFit)}`);
      const kind = await fits(form.getByLabel('Mapping 1: kind'));
      assert.ok(kind.shown >= kind.needed, `at ${width} px the kind is cut: ${JSON.stringify(kind)}`);
      await form.getByRole('button', { name: 'Remove mapping 1' }).click();
    }
    assertNoConsoleErrors(w.errors);
  }));

test('on a phone the audit log’s filters are one width, not five', () =>
  flow(w, 'admin-walk-audit-filters', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto('about:blank');
    await page.goto('/#/audit');
    await page.getByTestId('audit-table').waitFor();
    await screenshot(page, 'admin-walk-audit-filters-390', { window: true });
    const widths = await page
      .getByRole('form', { name: 'Filter the audit log' })
      .locator('[name="time-range"], [name="action"], [name="actor"], [name="person"], [name="outcome"]')
      .evaluateAll((fields) =>
        (fields as unknown as (InPageElement & { readonly name: string })[]).map((field) => {
          // A select is its own box; a text field's box is Fluent's frame around it.
          const box = field.tagName === 'SELECT' ? field : (field.parentElement as InPageElement);
          return `${field.name} ${Math.round(box.getBoundingClientRect().width)}`;
        }),
      );
    assert.equal(widths.length, 5, widths.join(', '));
    assert.equal(
      new Set(widths.map((w) => w.split(' ')[1])).size,
      1,
      `the filters are ${widths.join(', ')} px wide`,
    );
    assertNoConsoleErrors(w.errors);
  }));

test('a simulation with failed persons says why it is not ready, and offers an admin “activate anyway”', () =>
  flow(w, 'admin-walk-not-ready', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    const { tenantId } = await stack.addCustomerWithTenant('Fabrikam BV', 'Fabrikam');
    const id = await configuredConnection(stack, { name: 'Fabrikam HR', tenantId });
    // A usage location of three letters: Microsoft 365 takes two, so every person fails.
    const mapping = structuredClone(DEFAULT_SECTIONS.mapping).map((rule) =>
      rule.target === 'usageLocation' ? { ...rule, source: 'NLD' } : rule,
    );
    const sections = {
      mapping: {
        mapping,
        matching: [...DEFAULT_SECTIONS.matching],
        uniqueness: structuredClone(DEFAULT_SECTIONS.uniqueness),
        writeBack: { email: false, upn: false },
      },
      scope: {
        scope: structuredClone(DEFAULT_SECTIONS.scope),
        persons: structuredClone(DEFAULT_SECTIONS.persons),
        lifecycle: structuredClone(DEFAULT_SECTIONS.lifecycle),
        thresholds: structuredClone(DEFAULT_SECTIONS.thresholds),
        timeZone: 'Europe/Amsterdam',
      },
    };
    await stack.api(saveMappingStep, { as: 'operator', params: { id }, body: sections.mapping });
    await stack.api(saveScopeStep, { as: 'operator', params: { id }, body: sections.scope });
    const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id } });
    await finishedRun(stack, run.id);

    await page.goto('about:blank');
    await page.goto(`/#/runs/${run.id}`);
    const notReady = page.getByTestId('not-ready-to-activate');
    await notReady.getByText(/The latest simulation has 4 failed persons/).waitFor();
    await screenshot(page, 'admin-walk-not-ready', { window: true });
    assert.equal(await page.getByTestId('ready-to-activate').count(), 0, 'Activate offered, and refused');
    // Offered right here (test/browser/activate-anyway-from-run.test.ts activates with it), and in step 5.
    await notReady.getByRole('button', { name: 'Activate anyway…' }).waitFor();
    await page.goto(`/#/connections/${id}/steps/5`);
    await page.locator('[data-operation="activate-anyway"]').waitFor();
    // Step 5's summary of the simulation says the failures the gate names, not only the actions.
    await page.getByTestId('last-simulation').getByText('4 failed', { exact: true }).waitFor();
    assertNoConsoleErrors(w.errors);
  }));

test('a clean simulation’s results offer activation, the service’s gate deciding, and it activates', () =>
  flow(w, 'admin-walk-activate-from-run', async () => {
    // A viewer may not activate (the endpoint's role): nothing is offered.
    const viewer = await openPage(browser, stack.url);
    try {
      await signIn(viewer.page, stack.users.viewer);
      await viewer.page.goto(`/#/runs/${simulationId}`);
      await viewer.page.getByRole('heading', { name: /^Simulation — Contoso HR/, level: 1 }).waitFor();
      assert.equal(await viewer.page.getByTestId('ready-to-activate').count(), 0, 'offered to a viewer');
    } finally {
      await viewer.close();
    }

    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('about:blank');
    await page.goto(`/#/runs/${simulationId}`);
    const ready = page.getByTestId('ready-to-activate');
    await ready.waitFor();
    await screenshot(page, 'admin-walk-ready-to-activate', { window: true });
    await ready.getByRole('button', { name: 'Activate', exact: true }).click();
    const confirm = dialog(page, 'Activate connection');
    await confirm.getByRole('button', { name: 'Activate', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    // On to what is left of step 5: the schedule.
    await page.waitForURL(new RegExp(`#/connections/${connectionId}/steps/5$`));
    await expectState(page, 'active');
    await page.getByRole('button', { name: 'Set schedule' }).waitFor();
    // Active already: the schedule dialog has only Save, so step 5 does not speak of "Save and activate".
    const steps = await textOf(page.locator('main'));
    assert.doesNotMatch(steps, /Save and activate/, 'step 5 names a button an active connection lacks');

    // Active now: the same run no longer offers it, as the service would refuse it.
    await page.goto(`/#/runs/${simulationId}`);
    await page.getByRole('heading', { name: /^Simulation — Contoso HR/, level: 1 }).waitFor();
    assert.equal(await ready.count(), 0, 'activation was offered for an active connection');
    assertNoConsoleErrors(w.errors);
  }));
