/**
 * Console polish an IT administrator notices in a demo walk at 1440, 1024 and 390 px: one test per
 * finding, each named for what the console does now. The demo's shape: a tenant named
 * "Contoso (Microsoft 365)", two connections to it, and one person whose surname Microsoft 365 refuses,
 * so a simulation is "Completed with failures".
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import ts from 'typescript';
import {
  createAgentRegistration,
  createCustomer,
  createTenant,
  getConnection,
  simulate,
  updateConnection,
} from '../../src/contracts/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow, row, signIn, textOf } from './support/console.ts';
import { configuredConnection, finishedRun } from './support/fixtures.ts';
import type { InPage, InPageElement, InPageNode } from './support/in-page.ts';
import { afasData, people, type Stack, startStack } from './support/stack.ts';

const LONG_SURNAME = 'Vanderzwaluwenburg-Oppenheimer-Kronenberg-Schimmelpenninck-Lanschot'; // 68 > 64
const TENANT = 'Contoso (Microsoft 365)'; // the demo's tenant: its name already has parentheses
const WIDTHS = [390, 1024, 1440] as const;

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
/** Configured, simulated once: its one failed person makes the run "Completed with failures". */
let hrId: string;
let hrRunId: string;
/** Configured, to the same tenant, never simulated. */
let pilotId: string;

before(async () => {
  const persons = [
    ...people(4),
    { n: '1900', given: 'Anna', family: LONG_SURNAME, jobs: [{ start: '2020-01-01' }] },
  ];
  [stack, browser] = await Promise.all([startStack({ persons }), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso', TENANT);
  hrId = await configuredConnection(stack, { name: 'Contoso HR', tenantId });
  pilotId = await configuredConnection(stack, { name: 'Contoso pilot', tenantId });
  const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id: hrId } });
  assert.equal((await finishedRun(stack, run.id)).status, 'succeeded');
  hrRunId = run.id;
  w = await openPage(browser, stack.url);
  await signIn(w.page, stack.users.admin);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});
interface BadgeBox {
  readonly words: string;
  readonly height: number;
  /** How far the badge reaches past the table cell or property value it sits in (px). */
  readonly past: number;
}

/** Every run outcome badge the page shows. */
const outcomeBadges = (page: Page): Promise<BadgeBox[]> =>
  page.locator('[data-run-outcome]').evaluateAll((elements) =>
    elements
      .map((element) => {
        type Box = { readonly right: number; readonly width: number; readonly height: number };
        const el = element as unknown as {
          readonly textContent: string | null;
          getBoundingClientRect(): Box;
          closest(selector: string): { getBoundingClientRect(): Box } | null;
        };
        const box = el.getBoundingClientRect();
        const holder = el.closest('td, dd')?.getBoundingClientRect();
        return {
          words: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
          height: box.height,
          width: box.width,
          past: holder ? box.right - holder.right : 0,
        };
      })
      .filter((b) => b.width > 0)
      .map(({ words, height, past }) => ({ words, height, past })),
  );

test('a run outcome badge stays on one line inside its cell at 390, 1024 and 1440 px, its full words readable', () =>
  flow(w, 'polish-badge', async () => {
    const { page } = w;
    try {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        for (const [where, url, ready] of [
          ['connection page', `/#/connections/${hrId}`, '[data-testid="recent-runs"] [data-run-outcome]'],
          ['run page', `/#/runs/${hrRunId}`, '[data-property="Status"] [data-run-outcome]'],
        ] as const) {
          await page.goto(url);
          await page.locator(ready).first().waitFor();
          const badges = await outcomeBadges(page);
          assert.ok(badges.length >= 2, `${where} at ${width} px shows its run badges`);
          for (const b of badges) {
            assert.ok(
              b.height <= 24,
              `${where} at ${width} px: "${b.words}" is on one line (${b.height} px high)`,
            );
            assert.ok(
              b.past <= 1,
              `${where} at ${width} px: "${b.words}" reaches ${b.past} px past its cell`,
            );
            assert.match(
              b.words,
              /Completed with failures/,
              `${where} at ${width} px: the full words are there`,
            );
          }
          await screenshot(page, `polish-badge-${where.replace(' ', '-')}-${width}`);
        }
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));
test('the same-tenant warning names a tenant whose name has parentheses once, without doubling them', () =>
  flow(w, 'polish-same-tenant', async () => {
    const { page } = w;
    await page.goto(`/#/connections/${hrId}`);
    const warning = page.getByTestId('warning-same-tenant');
    await warning.waitFor();
    const text = await textOf(warning);
    assert.doesNotMatch(text, /\(Contoso \(Microsoft 365\)\)|\)\)/, text);
    assert.match(
      text,
      /“Contoso pilot” already writes to the same Microsoft 365 tenant, “Contoso \(Microsoft 365\)”\./,
    );
    assertNoConsoleErrors(w.errors);
  }));
test("a tenant card says the tenant's type once; step 2, which allows one type only, does not repeat it", () =>
  flow(w, 'polish-tenant-type', async () => {
    const { page } = w;
    await page.goto('/#/customers');
    const card = page.locator(`[data-tenant="${TENANT}"]`);
    await card.waitFor();
    const text = await textOf(card);
    assert.equal(text.match(/cloud/gi)?.length ?? 0, 1, `the type once: ${text}`);
    await screenshot(page, 'polish-tenant-card');

    await page.goto(`/#/connections/${hrId}/steps/2`);
    await page.getByText('only cloud (Entra ID) tenants can be chosen').waitFor();
    const status = await textOf(page.getByTestId('tenant-status'));
    assert.doesNotMatch(status, /cloud/i, `step 2 already says the type: ${status}`);
    assertNoConsoleErrors(w.errors);
  }));
/** A typewriter apostrophe between or after letters: the console's copy uses ’ (it’s, persons’). */
const STRAIGHT_APOSTROPHE = /\p{L}'(?=\p{L}|\s|$)/u;

/** Every string and JSX text of the console's sources that has one, as "file:line: text". */
function straightApostrophes(): string[] {
  const root = join(import.meta.dirname, '..', '..', 'web', 'src');
  const found: string[] = [];
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(join(root, file), 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const visit = (node: ts.Node): void => {
      const text = ts.isJsxText(node)
        ? node.getText()
        : ts.isStringLiteral(node) ||
            ts.isNoSubstitutionTemplateLiteral(node) ||
            ts.isTemplateLiteralToken(node)
          ? node.text
          : null;
      if (text !== null && STRAIGHT_APOSTROPHE.test(text)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${file}:${line}: ${text.trim().slice(0, 80)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

test('one apostrophe in the console’s copy: ’, in every string of web/ and on the pages that showed both', () =>
  flow(w, 'polish-apostrophes', async () => {
    assert.deepEqual(straightApostrophes(), [], 'strings with a typewriter apostrophe');
    const { page } = w;
    await page.goto('/#/notifications');
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page
      .getByText(/mail server/)
      .first()
      .waitFor();
    const notifications = await textOf(page.locator('main'));
    assert.doesNotMatch(notifications, STRAIGHT_APOSTROPHE, 'the notifications page');
    assert.match(notifications, /’/, 'it has apostrophes, typographic ones');

    await page.goto('/#/customers');
    await page.locator(`[data-tenant="${TENANT}"]`).getByRole('button', { name: 'Change tenant' }).click();
    const change = dialog(page, /tenant/i);
    await change.waitFor();
    const words = await textOf(change);
    assert.doesNotMatch(words, STRAIGHT_APOSTROPHE, 'the tenant dialog');
    assert.match(words, /tenant’s ID/);
    await change.getByRole('button', { name: 'Cancel' }).click();
    assertNoConsoleErrors(w.errors);
  }));
/** The connection's activation gate as the service judges it now. */
const gateOf = async (id: string): Promise<string> =>
  (await stack.api<{ activation: { kind: string } }>(getConnection, { params: { id } })).activation.kind;

/** The connection page's "what comes next" link, once the page shows it. */
async function nextOnPage(page: Page, id: string): Promise<{ words: string; href: string }> {
  await page.goto(`/#/connections/${id}`);
  const next = page.locator('main').getByTestId('next-step');
  await next.waitFor();
  assert.equal(
    await page.getByTestId('continue-setup').count(),
    0,
    'no "Continue setup" once steps 1–4 are confirmed',
  );
  return { words: (await textOf(next)).trim(), href: (await next.getAttribute('href')) ?? '' };
}

test('a connection whose configuration is confirmed says what comes next (simulate, review, activate), as the service allows, not "Continue setup: step 5"', () =>
  flow(w, 'polish-next-step', async () => {
    const { page } = w;
    const step5 = (id: string) => `#/connections/${id}/steps/5`;

    // The list knows the state only: both rows point at step 5, where simulating and activating are.
    await page.goto('/#/connections');
    for (const name of ['Contoso HR', 'Contoso pilot']) {
      const next = row(page, name).getByTestId('next-step');
      await next.waitFor();
      assert.equal(
        await row(page, name).getByTestId('continue-setup').count(),
        0,
        `${name}: no "Continue setup"`,
      );
      assert.equal((await textOf(next)).trim(), 'Next: simulate and activate');
    }
    await screenshot(page, 'polish-next-step-list');

    // Never simulated: the service refuses to activate, so what comes next is a simulation.
    assert.equal(await gateOf(pilotId), 'refused');
    assert.deepEqual(await nextOnPage(page, pilotId), { words: 'Next: simulate', href: step5(pilotId) });

    // Simulated with a failed person: all five steps are confirmed (the simulation confirms step 5),
    // activating needs a reason, so the simulation is reviewed first.
    const hr = await stack.api<{ steps: { status: string }[] }>(getConnection, { params: { id: hrId } });
    assert.deepEqual(
      hr.steps.map((s) => s.status),
      ['done', 'done', 'done', 'done', 'done'],
    );
    assert.equal(await gateOf(hrId), 'needs-reason');
    assert.deepEqual(await nextOnPage(page, hrId), {
      words: 'Next: review the simulation',
      href: `#/runs/${hrRunId}`,
    });
    await screenshot(page, 'polish-next-step-review');

    // HR fixed the name in AFAS: a clean simulation, and the service would activate.
    await stack.replaceAfasData(afasData(people(4)));
    const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id: pilotId } });
    await finishedRun(stack, run.id);
    assert.equal(await gateOf(pilotId), 'allowed');
    assert.deepEqual(await nextOnPage(page, pilotId), { words: 'Next: activate', href: step5(pilotId) });
    assertNoConsoleErrors(w.errors);
  }));
test('"What changed" names each run it can compare with by its outcome, as the run’s badge does', () =>
  flow(w, 'polish-compare-outcome', async () => {
    const { page } = w;
    const again = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id: hrId } });
    await finishedRun(stack, again.id);
    await page.goto(`/#/runs/${again.id}`);
    const choice = page.locator('select[name="compare-with"]');
    // The runs to compare with arrive after the run page: wait for them, not only for the select.
    await choice
      .locator('option', { hasText: /^Simulation of/ })
      .first()
      .waitFor({ state: 'attached' });
    const options = await choice.locator('option').allTextContents();
    const first = options.find((o) => o.startsWith('Simulation of'));
    assert.ok(first, `the first simulation is offered: ${options.join(' | ')}`);
    assert.match(first, / — Completed with failures$/, 'its outcome, not the bare status "Succeeded"');
    assertNoConsoleErrors(w.errors);
  }));

test('while its connection loads, a run page is titled by its kind alone, not by a placeholder name', () =>
  flow(w, 'polish-run-title-loading', async () => {
    const { page } = w;
    // The connection's own GET is held until the run's header shows, so the page is seen without it.
    const isConnection = (url: URL) => url.pathname === `/api/v1/connections/${hrId}`;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(isConnection, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(`/#/runs/${hrRunId}`);
      await page.locator('main header [data-run-outcome]').waitFor();
      const title = page.locator('main header h1');
      assert.equal((await title.textContent())?.trim(), 'Simulation');
      assert.ok(
        ((await page.locator('nav[aria-label="Breadcrumb"], main nav').first().textContent()) ?? '').includes(
          'Connection',
        ),
        'the crumb says "Connection" until the name is known',
      );
      release();
      await page.locator('main header h1', { hasText: 'Simulation — Contoso HR' }).waitFor();
    } finally {
      release();
      await page.unroute(isConnection);
    }
    assertNoConsoleErrors(w.errors);
  }));

test('each page names itself in the browser tab: its title, then hrsync', () =>
  flow(w, 'polish-document-title', async () => {
    const { page } = w;
    const titled = async (hash: string, title: string) => {
      await page.goto(`/${hash}`);
      await page.locator('main header h1', { hasText: title }).waitFor();
      // Run in the page: its document, which this file's types do not know.
      const titleIs = (t: string) =>
        (globalThis as unknown as { document: { title: string } }).document.title === t;
      await page.waitForFunction(titleIs, `${title} · hrsync`);
    };
    await titled('#/connections', 'Connections');
    await titled(`#/connections/${hrId}`, 'Contoso HR');
    await titled(`#/runs/${hrRunId}`, 'Simulation — Contoso HR');
    await titled('#/audit', 'Audit logs');
    assertNoConsoleErrors(w.errors);
  }));

test('the audit log colours a finished run’s outcome as the run’s badge does', () =>
  flow(w, 'polish-audit-colour', async () => {
    const { page } = w;
    await page.goto(`/#/runs/${hrRunId}`);
    const onRun = page.locator('main header [data-run-outcome="completed-with-failures"]');
    await onRun.waitFor();
    const colour = await onRun.getAttribute('data-colour');
    assert.ok(colour, 'the run badge says its colour');

    await page.goto('/#/audit');
    const inLog = page
      .getByTestId('audit-table')
      .locator('[data-colour]', { hasText: /^Completed with failures$/ })
      .first();
    await inLog.waitFor();
    assert.equal(await inLog.getAttribute('data-colour'), colour, 'one colour for one outcome');
    assertNoConsoleErrors(w.errors);
  }));

test('at 390 px the list counts and the audit log’s buttons stay on one line each', () =>
  flow(w, 'polish-counts', async () => {
    const { page } = w;
    const height = async (selector: string): Promise<number> => {
      const box = await page.locator(selector).first().boundingBox();
      assert.ok(box, `${selector} is shown`);
      return box.height;
    };
    await page.setViewportSize({ width: 390, height: 900 });
    try {
      await page.goto('/#/connections');
      await page.getByTestId('connection-count').getByText('2 items').waitFor();
      assert.ok((await height('[data-testid="connection-count"]')) <= 20, '"2 items" on one line');

      await page.goto('/#/audit');
      await page
        .getByTestId('audit-count')
        .getByText(/^\d+ events$/)
        .waitFor();
      assert.ok((await height('[data-testid="audit-count"]')) <= 20, 'the event count on one line');
      for (const name of ['Refresh', 'Export CSV']) {
        const box = await page.getByRole(name === 'Refresh' ? 'button' : 'link', { name }).boundingBox();
        assert.ok(box && box.height <= 34, `"${name}" on one line (${box?.height} px high)`);
      }
      await screenshot(page, 'polish-audit-bar-390', { window: true });

      // The run's two exports stay side by side ("Export JSON" wrapped alone under "Export CSV").
      await page.goto(`/#/runs/${hrRunId}`);
      const csv = await page.getByRole('link', { name: 'Export CSV' }).boundingBox();
      const json = await page.getByRole('link', { name: 'Export JSON' }).boundingBox();
      assert.ok(csv && json, 'both exports are shown');
      assert.equal(Math.round(json.y), Math.round(csv.y), 'Export JSON on the line of Export CSV');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('a hybrid tenant’s directory agents table keeps each status badge on one line inside its cell at 1024 and 1440 px', () =>
  flow(w, 'polish-agent-badges', async () => {
    const { page } = w;
    const customer = await stack.api<{ id: string }>(createCustomer, { body: { name: 'Gemeente Noord' } });
    const hybrid = await stack.api<{ id: string }>(createTenant, {
      body: {
        customerId: customer.id,
        name: 'Noord hybrid',
        type: 'hybrid',
        directoryId: 'noord.local',
        verifiedDomains: ['noord.nl'],
        subscriptionActive: true,
      },
    });
    await stack.api(createAgentRegistration, { params: { id: hybrid.id }, body: { name: 'dc-agent-2' } });
    try {
      for (const width of [1024, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/#/customers');
        const panel = page.getByTestId('agents-panel');
        await panel.getByText('Waiting for registration').waitFor();
        const badges = await panel.locator('td .fui-Badge').evaluateAll((elements) =>
          elements.map((element) => {
            type Box = { readonly right: number; readonly height: number };
            const el = element as unknown as {
              readonly textContent: string | null;
              getBoundingClientRect(): Box;
              closest(selector: string): { getBoundingClientRect(): Box } | null;
            };
            const box = el.getBoundingClientRect();
            const cell = el.closest('td')?.getBoundingClientRect();
            return {
              words: el.textContent ?? '',
              height: box.height,
              past: cell ? box.right - cell.right : 0,
            };
          }),
        );
        assert.ok(badges.length > 0, 'the agent has a status badge');
        for (const b of badges) {
          assert.ok(b.height <= 24, `at ${width} px "${b.words}" is on one line (${b.height} px high)`);
          assert.ok(b.past <= 1, `at ${width} px "${b.words}" reaches ${b.past} px past its cell`);
        }
        await screenshot(page, `polish-agents-${width}`);
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('the audit log’s page is in the URL with its filter: a reload, a shared link and Back keep it; a new filter starts at page 1', () =>
  flow(w, 'polish-audit-page-url', async () => {
    const { page } = w;
    // 55 renames of the pilot's description: two pages of 50.
    for (let i = 1; i <= 55; i++) {
      await stack.api(updateConnection, {
        params: { id: pilotId },
        body: { description: `Pilot, take ${i}` },
      });
    }
    const range = page.getByRole('navigation', { name: 'Pages of audit events' });
    await page.goto(`/#/audit?connectionId=${pilotId}&action=connection.updated`);
    await range.getByText('1–50 of 55').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await range.getByText('51–55 of 55').waitFor();
    const second = new URL(page.url()).hash;
    assert.match(second, /[?&]page=2(&|$)/, `page 2 is in the URL (${second})`);
    assert.match(second, /[?&]action=connection\.updated(&|$)/, 'with the filter');

    await page.reload();
    await range.getByText('51–55 of 55').waitFor();
    await page.goBack();
    await range.getByText('1–50 of 55').waitFor();
    await page.goForward();
    await range.getByText('51–55 of 55').waitFor();

    // A link past the end shows the last page; a new filter starts at its first page.
    await page.goto(`/#/audit?connectionId=${pilotId}&action=connection.updated&page=9`);
    await range.getByText('51–55 of 55').waitFor();
    assert.match(new URL(page.url()).hash, /[?&]page=2(&|$)/);
    await page.getByLabel('Outcome').selectOption({ label: 'Done' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await range.getByText('1–50 of 55').waitFor();
    assert.doesNotMatch(new URL(page.url()).hash, /[?&]page=/);
    assertNoConsoleErrors(w.errors);
  }));

test('at 1280 px a table’s columns are as wide as what they hold: an e-mail address on one line, the audit log’s sentences wider than their outcome', () =>
  flow(w, 'polish-columns-by-content', async () => {
    const { page } = w;
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      // Seven columns of 141 px each: "operator@northwind.test" broke after "northwind" beside a
      // Status column that holds a 55 px badge.
      await page.goto('/#/users');
      const addresses = page.getByTestId('users-table').locator('td[data-label="E-mail address"]');
      await addresses.first().waitFor();
      const broken = await addresses.evaluateAll((cells) =>
        cells
          .map((td) => {
            const { document } = globalThis as unknown as {
              document: {
                createRange(): {
                  selectNodeContents(node: unknown): void;
                  getClientRects(): ArrayLike<{ readonly top: number; readonly width: number }>;
                };
              };
            };
            const range = document.createRange();
            range.selectNodeContents(td);
            const tops = new Set(
              Array.from(range.getClientRects())
                .filter((r) => r.width > 0)
                .map((r) => Math.round(r.top)),
            );
            return { text: td.textContent ?? '', lines: tops.size };
          })
          .filter((c) => c.lines > 1),
      );
      assert.deepEqual(broken, [], 'an e-mail address takes more than one line at 1280 px');

      // The sentences had as much width as the badges beside them (400 px each) and wrapped.
      await page.goto('/#/audit');
      const table = page.getByTestId('audit-table');
      await table.locator('tbody tr').first().waitFor();
      const width = (name: string) =>
        table
          .getByRole('columnheader', { name, exact: true })
          .evaluate((th) => th.getBoundingClientRect().width);
      const [sentences, outcomes] = [await width('What happened'), await width('Outcome')];
      assert.ok(
        sentences > 2 * outcomes,
        `"What happened" is ${sentences} px wide, "Outcome" ${outcomes} px: the sentences wrap beside room left empty`,
      );
      await screenshot(page, 'polish-columns-by-content');
      assertNoConsoleErrors(w.errors);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }));

/**
 * How many lines a text takes, and its words that break across two lines: one client rect per line
 * fragment of each text node (a range over the element), one per line of a word.
 */
const linesOf = (element: Locator): Promise<{ lines: number; brokenWords: string[] }> =>
  element.evaluate((el) => {
    const { document } = globalThis as unknown as InPage;
    // A loop, not a named helper: the test's compiler would wrap a named function in a helper the page lacks.
    const texts: InPageNode[] = [];
    const pending: InPageNode[] = Array.from((el as unknown as InPageElement).childNodes);
    while (pending.length > 0) {
      const node = pending.shift() as InPageNode;
      if (node.nodeType === 3) texts.push(node);
      else pending.unshift(...Array.from((node as unknown as InPageElement).childNodes));
    }
    const tops = new Set<number>();
    const brokenWords: string[] = [];
    for (const node of texts) {
      const text = node.textContent ?? '';
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of Array.from(range.getClientRects())) if (r.width > 0) tops.add(Math.round(r.top));
      for (const match of text.matchAll(/\S+/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        if (lines.size > 1) brokenWords.push(match[0]);
      }
    }
    return { lines: tops.size, brokenWords };
  });

test('the list’s "Next: simulate and activate" reads in at most two lines, whole words, inside its cell, at 390 to 1440 px', () =>
  flow(w, 'polish-next-step-lines', async () => {
    const { page } = w;
    try {
      await page.goto('/#/connections');
      for (const width of [390, 700, 1024, 1280, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        const next = row(page, 'Contoso HR').getByTestId('next-step');
        await next.waitFor();
        const { lines, brokenWords } = await linesOf(next);
        assert.ok(lines <= 2, `at ${width} px the hint takes ${lines} lines`);
        assert.deepEqual(brokenWords, [], `at ${width} px no word breaks`);
        const past = await next.evaluate((el) => {
          const cell = el.closest('td')?.getBoundingClientRect();
          return cell ? el.getBoundingClientRect().right - cell.right : 0;
        });
        assert.ok(past <= 0.5, `at ${width} px the hint reaches ${past} px past its cell`);
        await screenshot(page, `polish-next-step-lines-${width}`);
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('the list’s "Next: simulate and activate" is as wide as its words, its arrow beside them, at 390 to 1440 px', () =>
  flow(w, 'polish-next-step-fit', async () => {
    const { page } = w;
    try {
      await page.goto('/#/connections');
      for (const width of [390, 700, 1024, 1280, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        const next = row(page, 'Contoso HR').getByTestId('next-step');
        await next.waitFor();
        const fit = await next.evaluate((el) => {
          const { document } = globalThis as unknown as InPage;
          type Box = { left: number; right: number; top: number; bottom: number };
          const button = (el as unknown as { getBoundingClientRect(): Box }).getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(el);
          // The words' boxes only: each line of text, not the icon.
          const lines: Box[] = [];
          const pending: InPageNode[] = [el as unknown as InPageNode];
          while (pending.length > 0) {
            const node = pending.shift() as InPageNode;
            if (node.nodeType === 3) {
              range.selectNodeContents(node);
              for (const r of Array.from(range.getClientRects()) as unknown as Box[])
                if (r.right > r.left) lines.push(r);
            } else pending.unshift(...Array.from((node as unknown as InPageElement).childNodes));
          }
          const svg = (el as unknown as InPageElement).querySelectorAll('svg')[0] as unknown as {
            getBoundingClientRect(): Box;
          };
          const icon = svg.getBoundingClientRect();
          const middle = (icon.top + icon.bottom) / 2;
          const beside = lines.filter((l) => middle >= l.top && middle <= l.bottom);
          // No line beside the arrow (it sat centred between two lines): as far as can be.
          const gap = Math.min(
            ...beside.map((l) => (icon.left >= l.right ? icon.left - l.right : l.left - icon.right)),
          );
          const right = Math.max(icon.right, ...lines.map((l) => l.right));
          const left = Math.min(icon.left, ...lines.map((l) => l.left));
          return {
            gap: Math.round(gap),
            spare: Math.round(button.right - right + (left - button.left)),
            lines: new Set(lines.map((l) => Math.round(l.top))).size,
          };
        });
        assert.ok(
          fit.gap <= 12,
          `at ${width} px the arrow is ${fit.gap} px from the words beside it (spare ${fit.spare} px)`,
        );
        assert.ok(
          fit.spare <= 24,
          `at ${width} px the button is ${fit.spare} px wider than its words and arrow`,
        );
        assert.ok(fit.lines <= 2, `at ${width} px the words take ${fit.lines} lines`);
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

/** The connection list's command bar in rows, top to bottom: each row its items' words and widths. */
const commandRows = (page: Page) =>
  page.locator('[role="toolbar"][aria-label="Connection commands"]').evaluate((toolbar) => {
    const bar = (toolbar as unknown as InPageElement).parentElement as InPageElement;
    const items = Array.from(
      bar.querySelectorAll(
        '[role="toolbar"] > button, [role="toolbar"] > * > button, input, [data-testid="connection-count"], button[aria-label="Refresh"]',
      ),
    )
      .map((el) => {
        const r = el.getBoundingClientRect() as unknown as { top: number; height: number; right: number };
        const words =
          (el.textContent ?? '').trim() || el.getAttribute('aria-label') || el.tagName.toLowerCase();
        return {
          words,
          top: Math.round(r.top),
          height: r.height,
          right: r.right,
          button: el.getAttribute('data-operation') !== null,
        };
      })
      .filter((i) => i.height > 0);
    const tops = [...new Set(items.map((i) => i.top))].sort((a, b) => a - b);
    // Items a few pixels apart in height sit on the same row.
    const rows: (typeof items)[] = [];
    for (const top of tops) {
      const last = rows.at(-1);
      const here = items.filter((i) => i.top === top);
      if (last && top - (last[0]?.top ?? 0) < 16) last.push(...here);
      else rows.push(here);
    }
    return { right: bar.getBoundingClientRect().right, rows };
  });

test('the connection list’s command bar wraps into at most two rows at 1024 and 1280 px, no button alone on a row; each button whole at 390 to 1280 px', () =>
  flow(w, 'polish-connection-commands', async () => {
    const { page } = w;
    try {
      await page.goto('/#/connections');
      for (const width of [390, 1024, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await row(page, 'Contoso HR').waitFor();
        const { right, rows } = await commandRows(page);
        const shown = rows.map((r) => r.map((i) => i.words).join(' · ')).join(' / ');
        for (const i of rows.flat()) {
          assert.ok(i.right <= right + 0.5, `at ${width} px "${i.words}" reaches past the bar: ${shown}`);
          if (i.button)
            assert.ok(i.height <= 33, `at ${width} px "${i.words}" is ${i.height} px high: ${shown}`);
        }
        if (width >= 1024)
          assert.ok(rows.length <= 2, `at ${width} px the bar takes ${rows.length} rows: ${shown}`);
        const buttonRows = rows.filter((r) => r.some((i) => i.button));
        if (width >= 1024 && buttonRows.length > 1)
          for (const r of buttonRows)
            assert.ok(r.length > 1, `at ${width} px "${r[0]?.words}" is alone on a row: ${shown}`);
        await screenshot(page, `polish-connection-commands-${width}`);
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('at 1280 and 1440 px a run’s filter bar stays put while a person’s side panel opens and closes', () =>
  flow(w, 'polish-filters-stay', async () => {
    const { page } = w;
    // By CSS, not role: an open side panel hides the page from the accessibility tree.
    const filters = page.locator('section[aria-label="Persons in this run"] label');
    const settled = () =>
      page.evaluate(() =>
        Promise.all((globalThis as unknown as InPage).document.getAnimations().map((a) => a.finished)),
      );
    /** Where each filter's label is: "Action 269,795". */
    const where = async () =>
      (await filters.all()).length === 0
        ? []
        : filters.evaluateAll((labels) =>
            labels.map((l) => {
              const r = l.getBoundingClientRect();
              return `${(l.textContent ?? '').trim()} ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}`;
            }),
          );
    try {
      for (const width of [1280, 1440]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`/#/runs/${hrRunId}`);
        const drawer = page.getByTestId('run-item-drawer');
        const first = page.locator('section[aria-label="Persons in this run"] tbody tr').first();
        await first.waitFor();
        // In view first: the click then scrolls nothing, and the labels are compared where the window shows them.
        await first.scrollIntoViewIfNeeded();
        await settled();
        const before = await where();
        assert.ok(before.length >= 5, `the filters are there: ${before.join(' | ')}`);
        await first.locator('td').first().click();
        await page.getByRole('dialog').waitFor();
        await settled();
        assert.deepEqual(await where(), before, `at ${width} px the filters moved when the panel opened`);
        await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        await settled();
        assert.deepEqual(await where(), before, `at ${width} px the filters moved when the panel closed`);
        // The panel leaves after its closing animation: waited for, not counted at once.
        await drawer.waitFor({ state: 'detached' });
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('at 390 px each of a run’s filter fields fills the row, so they line up evenly', () =>
  flow(w, 'polish-filters-phone', async () => {
    const { page } = w;
    try {
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(`/#/runs/${hrRunId}`);
      const section = page.locator('section[aria-label="Persons in this run"]');
      await section.locator('tbody tr').first().waitFor();
      const { bar, fields } = await section.evaluate((el) => {
        const row = (el as unknown as InPageElement).querySelectorAll('div')[0] as InPageElement;
        const controls = Array.from(
          row.querySelectorAll(
            '.fui-Field > .fui-Select, .fui-Field > .fui-SearchBox, .fui-Field > .fui-Input',
          ),
        );
        return {
          bar: row.getBoundingClientRect().width,
          fields: controls.map((c) => {
            const label = (c.parentElement?.querySelectorAll('label')[0]?.textContent ?? '').trim();
            return { label, width: Math.round(c.getBoundingClientRect().width) };
          }),
        };
      });
      assert.ok(fields.length >= 6, `the filter fields are there: ${JSON.stringify(fields)}`);
      for (const f of fields)
        assert.ok(
          Math.abs(f.width - bar) <= 1,
          `"${f.label}" is ${f.width} px wide in a ${Math.round(bar)} px filter bar: ${JSON.stringify(fields)}`,
        );
      await screenshot(page, 'polish-filters-phone');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

/**
 * The attribute changes of the first person the run creates, in their side panel (a create changes
 * every attribute, so each kind of value is there).
 */
async function createdPersonsChanges(page: Page): Promise<Locator> {
  const created = page
    .locator('section[aria-label="Persons in this run"] tbody tr', { hasText: 'Create' })
    .filter({ hasText: 'Success' });
  await created.first().locator('td').first().click();
  const changes = page.getByTestId('attribute-changes');
  await changes.waitFor();
  return changes;
}

test('at 390 and 1280 px a person’s attribute changes break a technical name only between its words, inside its column', () =>
  flow(w, 'polish-technical-names', async () => {
    const { page } = w;
    try {
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`/#/runs/${hrRunId}`);
        // A person the simulation creates: every attribute is a change.
        const changes = await createdPersonsChanges(page);
        const names = changes.locator('[data-technical-name]');
        const shown = await names.allTextContents();
        for (const name of ['userPrincipalName', 'employeeHireDate']) {
          assert.ok(
            shown.some((s) => s.includes(name)),
            `${name} is among the changes: ${shown.join(' ')}`,
          );
        }
        const problems: string[] = [];
        for (const name of await names.all()) {
          const text = (await textOf(name)).trim();
          const { brokenWords } = await linesOf(name);
          if (brokenWords.length > 0) problems.push(`${text} breaks inside ${brokenWords.join(', ')}`);
          const past = await name.evaluate((el) => {
            const cell = el.closest('td')?.getBoundingClientRect();
            return cell ? el.getBoundingClientRect().right - cell.right : 0;
          });
          if (past > 0.5) problems.push(`${text} reaches ${Math.round(past)} px past its column`);
        }
        await changes.scrollIntoViewIfNeeded();
        await screenshot(page, `polish-technical-names-${width}`, { window: true });
        assert.deepEqual(problems, [], `at ${width} px`);
        await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('at 1280 and 390 px an address among a person’s attribute changes breaks only before its "@" or a "." of its domain', () =>
  flow(w, 'polish-address-values', async () => {
    const { page } = w;
    try {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`/#/runs/${hrRunId}`);
        const changes = await createdPersonsChanges(page);
        const addresses = changes.locator('td', { hasText: /\S@\S/ });
        assert.ok((await addresses.count()) >= 2, 'the UPN and e-mail address are among the changes');
        const problems: string[] = [];
        for (const cell of await addresses.all()) {
          // Each piece between two break points is a text node of its own: none may be broken.
          const { brokenWords } = await linesOf(cell);
          if (brokenWords.length > 0) problems.push(`${await textOf(cell)} breaks inside ${brokenWords}`);
        }
        await screenshot(page, `polish-address-values-${width}`, { window: true });
        assert.deepEqual(problems, [], `at ${width} px`);
        await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));

test('on a phone a person’s attribute changes stack: each value has the card’s width and no word of it breaks', () =>
  flow(w, 'polish-changes-phone', async () => {
    const { page } = w;
    try {
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(`/#/runs/${hrRunId}`);
      const changes = await createdPersonsChanges(page);
      const table = await changes.evaluate((el) => el.getBoundingClientRect().width);
      const values = changes.locator('tbody td[data-label="New"]');
      assert.ok((await values.count()) >= 10, 'a create changes every attribute');
      const problems: string[] = [];
      for (const cell of await values.all()) {
        const text = (await textOf(cell)).trim();
        const width = await cell.evaluate((el) => el.getBoundingClientRect().width);
        if (width < 0.8 * table) problems.push(`${text}: ${Math.round(width)} of ${Math.round(table)} px`);
        const { brokenWords } = await linesOf(cell);
        if (brokenWords.length > 0) problems.push(`${text} breaks inside ${brokenWords.join(', ')}`);
      }
      await changes.scrollIntoViewIfNeeded();
      await screenshot(page, 'polish-changes-phone', { window: true });
      assert.deepEqual(problems, []);
      // The header stays for screen readers: the table still says which value is old and which new.
      assert.deepEqual(await changes.getByRole('columnheader').allTextContents(), [
        'Attribute',
        'Old',
        'becomes',
        'New',
      ]);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    assertNoConsoleErrors(w.errors);
  }));
