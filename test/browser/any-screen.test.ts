/**
 * Every main page of the console at the widths it is built for — a phone (390 px), a laptop
 * (1024 px) and a desktop (1440 px): the page never scrolls sideways (the document is no wider than
 * the window), no control reaches past the card it sits in, a screenshot of each is saved (test-artifacts/screenshots, not committed), and
 * axe-core finds no serious or critical accessibility problem on the page; each dialog, at each width,
 * fits the window and is axe-clean too.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { sha256 } from '../../src/api/auth/credentials.ts';
import {
  createAgentRegistration,
  createCustomer,
  createInvitation,
  createTenant,
  listRuns,
} from '../../src/contracts/index.ts';
import { accessibilityProblems } from './support/axe.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow, signIn } from './support/console.ts';
import { activeConnection, configuredConnection } from './support/fixtures.ts';
import type { InPage, InPageElement } from './support/in-page.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;
let runId: string;
let invitationHash: string;

const WIDTHS = [390, 1024, 1440] as const;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso (contoso.nl)');
  // A long name, as customers' connections often have: it must wrap, not widen the page.
  connectionId = await configuredConnection(stack, {
    name: 'Contoso Nederland HR (AFAS Profit) to Microsoft 365 production tenant',
    tenantId,
  });
  await activeConnection(stack, connectionId);
  const runs = await stack.api<{ items: { id: string; kind: string }[] }>(listRuns, {
    params: { id: connectionId },
  });
  runId = runs.items[0]?.id ?? '';
  // The page an invitation link opens (shown signed in or not).
  const invited = await stack.api<{ link: string }>(createInvitation, {
    body: { email: 'any.screen@northwind.test', name: 'Any Screen', role: 'viewer' },
  });
  invitationHash = new URL(invited.link).hash;
  // A hybrid tenant with directory agents: its card carries the agents table.
  const gemeente = await stack.api<{ id: string }>(createCustomer, { body: { name: 'Gemeente Noord' } });
  const hybrid = await stack.api<{ id: string }>(createTenant, {
    body: {
      customerId: gemeente.id,
      name: 'Noord hybrid',
      type: 'hybrid',
      directoryId: 'noord.local',
      verifiedDomains: ['noord.nl'],
      subscriptionActive: true,
    },
  });
  // One agent registered and connected from a server with a long name; one still waiting for its key.
  const registered = await stack.api<{ key: string; agent: { id: string } }>(createAgentRegistration, {
    params: { id: hybrid.id },
    body: { name: 'dc-agent-noord-primary-site-1' },
  });
  await stack.store.agents.redeem(sha256(registered.key), {
    publicKey: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' },
    host: 'srv-hrsync-directory-agent-01.ad.gemeente-noord.local',
    version: '1.0.0',
  });
  await stack.store.agents.heard(registered.agent.id, {
    controllers: {
      ok: true,
      message: 'dc01.ad.gemeente-noord.local answered',
      checkedAt: new Date().toISOString(),
    },
  });
  await stack.api(createAgentRegistration, { params: { id: hybrid.id }, body: { name: 'dc-agent-2' } });
  assert.ok(runId, 'the sync left a run');
  w = await openPage(browser, stack.url);
  await signIn(w.page, stack.users.admin);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

interface MainPage {
  readonly name: string;
  readonly hash: () => string;
  /** What shows once the page has its data. */
  readonly ready: (page: Page) => Locator;
}

const h1 = (page: Page, name: string | RegExp): Locator => page.getByRole('heading', { name, level: 1 });

const PAGES: readonly MainPage[] = [
  {
    name: 'connections',
    hash: () => '#/connections',
    ready: (p) => p.getByTestId('connections-table'),
  },
  {
    name: 'connection',
    hash: () => `#/connections/${connectionId}`,
    ready: (p) => p.locator('[data-step="5"]'),
  },
  ...[1, 2, 3, 4, 5].map(
    (step): MainPage => ({
      name: `step-${step}`,
      hash: () => `#/connections/${connectionId}/steps/${step}`,
      ready: (p) => h1(p, new RegExp(`^${step}\\. `)),
    }),
  ),
  { name: 'run', hash: () => `#/runs/${runId}`, ready: (p) => p.getByTestId('status-counts') },
  { name: 'audit', hash: () => '#/audit', ready: (p) => p.getByTestId('audit-table') },
  { name: 'customers', hash: () => '#/customers', ready: (p) => p.locator('[data-tenant]').first() },
  {
    name: 'directory-agents',
    hash: () => '#/customers',
    ready: (p) => p.getByTestId('agents-table').locator('[data-agent="dc-agent-2"]'),
  },
  {
    name: 'notifications',
    hash: () => '#/notifications',
    ready: (p) => h1(p, 'Notifications'),
  },
  { name: 'users', hash: () => '#/users', ready: (p) => p.getByTestId('users-table') },
  { name: 'tokens', hash: () => '#/tokens', ready: (p) => h1(p, 'API tokens') },
  {
    name: 'organisation',
    hash: () => '#/organisation',
    ready: (p) => p.getByRole('combobox', { name: 'Time zone' }),
  },
  {
    name: 'accept-invitation',
    hash: () => invitationHash,
    ready: (p) => p.getByRole('form', { name: 'Accept the invitation' }),
  },
];

/**
 * How far the document is wider than the window, in pixels (0 when nothing scrolls sideways), the
 * status badges whose text is cut off, text squeezed into a column so narrow that its words
 * break letter by letter (no sideways scroll, but unreadable), and words past the window's right
 * edge that the page does not widen for: cut off by a box that clips, or a list's column only a
 * sideways scroll of its table reaches.
 */
const overflow = (
  page: Page,
): Promise<{
  scrollWidth: number;
  clientWidth: number;
  widest: string;
  clipped: string[];
  squeezed: string[];
  cut: string[];
}> =>
  page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as InPage;
    const root = document.documentElement;
    // The element that sticks out furthest, so a failure names the culprit.
    let widest = '';
    let right = root.clientWidth;
    // (No named helper functions in here: the test runner's transform would wrap them in a helper
    // the page does not have.)
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right <= right + 0.5 || r.width === 0) continue;
      // Inside a box that scrolls or clips on its own, an element does not widen the page.
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body && !clipped; a = a.parentElement) {
        clipped = getComputedStyle(a).overflowX !== 'visible';
      }
      if (!clipped) {
        right = r.right;
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className).slice(0, 60)} "${(el.textContent ?? '').slice(0, 40)}" right=${Math.round(r.right)}`;
      }
    }
    // A status badge whose words do not fit its box is cut off (a badge has a fixed height).
    const clipped = Array.from(document.querySelectorAll('.fui-Badge'))
      .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
      .map((el) => `badge "${(el.textContent ?? '').slice(0, 40)}" is cut off`);
    // Wrapped text takes at most about a line per word (a host name breaks at its hyphens); far more
    // lines than words means the words themselves were broken (a long address may break once, so
    // twice the words plus one is allowed).
    const squeezed: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      for (const node of Array.from(el.childNodes)) {
        const text = node.nodeType === 3 ? (node.textContent ?? '').trim() : '';
        const words = text === '' ? 0 : text.split(/[\s-]+/).length;
        if (words === 0) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
        if (lines > 2 * words + 1)
          squeezed.push(`"${text.slice(0, 40)}" takes ${lines} lines for ${words} word(s)`);
      }
    }
    const cut: string[] = [];
    const lists =
      '[data-testid="connections-table"], [data-testid="users-table"], [data-testid="run-items"], [data-testid="audit-table"]';
    for (const el of Array.from(document.querySelectorAll('main *'))) {
      const r = el.getBoundingClientRect();
      const text = Array.from(el.childNodes)
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (text === '' || r.width === 0 || r.right <= root.clientWidth + 1) continue;
      // Kept for screen readers only (a phone list's header row): not shown, so not cut.
      let hidden = false;
      let clips = false;
      let scrolls = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.clipPath !== 'none' || a.getBoundingClientRect().width <= 1) hidden = true;
        if (style.overflowX === 'hidden' || style.overflowX === 'clip') clips = true;
        if (style.overflowX === 'auto' || style.overflowX === 'scroll') scrolls = true;
      }
      if (!hidden && ((clips && !scrolls) || el.closest(lists)))
        cut.push(`"${text.slice(0, 40)}" is cut off at the right (right=${Math.round(r.right)})`);
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest, clipped, squeezed, cut };
  });

/**
 * Where step 3's mapping editor does not fit its page: the table or a box around it scrolling
 * sideways (it was 1,180 px wide, scrolled in a 700 px box on a laptop), or a field of a mapping
 * reaching past the table's right edge.
 */
const mappingOverflow = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as InPage;
    const table = document.querySelectorAll('[data-testid="mapping-table"]')[0];
    if (!table) return ['no mapping table'];
    const found: string[] = [];
    for (let a: InPageElement | null = table; a && a !== document.body; a = a.parentElement) {
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(a).overflowX);
      if (scrolls && a.scrollWidth > a.clientWidth + 1)
        found.push(`${a.tagName.toLowerCase()} scrolls sideways (${a.scrollWidth} > ${a.clientWidth})`);
    }
    const edge = table.getBoundingClientRect().right;
    for (const field of Array.from(table.querySelectorAll('input, select, button'))) {
      const r = field.getBoundingClientRect();
      if (r.width > 0 && r.right > edge + 0.5)
        found.push(
          `${field.getAttribute('aria-label') ?? field.tagName} reaches ${Math.round(r.right - edge)} px past the table`,
        );
    }
    return found;
  });

/**
 * The controls that reach past the right edge of the card they sit in. A card clips what sticks out
 * of it, so the page does not scroll sideways, but a select cut off at the card's edge looks broken
 * (step 3's "Naming scheme" at 390 px was as wide as its longest option).
 */
const pastCard = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const found: string[] = [];
    for (const card of Array.from(document.querySelectorAll('main .fui-Card'))) {
      const edge = card.getBoundingClientRect().right;
      for (const control of Array.from(card.querySelectorAll('input, select, textarea, button'))) {
        const r = control.getBoundingClientRect();
        if (r.width > 0 && r.right > edge + 0.5)
          found.push(
            `${control.getAttribute('aria-label') ?? control.getAttribute('name') ?? control.tagName.toLowerCase()} "${(control.textContent ?? '').slice(0, 30)}" reaches ${Math.round(r.right - edge)} px past its card`,
          );
      }
    }
    return found;
  });

test('every main page at 390, 1024 and 1440 px: no sideways scrolling, screenshots, no serious axe findings', () =>
  flow(w, 'any-screen', async () => {
    const { page } = w;
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const p of PAGES) {
        await page.goto(`/${p.hash()}`);
        await p.ready(page).first().waitFor();
        await page
          .getByText(/^Loading/)
          .first()
          .waitFor({ state: 'detached' })
          .catch(() => undefined);
        const o = await overflow(page);
        if (o.scrollWidth > o.clientWidth) {
          problems.push(
            `${p.name} at ${width} px: scrollWidth ${o.scrollWidth} > ${o.clientWidth}; ${o.widest}`,
          );
        }
        problems.push(...o.clipped.map((c) => `${p.name} at ${width} px: ${c}`));
        problems.push(...o.squeezed.map((c) => `${p.name} at ${width} px: text squeezed: ${c}`));
        problems.push(...o.cut.slice(0, 3).map((c) => `${p.name} at ${width} px: ${c}`));
        problems.push(...(await pastCard(page)).slice(0, 3).map((c) => `${p.name} at ${width} px: ${c}`));
        if (p.name === 'step-3')
          problems.push(
            ...(await mappingOverflow(page)).slice(0, 3).map((c) => `mapping editor at ${width} px: ${c}`),
          );
        await screenshot(page, `70-${p.name}-${width}`);
        if (width !== 1024) problems.push(...(await accessibilityProblems(page, `${p.name} at ${width} px`)));
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

/**
 * Where an open dialog does not fit the window: the dialog box reaching past either edge, or
 * something inside it sticking out of the box (unless it sits in a part that scrolls on its own,
 * such as a wide table). A dialog is fixed to the window, so the page's own scroll width would not
 * show it.
 */
const dialogOverflow = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as InPage;
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const surface of Array.from(document.querySelectorAll('.fui-DialogSurface'))) {
      const box = surface.getBoundingClientRect();
      if (box.left < -0.5 || box.right > width + 0.5) {
        found.push(
          `the dialog box spans ${Math.round(box.left)}–${Math.round(box.right)} in a ${width} px window`,
        );
      }
      if (surface.scrollWidth > surface.clientWidth + 1) {
        found.push(`the dialog scrolls sideways (${surface.scrollWidth} > ${surface.clientWidth})`);
      }
      for (const el of Array.from(surface.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || (r.right <= box.right + 0.5 && r.left >= box.left - 0.5)) continue;
        let clipped = false;
        for (let a = el.parentElement; a && a !== surface && !clipped; a = a.parentElement) {
          clipped = getComputedStyle(a).overflowX !== 'visible';
        }
        if (!clipped) {
          found.push(
            `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} "${(el.textContent ?? '').slice(0, 40)}" spans ${Math.round(r.left)}–${Math.round(r.right)}, outside the dialog (${Math.round(box.left)}–${Math.round(box.right)})`,
          );
        }
      }
    }
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      found.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    }
    return found;
  });

/** One dialog of the console: how to open it, and its locator once open. */
interface DialogCase {
  readonly name: string;
  open(page: Page): Promise<Locator>;
}

const DIALOGS: readonly DialogCase[] = [
  {
    name: 'the create-connection dialog',
    async open(page) {
      await page.goto('/#/connections');
      await page.getByTestId('connections-table').waitFor();
      await page.getByRole('button', { name: 'Create connection' }).click();
      await page.getByRole('menuitem', { name: 'Create new connection' }).click();
      return dialog(page, 'Create new connection');
    },
  },
  {
    name: 'the schedule dialog',
    async open(page) {
      await page.goto('/#/connections');
      await page.getByTestId('connections-table').waitFor();
      await page.getByRole('radio', { name: /^Select Contoso Nederland/ }).check();
      await page
        .getByRole('toolbar', { name: 'Connection commands' })
        .getByRole('button', { name: 'Set schedule' })
        .click();
      return dialog(page, /^Set schedule for/);
    },
  },
  {
    name: 'the sync-now dialog',
    async open(page) {
      await page.goto(`/#/connections/${connectionId}`);
      await page.getByRole('button', { name: 'Sync now' }).click();
      return dialog(page, 'Sync now');
    },
  },
  {
    name: 'the expression editor',
    async open(page) {
      await page.goto(`/#/connections/${connectionId}/steps/3`);
      await page.getByTestId('edit-expression-displayName').click();
      return dialog(page, 'Expression for displayName');
    },
  },
  {
    name: 'the add-customer dialog',
    async open(page) {
      await page.goto('/#/customers');
      await page.getByRole('button', { name: 'Add customer' }).click();
      return dialog(page, 'Add a customer');
    },
  },
  {
    name: 'the tenant dialog',
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
    name: 'the add-user dialog',
    async open(page) {
      await page.goto('/#/users');
      await page.getByRole('button', { name: 'Add user' }).click();
      return dialog(page, 'Add a user');
    },
  },
  {
    name: 'the create-token dialog',
    async open(page) {
      await page.goto('/#/tokens');
      await page.getByRole('button', { name: 'Create token' }).click();
      return dialog(page, 'Create an API token');
    },
  },
];

test('side panels: no serious axe findings; a skip link; focus returns to the row when a panel closes', () =>
  flow(w, 'accessibility', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1440, height: 900 });
    const problems: string[] = [];
    const check = async (where: string, scope: Locator): Promise<void> => {
      await scope.waitFor();
      // Colours are judged once the panel has faded in.
      await page.evaluate(() =>
        Promise.all((globalThis as unknown as InPage).document.getAnimations().map((a) => a.finished)),
      );
      problems.push(...(await accessibilityProblems(page, where)));
    };

    // The skip link is the first stop of the keyboard and moves focus to the page's content.
    await page.goto('/#/connections');
    await page.getByTestId('connections-table').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    assert.equal(
      await skip.evaluate((el) => el === (globalThis as unknown as InPage).document.activeElement),
      true,
      'Tab reaches the skip link first',
    );
    assert.ok(((await skip.boundingBox())?.y ?? -1) >= 0, 'the focused skip link is visible');
    await page.keyboard.press('Enter');
    assert.equal(
      await page
        .locator('main')
        .evaluate((el) => el === (globalThis as unknown as InPage).document.activeElement),
      true,
    );
    assert.equal(new URL(page.url()).hash, '#/connections', 'the route stays where it was');

    // Side panels: opened by keyboard and by mouse, closed by Escape and by the close button;
    // focus is back on the row's link each time.
    await page.goto(`/#/runs/${runId}`);
    const firstItem = page.getByTestId('run-items').locator('tbody tr').first();
    const itemLink = firstItem.getByRole('button').first();
    await itemLink.focus();
    await page.keyboard.press('Enter');
    const itemDrawer = page.getByTestId('run-item-drawer');
    await check('the run item panel', itemDrawer.getByRole('button', { name: 'Close' }));
    await page.keyboard.press('Escape');
    await itemDrawer.getByRole('button', { name: 'Close' }).waitFor({ state: 'detached' });
    await focusedIs(itemLink, 'the run item row after Escape');

    await firstItem.locator('td').last().click();
    await itemDrawer.getByRole('button', { name: 'Close' }).click();
    await itemDrawer.getByRole('button', { name: 'Close' }).waitFor({ state: 'detached' });
    await focusedIs(itemLink, 'the run item row after a mouse click and the close button');

    await page.goto('/#/audit');
    const event = page.getByTestId('audit-table').locator('tbody tr').nth(1);
    await event.locator('td').last().click();
    const eventDrawer = page.getByTestId('audit-event-drawer');
    await check('the audit event panel', eventDrawer.getByRole('button', { name: 'Close' }));
    await page.keyboard.press('Escape');
    await eventDrawer.getByRole('button', { name: 'Close' }).waitFor({ state: 'detached' });
    await focusedIs(event.getByRole('button').first(), 'the audit event row');

    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

test('dialogs at 390, 1024 and 1440 px: they fit the window, the page never scrolls sideways, no serious axe findings', () =>
  flow(w, 'any-screen-dialogs', async () => {
    const { page } = w;
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const d of DIALOGS) {
        const where = `${d.name} at ${width} px`;
        const opened = await d.open(page);
        await opened.waitFor();
        // Sizes and colours are judged once the dialog has moved and faded in.
        // (An animation cut short — the previous dialog's closing — rejects; that one no longer matters.)
        await page.evaluate(() =>
          Promise.all(
            (globalThis as unknown as InPage).document
              .getAnimations()
              .map((a) => a.finished.catch(() => null)),
          ),
        );
        problems.push(...(await dialogOverflow(page)).map((o) => `${where}: ${o}`));
        problems.push(...(await accessibilityProblems(page, where)));
        await screenshot(page, `71-${d.name.replace(/^the /, '').replace(/\W+/g, '-')}-${width}`, {
          window: true,
        });
        await page.keyboard.press('Escape');
        await opened.waitFor({ state: 'detached' });
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

/** Waits until `locator` has focus (the panel hands it back after its closing animation). */
async function focusedIs(locator: Locator, what: string): Promise<void> {
  await locator
    .and(locator.page().locator(':focus'))
    .waitFor({ timeout: 5_000 })
    .catch(() => {
      throw new Error(`focus did not return to ${what}`);
    });
}
