/**
 * The console on a phone: at 390 px (a common phone) and 320 px (the narrowest still in use) every
 * page fits the window without a sideways scroll, and a dialog keeps a margin from both edges of the
 * window with all its controls inside it (Fluent let a dialog take the whole width below 480 px: at
 * 390 px it touched the left edge and slid under the scrollbar, 375 px wide); a run's "Compare with"
 * names the chosen run in full; step 3's delete buttons say which mapping rule they delete; and no
 * select, dropdown or combobox on those pages cuts the value it shows at 390 px (step 3's "If too
 * long" read "Default: fail (ma").
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { listRuns, NAME_MAX_LENGTH, simulate } from '../../src/contracts/index.ts';
import { DEFAULT_SECTIONS } from '../../src/engine/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow, signIn } from './support/console.ts';
import { activeConnection, configuredConnection, finishedRun } from './support/fixtures.ts';
import type { InPage, InPageElement, InPageNode } from './support/in-page.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;
let syncId: string;
let longNamed: string;

/** A name as long as the service takes (customers and tenants alike), in words that wrap. */
const longest = (start: string): string => {
  const name = `${start} ${'Zorg, Onderwijs en Wonen in de regio '.repeat(8)}`.slice(0, NAME_MAX_LENGTH - 1);
  return `${name.trimEnd()}${'.'.repeat(NAME_MAX_LENGTH - name.trimEnd().length)}`;
};
const LONG_CUSTOMER = longest('Stichting Contoso Holding');
const LONG_TENANT = longest('Contoso (Microsoft 365)');

const CONNECTION = 'Contoso Nederland HR (AFAS Profit) to Microsoft 365 production tenant';
const PHONES = [390, 320] as const;
/** The least space a dialog leaves between itself and each edge of the window. */
const MARGIN = 8;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso (contoso.nl)');
  connectionId = await configuredConnection(stack, { name: CONNECTION, tenantId });
  // A simulation and a sync: the sync's page has a run to compare with.
  await activeConnection(stack, connectionId);
  const runs = await stack.api<{ items: { id: string; kind: string }[] }>(listRuns, {
    params: { id: connectionId },
  });
  syncId = runs.items.find((r) => r.kind === 'sync')?.id ?? '';
  assert.ok(syncId, 'the connection has a sync');
  // A second simulation after the sync: the sync's page offers two runs to compare with.
  const again = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id: connectionId } });
  assert.equal((await finishedRun(stack, again.id)).status, 'succeeded');
  // A customer and tenant named as long as the service allows, in step 2 of a connection of their own.
  const long = await stack.addCustomerWithTenant(LONG_CUSTOMER, LONG_TENANT);
  longNamed = await configuredConnection(stack, { name: 'Long names', tenantId: long.tenantId });
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

/** How far the page is wider than its window, naming the element that sticks out furthest. */
const sideways = (page: Page): Promise<{ scrollWidth: number; clientWidth: number; widest: string }> =>
  page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const root = document.documentElement;
    let widest = '';
    let right = root.clientWidth;
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= right + 0.5) continue;
      right = r.right;
      widest = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').slice(0, 40)}" right=${Math.round(r.right)}`;
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });

/**
 * Where the open dialog does not fit: its box closer than MARGIN to an edge of the window, or a
 * control of it (a field, a select, a button) reaching past the box's padding.
 */
const dialogFit = (page: Page, margin: number): Promise<string[]> =>
  page.evaluate((margin) => {
    const { document, getComputedStyle } = globalThis as unknown as Omit<InPage, 'getComputedStyle'> & {
      getComputedStyle(el: unknown): { readonly paddingLeft: string; readonly paddingRight: string };
    };
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const surfaces = Array.from(document.querySelectorAll('.fui-DialogSurface'));
    if (surfaces.length === 0) found.push('no dialog is open');
    for (const surface of surfaces) {
      const box = surface.getBoundingClientRect();
      if (box.left < margin - 0.5 || box.right > width - margin + 0.5)
        found.push(
          `the dialog spans ${Math.round(box.left)}–${Math.round(box.right)} in a ${width} px window (wants ${margin} px either side)`,
        );
      const style = getComputedStyle(surface);
      const inner = {
        left: box.left + Number.parseFloat(style.paddingLeft),
        right: box.right - Number.parseFloat(style.paddingRight),
      };
      for (const control of Array.from(surface.querySelectorAll('input, select, textarea, button'))) {
        const r = control.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < inner.left - 1 || r.right > inner.right + 1)
          found.push(
            `${control.getAttribute('aria-label') ?? control.getAttribute('name') ?? control.tagName.toLowerCase()} "${(control.textContent ?? '').slice(0, 30)}" spans ${Math.round(r.left)}–${Math.round(r.right)}, outside the dialog's ${Math.round(inner.left)}–${Math.round(inner.right)}`,
          );
      }
    }
    return found;
  }, margin);

/**
 * The selects, dropdowns and comboboxes whose chosen value is cut in the control: a Fluent dropdown's
 * button or a combobox's input scrolls (scrollWidth > clientWidth); a native select never scrolls, so
 * its chosen option's text is laid out in the select's font (a canvas measures it) against the box
 * inside its padding (the arrow sits in the right padding). A select whose value is written out whole
 * under it (`data-written-out`, ui/WrittenOut.tsx) counts as readable when that line shows all of it
 * uncut inside the window.
 */
const cutValues = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    interface El {
      readonly tagName: string;
      readonly textContent: string | null;
      readonly scrollWidth: number;
      readonly clientWidth: number;
      readonly value?: string;
      readonly selectedOptions?: ArrayLike<{ readonly textContent: string | null }>;
      getBoundingClientRect(): { readonly left: number; readonly right: number; readonly width: number };
      getAttribute(name: string): string | null;
    }
    const { document, getComputedStyle } = globalThis as unknown as {
      document: {
        readonly documentElement: { readonly clientWidth: number };
        querySelectorAll(selector: string): ArrayLike<El>;
        getElementById(id: string): El | null;
        createElement(tag: 'canvas'): {
          getContext(kind: '2d'): { font: string; measureText(text: string): { readonly width: number } };
        };
      };
      getComputedStyle(el: El): {
        readonly font: string;
        readonly paddingLeft: string;
        readonly paddingRight: string;
      };
    };
    const measure = document.createElement('canvas').getContext('2d');
    const window = document.documentElement.clientWidth;
    const found: string[] = [];
    const controls = document.querySelectorAll('select, .fui-Dropdown__button, input[role="combobox"]');
    for (const el of Array.from(controls)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      const name = el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.tagName.toLowerCase();
      let shown: string;
      let needs: number;
      let has: number;
      if (el.tagName === 'SELECT') {
        const style = getComputedStyle(el);
        shown = el.selectedOptions?.[0]?.textContent ?? '';
        measure.font = style.font;
        needs = measure.measureText(shown).width;
        has = el.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      } else {
        shown = el.tagName === 'INPUT' ? (el.value ?? '') : (el.textContent ?? '');
        needs = el.scrollWidth;
        has = el.clientWidth;
      }
      if (needs <= has + 0.5) continue;
      const line = el.getAttribute('data-written-out');
      const written = line ? document.getElementById(line) : null;
      const lineBox = written?.getBoundingClientRect();
      if (
        written &&
        lineBox &&
        lineBox.width > 0 &&
        written.textContent === shown &&
        written.scrollWidth <= written.clientWidth &&
        lineBox.left >= 0 &&
        lineBox.right <= window
      )
        continue;
      found.push(`${name} shows "${shown}" in ${Math.round(has)} px; it needs ${Math.round(needs)} px`);
    }
    return found;
  });

/**
 * The words of a details list's values (`dl dd`: a connection's details, a run's facts) that break
 * across lines though they would fit on one line of the list: at 390 px the label column ("Last
 * synchronisation") left the values 131 px of 281, and "Europe/Amsterdam" read "Europe/Amsterda" / "m".
 */
const brokenValues = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    interface Text {
      readonly data: string;
    }
    interface Box {
      readonly top: number;
      readonly width: number;
    }
    const { document } = globalThis as unknown as {
      document: {
        querySelectorAll(selector: string): ArrayLike<{
          readonly clientWidth: number;
          closest(selector: string): { readonly clientWidth: number } | null;
        }>;
        createTreeWalker(root: unknown, show: number): { nextNode(): unknown };
        createRange(): {
          setStart(node: Text, offset: number): void;
          setEnd(node: Text, offset: number): void;
          getBoundingClientRect(): Box;
        };
      };
    };
    const found: string[] = [];
    for (const dd of Array.from(document.querySelectorAll('dl dd'))) {
      const list = dd.closest('dl')?.clientWidth ?? 0;
      if (dd.clientWidth === 0) continue;
      const walker = document.createTreeWalker(dd, 4);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n as Text;
        for (const m of text.data.matchAll(/\S+/g)) {
          const tops = new Set<number>();
          let width = 0;
          for (let i = m.index; i < m.index + m[0].length; i++) {
            const range = document.createRange();
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            const r = range.getBoundingClientRect();
            tops.add(Math.round(r.top));
            width += r.width;
          }
          if (tops.size > 1 && width <= list)
            found.push(
              `"${m[0]}" (${Math.round(width)} px) is broken in a ${dd.clientWidth} px value of a ${list} px list`,
            );
        }
      }
    }
    return found;
  });

/**
 * The empty fields whose hint (placeholder) is cut by the field's edge: laid out in the field's font
 * (a canvas measures it) against the box inside its padding. The audit log's Actor read
 * "e-mail or token nam" at 390 and 1280 px.
 */
const cutPlaceholders = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    interface Field {
      readonly placeholder: string;
      readonly value: string;
      readonly clientWidth: number;
      getAttribute(name: string): string | null;
    }
    const { document, getComputedStyle } = globalThis as unknown as {
      document: {
        querySelectorAll(selector: string): ArrayLike<Field>;
        createElement(tag: 'canvas'): {
          getContext(kind: '2d'): { font: string; measureText(text: string): { readonly width: number } };
        };
      };
      getComputedStyle(el: Field): {
        readonly font: string;
        readonly paddingLeft: string;
        readonly paddingRight: string;
      };
    };
    const measure = document.createElement('canvas').getContext('2d');
    const found: string[] = [];
    for (const field of Array.from(
      document.querySelectorAll('main input[placeholder], main textarea[placeholder]'),
    )) {
      if (field.clientWidth === 0 || field.value !== '' || field.placeholder === '') continue;
      const style = getComputedStyle(field);
      measure.font = style.font;
      const needs = measure.measureText(field.placeholder).width;
      const has =
        field.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      if (needs > has + 0.5)
        found.push(
          `${field.getAttribute('aria-label') ?? field.getAttribute('name') ?? 'a field'}: "${field.placeholder}" needs ${Math.round(needs)} px in ${Math.round(has)}`,
        );
    }
    return found;
  });

interface PhonePage {
  readonly name: string;
  readonly hash: () => string;
  readonly ready: (page: Page) => Locator;
}

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { name, level: 1 });

const PAGES: readonly PhonePage[] = [
  { name: 'connections', hash: () => '#/connections', ready: (p) => p.getByTestId('connections-table') },
  // The connection's page lists its runs.
  {
    name: 'connection and its runs',
    hash: () => `#/connections/${connectionId}`,
    ready: (p) => p.locator('[data-step="5"]'),
  },
  ...[1, 2, 3, 4, 5].map(
    (step): PhonePage => ({
      name: `step ${step}`,
      hash: () => `#/connections/${connectionId}/steps/${step}`,
      ready: (p) => h1(p, new RegExp(`^${step}\\. `)),
    }),
  ),
  { name: 'run review', hash: () => `#/runs/${syncId}`, ready: (p) => p.getByTestId('run-items') },
  { name: 'audit log', hash: () => '#/audit', ready: (p) => p.getByTestId('audit-table') },
  {
    name: 'organisation settings',
    hash: () => '#/organisation',
    ready: (p) => p.getByRole('combobox', { name: 'Time zone' }),
  },
  { name: 'account settings', hash: () => '#/account', ready: (p) => h1(p, /./) },
  { name: 'notifications', hash: () => '#/notifications', ready: (p) => h1(p, 'Notifications') },
];

interface DialogCase {
  readonly name: string;
  open(page: Page): Promise<Locator>;
}

const DIALOGS: readonly DialogCase[] = [
  {
    name: 'create connection',
    async open(page) {
      await page.goto('/#/connections');
      await page.getByTestId('connections-table').waitFor();
      await page.getByRole('button', { name: 'Create connection' }).click();
      await page.getByRole('menuitem', { name: 'Create new connection' }).click();
      return dialog(page, 'Create new connection');
    },
  },
  {
    // Fluent's rule for phones did not reach a dialog with its own maximum width (640 px).
    name: 'add tenant',
    async open(page) {
      await page.goto('/#/customers');
      await page
        .locator('section[data-customer="Contoso BV"]')
        .getByRole('button', { name: 'Add tenant' })
        .click();
      return dialog(page, 'Add a tenant for Contoso BV');
    },
  },
  {
    // Two columns side by side: the function help was cut off at the dialog's edge.
    name: 'expression editor',
    async open(page) {
      await page.goto(`/#/connections/${connectionId}/steps/3`);
      await page.getByTestId('edit-expression-displayName').click();
      return dialog(page, 'Expression for displayName');
    },
  },
  {
    name: 'sync now',
    async open(page) {
      await page.goto(`/#/connections/${connectionId}`);
      await page.getByRole('button', { name: 'Sync now' }).click();
      return dialog(page, 'Sync now');
    },
  },
];

test('at 390 and 320 px every page fits the window: no sideways scroll, the sign-in page too, no detail broken mid-word, no hint cut', () =>
  flow(w, 'phone-pages', async () => {
    const { page } = w;
    const problems: string[] = [];
    for (const width of PHONES) {
      await page.setViewportSize({ width, height: 800 });
      await page.context().clearCookies();
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      const signInPage = await sideways(page);
      if (signInPage.scrollWidth > signInPage.clientWidth)
        problems.push(`sign-in at ${width} px: ${signInPage.scrollWidth} > ${signInPage.clientWidth}`);
      await signIn(page, stack.users.admin);
      for (const p of PAGES) {
        await page.goto(`/${p.hash()}`);
        await p.ready(page).first().waitFor();
        await page
          .getByText(/^Loading/)
          .first()
          .waitFor({ state: 'detached' });
        const o = await sideways(page);
        if (o.scrollWidth > o.clientWidth)
          problems.push(
            `${p.name} at ${width} px: scrollWidth ${o.scrollWidth} > ${o.clientWidth}; ${o.widest}`,
          );
        problems.push(...(await brokenValues(page)).map((b) => `${p.name} at ${width} px: ${b}`));
        problems.push(...(await cutPlaceholders(page)).map((c) => `${p.name} at ${width} px: ${c}`));
        await screenshot(page, `80-phone-${p.name.replace(/\W+/g, '-')}-${width}`);
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

test('at 390 and 320 px a dialog keeps a margin from both edges and holds all its controls', () =>
  flow(w, 'phone-dialogs', async () => {
    const { page } = w;
    await page.context().clearCookies();
    await signIn(page, stack.users.admin);
    const problems: string[] = [];
    for (const width of PHONES) {
      await page.setViewportSize({ width, height: 800 });
      for (const d of DIALOGS) {
        const opened = await d.open(page);
        await opened.waitFor();
        // Measured once the dialog has moved and faded in.
        await page.evaluate(() =>
          Promise.all(
            (globalThis as unknown as InPage).document
              .getAnimations()
              .map((a) => a.finished.catch(() => null)),
          ),
        );
        problems.push(...(await dialogFit(page, MARGIN)).map((o) => `${d.name} at ${width} px: ${o}`));
        const o = await sideways(page);
        if (o.scrollWidth > o.clientWidth)
          problems.push(
            `${d.name} at ${width} px: the page scrolls sideways (${o.scrollWidth} > ${o.clientWidth})`,
          );
        await screenshot(page, `81-phone-dialog-${d.name.replace(/\W+/g, '-')}-${width}`, { window: true });
        await page.keyboard.press('Escape');
        await opened.waitFor({ state: 'detached' });
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

test('at 390 and 320 px "Compare with" shows the whole name of the chosen run, wrapped, and compares', () =>
  flow(w, 'phone-compare-with', async () => {
    const { page } = w;
    await page.context().clearCookies();
    await signIn(page, stack.users.admin);
    for (const width of PHONES) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`/#/runs/${syncId}`);
      const select = page.getByRole('combobox', { name: 'Compare with' });
      await select.waitFor();
      const chosen = page.getByTestId('compare-with-chosen');
      // Both simulations are offered; the one before the sync is chosen first.
      const options = await select.locator('option').allTextContents();
      assert.equal(options.length, 2, options.join('\n'));
      for (const option of options) {
        await select.selectOption({ label: option });
        await chosen.getByText(option, { exact: true }).waitFor();
        const fit = await chosen.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const root = (globalThis as unknown as InPage).document.documentElement;
          return {
            left: r.left,
            right: r.right,
            clientWidth: root.clientWidth,
            cut: el.scrollWidth > el.clientWidth,
          };
        });
        assert.ok(
          fit.left >= 0 && fit.right <= fit.clientWidth && !fit.cut,
          `"${option}" is shown whole at ${width} px: ${JSON.stringify(fit)}`,
        );
      }
      const box = await select.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width, `the select fits: ${JSON.stringify(box)}`);
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await page.getByTestId('run-differences').waitFor();
      await chosen.scrollIntoViewIfNeeded();
      await screenshot(page, `83-phone-compare-with-${width}`, { window: true });
    }
    // On a wide screen the select shows the whole name itself: it is not written out twice.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('combobox', { name: 'Compare with' }).waitFor();
    assert.equal(await page.getByTestId('compare-with-chosen').isVisible(), false);
    assertNoConsoleErrors(w.errors);
  }));

test('step 3: each mapping rule has a delete button named after its number and attribute, with words on a phone', () =>
  flow(w, 'phone-delete-rule', async () => {
    const { page } = w;
    await page.context().clearCookies();
    await signIn(page, stack.users.admin);
    const mail = DEFAULT_SECTIONS.mapping.findIndex((r) => r.target === 'mail') + 1;
    assert.ok(mail > 0, 'the default mapping has a mail rule');
    const table = page.getByTestId('mapping-table');
    const deleteMail = table.getByRole('button', { name: `Delete mapping rule ${mail} (mail)`, exact: true });

    // Beside the row on a wide screen the bin alone (its name in the tooltip and for screen readers).
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/#/connections/${connectionId}/steps/3`);
    await deleteMail.waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the words shown count, not hidden ones
    assert.equal((await deleteMail.innerText()).trim(), '', 'no words beside the row on a wide screen');
    assert.ok(((await deleteMail.boundingBox())?.width ?? 99) <= 40, 'an icon-sized button on a wide screen');

    await page.setViewportSize({ width: 390, height: 800 });
    await deleteMail.waitFor();
    // Every rule's button has its own name, numbered as the service numbers the rules in its messages.
    const names = await table
      .getByRole('button', { name: /^Delete mapping rule / })
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    assert.equal(names.length, DEFAULT_SECTIONS.mapping.length, names.join('\n'));
    assert.deepEqual(
      names,
      DEFAULT_SECTIONS.mapping.map((r, i) => `Delete mapping rule ${i + 1} (${r.target})`),
    );
    // On a phone the button says what it does in words a person sees, not only a bin.
    // biome-ignore lint/performance/useDomNodeTextContent: the words shown count, not hidden ones
    assert.equal((await deleteMail.innerText()).trim(), `Delete mapping rule ${mail}`);
    const box = await deleteMail.boundingBox();
    assert.ok(
      box && box.x >= 0 && box.x + box.width <= 390,
      `the button is inside the window: ${JSON.stringify(box)}`,
    );
    await screenshot(page, '82-phone-delete-mapping-rule-390');

    // It deletes that rule and no other (unsaved: the page asks before it is left).
    await deleteMail.click();
    await table.locator('tr[data-target="mail"]').waitFor({ state: 'detached' });
    await table.locator('tr[data-target="mailNickname"]').waitFor();
    assert.equal(
      await table.getByRole('button', { name: /^Delete mapping rule / }).count(),
      DEFAULT_SECTIONS.mapping.length - 1,
    );
    // The rules after it move up a number.
    const next = DEFAULT_SECTIONS.mapping[mail]?.target ?? '';
    await table.getByRole('button', { name: `Delete mapping rule ${mail} (${next})`, exact: true }).waitFor();
    assertNoConsoleErrors(w.errors);
  }));

test('at 390 px no select, dropdown or combobox cuts the value it shows', () =>
  flow(w, 'phone-select-values', async () => {
    const { page } = w;
    await page.context().clearCookies();
    await page.setViewportSize({ width: 390, height: 800 });
    await signIn(page, stack.users.admin);
    const problems: string[] = [];
    let controls = 0;
    for (const p of PAGES) {
      await page.goto(`/${p.hash()}`);
      await p.ready(page).first().waitFor();
      await page
        .getByText(/^Loading/)
        .first()
        .waitFor({ state: 'detached' });
      controls += await page.locator('select, .fui-Dropdown__button, input[role="combobox"]').count();
      problems.push(...(await cutValues(page)).map((o) => `${p.name}: ${o}`));
    }
    // Step 4's filter: every operator it offers, chosen in turn ("is one of (comma separated)" was cut).
    await page.goto(`/#/connections/${connectionId}/steps/4`);
    await page.getByRole('button', { name: /^Add filter/ }).click();
    const operator = page.getByLabel('Filter 1 clause 1 operator');
    const operators = await operator
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
    assert.ok(operators.length > 10, operators.join(', '));
    for (const op of operators) {
      await operator.selectOption(op);
      problems.push(...(await cutValues(page)).map((o) => `step 4, operator ${op}: ${o}`));
    }
    // The pages hold the controls this is about (step 3 alone has dozens), so it cannot pass empty.
    assert.ok(controls > 40, `${controls} controls on the pages`);
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

test('step 2 writes out a customer or tenant name the select cuts (as long as the service allows), a short one not twice', () =>
  flow(w, 'phone-long-tenant', async () => {
    const { page } = w;
    assert.equal(LONG_CUSTOMER.length, NAME_MAX_LENGTH);
    assert.equal(LONG_TENANT.length, NAME_MAX_LENGTH);
    await page.context().clearCookies();
    await signIn(page, stack.users.admin);
    const problems: string[] = [];
    for (const width of [...PHONES, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`/#/connections/${longNamed}/steps/2`);
      await page.locator('[data-testid="tenant-status"]').waitFor();
      problems.push(...(await cutValues(page)).map((o) => `long names at ${width} px: ${o}`));
      await page.locator('select[name="customer"]').scrollIntoViewIfNeeded();
      await screenshot(page, `84-phone-long-tenant-${width}`, { window: true });
    }
    // A short name that fits is not written out under its select a second time.
    for (const width of PHONES) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`/#/connections/${connectionId}/steps/2`);
      await page.locator('[data-testid="tenant-status"]').waitFor();
      problems.push(...(await cutValues(page)).map((o) => `short names at ${width} px: ${o}`));
      const twice = await page.locator('select[data-written-out]').evaluateAll((selects) =>
        selects.flatMap((s) => {
          const id = s.getAttribute('data-written-out') ?? '';
          const line = (globalThis as unknown as InPage).document.querySelectorAll(`[id="${id}"]`)[0];
          return line && line.getBoundingClientRect().width > 0 ? [line.textContent ?? ''] : [];
        }),
      );
      problems.push(
        ...twice.map((t) => `short names at ${width} px: "${t}" is written out under its select`),
      );
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

test('at 390 and 320 px step 3 "Granted" and the notifications page\'s Format and Security show their value whole', () =>
  flow(w, 'phone-granted-format-security', async () => {
    const { page } = w;
    await page.context().clearCookies();
    await signIn(page, stack.users.admin);
    const problems: string[] = [];
    // Each page is left with unsaved changes (the rule, the webhook): the console asks first.
    const leaveFor = async (hash: string) => {
      await page.goto(hash);
      await dialog(page, 'Leave without saving?')
        .getByRole('button', { name: 'Leave without saving' })
        .click();
    };
    for (const width of PHONES) {
      await page.setViewportSize({ width, height: 800 });
      // A groups-and-licences rule's "Granted" ("from the create on (pre-hires too)" needed 235 px in 195).
      const step3 = `/#/connections/${longNamed}/steps/3`;
      await (width === PHONES[0] ? page.goto(step3) : leaveFor(step3));
      await page.getByRole('button', { name: 'Add rule', exact: true }).click();
      const granted = page.getByRole('combobox', { name: 'Granted' }).last();
      const grants = await granted
        .locator('option')
        .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
      assert.equal(grants.length, 2, grants.join(', '));
      for (const grant of grants) {
        await granted.selectOption(grant);
        problems.push(...(await cutValues(page)).map((o) => `step 3 at ${width} px, granted ${grant}: ${o}`));
      }
      await granted.scrollIntoViewIfNeeded();
      await screenshot(page, `85-phone-granted-${width}`, { window: true });
      // A webhook's Format and the own mail server's Security, each choice in turn.
      await leaveFor('/#/notifications');
      await page.getByRole('button', { name: 'Add a webhook', exact: true }).first().click();
      await page.getByRole('radio', { name: 'Our own mail server' }).check();
      for (const name of ['Format', 'Security']) {
        const dropdown = page.getByRole('combobox', { name }).first();
        await dropdown.click();
        const choices = await page.getByRole('option').allTextContents();
        await page.keyboard.press('Escape');
        assert.ok(choices.length >= 3, choices.join(', '));
        for (const choice of choices) {
          await dropdown.click();
          await page.getByRole('option', { name: choice, exact: true }).click();
          problems.push(
            ...(await cutValues(page)).map((o) => `notifications at ${width} px, ${choice}: ${o}`),
          );
        }
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

test('step 3: a unique-name candidate’s field takes the width of its row on a phone, and stays beside its buttons, aligned, at 1280 px', () =>
  flow(w, 'phone-unique-names', async () => {
    const { page } = w;
    await page.context().clearCookies();
    await signIn(page, stack.users.admin);
    const list = page.getByRole('list', { name: 'Unique name candidates' });
    type Box = {
      readonly left: number;
      readonly right: number;
      readonly top: number;
      readonly bottom: number;
    };
    const boxOf = async (locator: Locator): Promise<Box> => {
      const b = await locator.boundingBox();
      assert.ok(b, 'shown');
      return { left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height };
    };
    const boxes = async () => {
      const items: { field: Box; remove: Box }[] = [];
      for (const li of await list.getByRole('listitem').all()) {
        items.push({
          field: await boxOf(li.locator('input')),
          remove: await boxOf(li.getByRole('button', { name: /^Remove / })),
        });
      }
      return { list: await boxOf(list), items };
    };
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/#/connections/${connectionId}/steps/3`);
      await list.locator('input').first().waitFor();
      await list.scrollIntoViewIfNeeded();
      await screenshot(page, '86-phone-unique-names-390', { window: true });
      const phone = await boxes();
      assert.equal(phone.items.length, DEFAULT_SECTIONS.uniqueness.candidates.length);
      const listWidth = phone.list.right - phone.list.left;
      for (const [i, { field }] of phone.items.entries()) {
        const width = field.right - field.left;
        assert.ok(
          width >= 0.6 * listWidth,
          `at 390 px candidate ${i + 1} is ${Math.round(width)} px wide in a list ${Math.round(listWidth)} px wide`,
        );
        assert.ok(field.right <= phone.list.right + 0.5, `candidate ${i + 1} stays inside its list`);
      }

      await page.setViewportSize({ width: 1280, height: 800 });
      await list.scrollIntoViewIfNeeded();
      const wide = await boxes();
      const [first] = wide.items;
      assert.ok(first);
      for (const [i, { field, remove }] of wide.items.entries()) {
        assert.equal(
          field.left,
          first.field.left,
          `at 1280 px candidate ${i + 1} starts where the first does`,
        );
        assert.equal(
          field.right,
          first.field.right,
          `at 1280 px candidate ${i + 1} ends where the first does`,
        );
        assert.ok(
          remove.top >= field.top - 4 && remove.bottom <= field.bottom + 4,
          `at 1280 px candidate ${i + 1}'s buttons are on its line`,
        );
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('at 390 and 320 px a run’s Export CSV and Export JSON read on one line each, side by side where they fit', () =>
  flow(w, 'phone-run-exports', async () => {
    const { page } = w;
    await page.context().clearCookies();
    await signIn(page, stack.users.admin);
    const exports = page.locator('section[aria-label="Persons in this run"] a[download]');
    try {
      for (const width of PHONES) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(`/#/runs/${syncId}`);
        await page.locator('section[aria-label="Persons in this run"] tbody tr').first().waitFor();
        const boxes = [];
        for (const button of await exports.all()) {
          const text = (await button.textContent())?.trim() ?? '';
          const box = await button.boundingBox();
          assert.ok(box, `${text} is shown`);
          // One line: as high as a medium button (32 px), not two lines of words in it (52 px).
          assert.ok(box.height <= 33, `at ${width} px "${text}" is ${box.height} px high`);
          assert.ok(
            box.x >= 0 && box.x + box.width <= width,
            `at ${width} px "${text}" is inside the window`,
          );
          boxes.push(box);
        }
        assert.equal(boxes.length, 2);
        await exports.first().scrollIntoViewIfNeeded();
        await screenshot(page, `87-phone-run-exports-${width}`, { window: true });
        if (width === 390) assert.equal(boxes[0]?.y, boxes[1]?.y, 'at 390 px the two are side by side');
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('at 390 and 320 px the Microsoft sign-in redirect URI breaks only after a "/", never inside a word', () =>
  flow(w, 'phone-redirect-uri', async () => {
    const { page } = w;
    await page.context().clearCookies();
    await signIn(page, stack.users.admin);
    const uri = page.getByTestId('microsoft-redirect-uri');
    try {
      for (const width of PHONES) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto('/#/organisation');
        await uri.waitFor();
        assert.equal(await uri.textContent(), `${stack.url}/api/v1/session/microsoft/callback`);
        // Each line's text, as the window shows it: every line but the last ends with "/".
        const lines = await uri.evaluate((el) => {
          const { document } = globalThis as unknown as InPage;
          const texts: InPageNode[] = [];
          const pending: InPageNode[] = Array.from((el as unknown as InPageElement).childNodes);
          while (pending.length > 0) {
            const node = pending.shift() as InPageNode;
            if (node.nodeType === 3) texts.push(node);
            else pending.unshift(...Array.from((node as unknown as InPageElement).childNodes));
          }
          const byTop = new Map<number, string>();
          const range = document.createRange();
          for (const node of texts) {
            const text = node.textContent ?? '';
            for (let i = 0; i < text.length; i++) {
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const rect = Array.from(range.getClientRects())[0];
              if (!rect) continue;
              const top = Math.round(rect.top);
              byTop.set(top, (byTop.get(top) ?? '') + text[i]);
            }
          }
          return [...byTop.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
        });
        await uri.scrollIntoViewIfNeeded();
        await screenshot(page, `88-phone-redirect-uri-${width}`, { window: true });
        assert.ok(lines.length >= 2, `at ${width} px it takes more than one line: ${lines.join(' | ')}`);
        for (const line of lines.slice(0, -1)) {
          assert.match(line, /\/$/, `at ${width} px a line ends inside a word: ${lines.join(' | ')}`);
        }
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));
