/**
 * The demo a newcomer starts with `npm start` (src/app startDemo: the service, both emulators and a
 * generated Dutch company), seen through the console: sign in with the printed credentials, find
 * the prepared connection ready to simulate, simulate it and read what would happen to real-looking
 * people.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { loadServiceConfig, type RunningDemo, startDemo } from '../../src/app/index.ts';
import { afasAuthorization } from '../../src/sources/afas/afas-token.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, expectState, flow, row, textOf } from './support/console.ts';
import { WEB_DIST } from './support/stack.ts';

let dataDir: string;
let demo: RunningDemo;
let browser: Browser;
let w: WatchedPage;
const printed: string[] = [];
/** The simulation the first test runs: the last test reads its reasons. */
let simulationUrl = '';

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hrsync-demo-'));
  const config = {
    ...loadServiceConfig({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent' }, {}),
    webDir: WEB_DIST,
    pollMs: 100,
  };
  [demo, browser] = await Promise.all([
    startDemo(config, { print: (l) => printed.push(l) }),
    launchChromium(),
  ]);
  w = await openPage(browser, demo.service.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await demo?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('the demo: sign in with the printed credentials and simulate the prepared connection', () =>
  flow(w, 'demo', async () => {
    const { page } = w;
    assert.ok(
      printed.some((l) => l.includes(demo.service.url)),
      'the demo prints its URL',
    );
    assert.ok(printed.some((l) => l.includes(demo.signIn.email) && l.includes(demo.signIn.password)));

    await page.goto('/');
    await page.getByLabel('E-mail address').fill(demo.signIn.email);
    await page.getByLabel('Password').fill(demo.signIn.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const name = 'Contoso — AFAS to Microsoft 365';
    await row(page, name).locator('[data-state="simulation"]').waitFor();
    await screenshot(page, '50-demo-connections');

    await page.getByRole('link', { name }).click();
    await expectState(page, 'simulation');
    await screenshot(page, '51-demo-connection-details');
    await page.getByRole('link', { name: /^5\. Simulation/ }).click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
    simulationUrl = page.url();
    const creates = Number(
      await page.locator('[data-testid="action-counts"] [data-action="create"]').getAttribute('data-count'),
    );
    assert.ok(creates > 0, 'the demo company has people to create accounts for');
    await page.getByTestId('run-items').waitFor();
    await screenshot(page, '52-demo-simulation');
    await page.locator('select[name="filter-action"]').selectOption('create');
    // A create that succeeds (the too-long name fails, and has no attributes to show).
    await page
      .getByTestId('run-items')
      .locator('tbody tr')
      .filter({ hasNotText: 'Vanderzwaluwenburg' })
      .first()
      .getByRole('button')
      .click();
    await page.getByTestId('attribute-changes').waitFor();
    await screenshot(page, '53-demo-person-detail');
    assertNoConsoleErrors(w.errors);
  }));

test('the demo shows a too-long name failing with the reason, and the pilot connection’s quarantined person', () =>
  flow(w, 'demo-showcase', async () => {
    const { page } = w;
    // The test before left a person's panel open: closed with its button, and gone before the list is
    // used (an Escape pressed before the panel held the focus was once lost, leaving the list behind it).
    const panel = page.getByRole('dialog');
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
    // Still on the simulation's items, filtered to creates: the failed one is the 67-character surname.
    await page.locator('select[name="filter-status"]').selectOption('failed');
    // The listing's own total, once it answers for the new filter (counting rows while the table is
    // still being replaced would read a table in between).
    const total = page.getByTestId('item-count');
    await total
      .filter({ hasText: /^1 person\b/ })
      .waitFor({ timeout: 15_000 })
      .catch(async (e: unknown) =>
        assert.fail(
          `the only failed create is the too-long name; the listing says "${await total.textContent()}" (${e})`,
        ),
      );
    const failed = page.getByTestId('run-items').locator('tbody tr');
    await failed.filter({ hasText: 'Vanderzwaluwenburg' }).getByRole('button').click();
    await page
      .getByText(/Last name · surname “[^”]*” has 67 characters, at most 64 are allowed/)
      .first()
      .waitFor();
    await screenshot(page, '54-demo-too-long-name');
    await page.keyboard.press('Escape');

    await page.goto('/');
    await page.getByRole('link', { name: 'Contoso — pilot: one person' }).click();
    await expectState(page, 'active');
    const quarantined = page.getByTestId('quarantine');
    await quarantined.getByText(`(${demo.quarantinedEmployee})`).waitFor();
    await quarantined.getByText(/privileged administrator role/).waitFor();
    await screenshot(page, '55-demo-quarantined');
    assertNoConsoleErrors(w.errors);
  }));

test('the run page says why for every person in plain words, with the engine’s detail one click away', () =>
  flow(w, 'demo-reasons', async () => {
    const { page } = w;
    // A fresh page: a hash-only navigation to the URL the page already shows would keep its filters.
    await page.goto(simulationUrl);
    await page.reload();
    const rows = page.getByTestId('run-items').locator('tbody tr');
    await rows.first().waitFor();
    await page.locator('select[name="page-size"]').selectOption('200');
    await page.getByText(/^Page \(of/).waitFor({ state: 'detached' });
    await rows.nth(50).waitFor();
    const reasons = await page.getByTestId('item-reason').allTextContents();
    assert.equal(reasons.length, await rows.count(), 'every person has a why');
    for (const r of reasons) {
      // Words, not engine shorthand: no "(s)", no "lifecycle gone;", no object ids.
      assert.match(r, /^[A-Z0-9"]/, r);
      assert.doesNotMatch(r, /\(s\)|lifecycle |[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/, r);
    }
    const some = (re: RegExp) =>
      assert.ok(
        reasons.some((r) => re.test(r)),
        `${re} in ${reasons.join('\n')}`,
      );
    some(/^Starts on \d{1,2} \w{3,4} \d{4} — account \S+@contoso\.nl created disabled 14 days before$/);
    some(/^Left on \d{1,2} \w{3,4} \d{4} — account disabled/);
    some(/^Updates 1 attribute: (department|job title) .+ → .+$/);
    some(
      /^2 accounts have employee ID \d+: \S+@contoso\.nl \(.+\); \S+@contoso\.nl \(.+\) — link the person to one of them/,
    );

    await rows
      .filter({ hasText: /Starts on .* created disabled/ })
      .first()
      .getByRole('button')
      .click();
    const drawer = page.getByTestId('run-item-drawer');
    const steps = drawer.getByTestId('step-text');
    await steps.first().waitFor();
    const texts = await steps.allTextContents();
    assert.match(texts[0] ?? '', /^Starts on \d{1,2} \w{3,4} \d{4} \(1 employment: .+, \d+-1-1\)$/);
    assert.equal(texts[1], 'In scope: there are no scoping filters, so everyone is managed');
    assert.match(texts[2] ?? '', /^No existing account found \(looked for employee ID \d+\)$/);
    assert.equal(await drawer.getByTestId('step-detail').count(), 0, 'the detail waits for a click');
    await drawer.getByTestId('step-detail-toggle').first().click();
    assert.match(
      (await drawer.getByTestId('step-detail').first().textContent()) ?? '',
      /^person lifecycle=pre-hire /,
    );
    await screenshot(page, '56-demo-reasons');
    await page.keyboard.press('Escape');

    // A first simulation links no one yet: managers are named by what AFAS says, in the API's words
    // (which the console, the CLI and the exports show), and in the drawer's attribute changes.
    const runId = /\/runs\/([^/?#]+)/.exec(simulationUrl)?.[1];
    const answer = await page.request.get(`/api/v1/runs/${runId}/items?action=create&pageSize=200`);
    assert.equal(answer.status(), 200);
    const created = (await answer.json()) as {
      items: { displayName: string; steps: { text: string }[]; managerNames?: Record<string, string> }[];
    };
    const managerWords = created.items.flatMap((i) =>
      i.steps.map((st) => st.text).filter((t) => t.startsWith('Manager ')),
    );
    assert.ok(managerWords.length > 0, 'new employees get a manager');
    for (const t of managerWords) assert.match(t, /^Manager set to [^\d(]+ \(\d+\)$/, t);
    const withManager = created.items.find((i) => i.steps.some((st) => st.text.startsWith('Manager set to')));
    assert.ok(withManager?.managerNames && Object.keys(withManager.managerNames).length === 1);
    await page.locator('select[name="filter-action"]').selectOption('create');
    const search = page.getByLabel('Search persons by name or employee number');
    await search.fill(withManager.displayName);
    await search.press('Enter');
    await rows.filter({ hasText: withManager.displayName }).first().getByRole('button').click();
    await drawer
      .getByTestId('step-text')
      .filter({ hasText: /^Manager set to [^\d(]+ \(\d+\)$/ })
      .waitFor();
    const managerName = Object.values(withManager.managerNames)[0] ?? '?';
    await drawer.getByTestId('attribute-changes').getByText(managerName, { exact: false }).first().waitFor();
    await page.keyboard.press('Escape');
    assertNoConsoleErrors(w.errors);
  }));

test('the "No change" tile lists the persons with no change, though "Show persons with no change" is off', () =>
  flow(w, 'demo-no-change-tile', async () => {
    const { page } = w;
    // A new document on the run's own address (no review in it): not a change of hash in the page the
    // test before left filtered (CI at 8f608f9 once clicked the tile with that page's search still set).
    await page.goto('about:blank');
    await page.goto(simulationUrl.replace(/\?.*$/, ''));
    await page.getByTestId('run-items').locator('tbody tr').first().waitFor();
    assert.equal(await page.getByLabel('Search persons by name or employee number').inputValue(), '');
    const tile = page.locator('[data-testid="action-counts"] [data-action="no-change"]');
    const unchanged = Number(await tile.getAttribute('data-count'));
    assert.ok(unchanged > 0, 'the demo company has persons with no change');
    assert.equal(await page.getByTestId('show-unchanged').isChecked(), false);
    await tile.click();
    const total = page.getByTestId('item-count');
    await total
      .filter({ hasText: new RegExp(`^${unchanged} persons$`) })
      .waitFor({ timeout: 15_000 })
      .catch(async (e: unknown) =>
        assert.fail(
          `the tile says ${unchanged} persons with no change; the page shows "${await page
            .locator('section[aria-label="Persons in this run"]')
            .textContent()}" (${e})`,
        ),
      );
    const actions = await page
      .getByTestId('run-items')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent ?? ''));
    assert.ok(actions.length > 0);
    assert.deepEqual([...new Set(actions)], ['No change']);
    assertNoConsoleErrors(w.errors);
  }));

test('a search longer than the service takes is cut while typing, not refused with the API’s field name', () =>
  flow(w, 'demo-long-search', async () => {
    const { page } = w;
    await page.goto(simulationUrl);
    await page.reload();
    await page.getByTestId('run-items').locator('tbody tr').first().waitFor();
    const search = page.getByLabel('Search persons by name or employee number');
    await search.fill('x'.repeat(250));
    assert.equal((await search.inputValue()).length, 200, 'the box holds what the service accepts');
    await search.press('Enter');
    await page.getByText('No person matches these filters').waitFor();
    assert.equal(await page.getByText(/must have at most/).count(), 0);
    assertNoConsoleErrors(w.errors);
  }));

test('at 390 px the conflict’s candidate accounts keep each UPN inside its column and whole', () =>
  flow(w, 'demo-candidates-390', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(simulationUrl);
      await page.reload();
      await page.getByTestId('run-items').locator('tbody tr').first().waitFor();
      await page.locator('[data-testid="action-counts"] [data-action="conflict"]').click();
      await page
        .getByTestId('item-count')
        .filter({ hasText: /^1 person\b/ })
        .waitFor();
      await page.getByTestId('run-items').locator('tbody tr').first().getByRole('button').first().click();
      const cells = page.getByTestId('candidate-accounts').locator('tbody td');
      await cells.first().waitFor();
      await screenshot(page, '57-demo-candidates-390');
      const spilled = await cells.evaluateAll((tds) =>
        tds
          .filter((td) => td.scrollWidth > td.clientWidth + 1)
          .map((td) => `"${td.textContent}" needs ${td.scrollWidth} px in ${td.clientWidth}`),
      );
      assert.deepEqual(spilled, [], 'a cell’s text runs over the next column');
      // Inside its column is not enough: five columns in the phone's width broke each UPN in four
      // ("ijke.de" / "vries@" / "contos" / "o.nl"); on a phone each account is a card of its own.
      assert.deepEqual(await badBreaks(cells), [], 'a candidate account broke mid-word at 390 px');
      await page.keyboard.press('Escape');
      assertNoConsoleErrors(w.errors);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }));

test('the next page of persons opens at its first person, not at the bottom where the pager is', () =>
  flow(w, 'demo-next-page', async () => {
    const { page } = w;
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      try {
        await page.goto(simulationUrl);
        await page.reload();
        const rows = page.getByTestId('run-items').locator('tbody tr');
        await rows.first().waitFor();
        const range = page.getByRole('navigation', { name: 'Pages of persons' });
        await range.getByText(/^1–50 of \d+$/).waitFor();
        // The pager is under the 50th person: that is where the reader is when they press it.
        await page.getByRole('button', { name: 'Next page' }).scrollIntoViewIfNeeded();
        await page.getByRole('button', { name: 'Next page' }).click();
        await range.getByText(/^51–\d+ of \d+$/).waitFor();
        const first = await rows.first().evaluate((tr) => {
          const { innerHeight } = globalThis as unknown as { innerHeight: number };
          const r = tr.getBoundingClientRect();
          return { top: Math.round(r.top), bottom: Math.round(r.bottom), window: innerHeight };
        });
        // At 390 px it was 2,273 px above the window: page 2 opened at its last persons.
        assert.ok(
          first.top >= 0 && first.bottom <= first.window,
          `at ${width} px the first person of page 2 is outside the window: ${JSON.stringify(first)}`,
        );
      } finally {
        await page.setViewportSize({ width: 1440, height: 900 });
      }
    }
    assertNoConsoleErrors(w.errors);
  }));

/**
 * Where each address and each attribute's technical name in the run's items table breaks across lines:
 * an address anywhere but before "@" or "." or after a hyphen ("cisca.muller@contoso.n" / "l"), a
 * technical name anywhere but before one of its capitalised words ("employeeLeaveDateT" / "ime"), is
 * returned with "|" where it broke; a "·" on a line of its own is returned too.
 */
/** The page's own width, as a test reads it in the page. */
interface InWindow {
  readonly document: {
    readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
  };
}

/**
 * How far the page reaches past its window, sideways: 0 when it does not scroll sideways. The window
 * is the root's client width, not the viewport's: the console keeps room for a scrollbar from 601 px
 * up (index.html's scrollbar-gutter), which the page's width then leaves out.
 */
test('the demo says where the AFAS token for a connection of your own is: a file only its owner reads, which the AFAS emulator accepts, never printed', async () => {
  const { baseUrl, tokenFile } = demo.afas;
  assert.ok(
    printed.some((l) => l.includes(tokenFile) && l.includes('connection of your own')),
    printed.join('\n'),
  );
  const token = (await readFile(tokenFile, 'utf8')).trim();
  assert.ok(
    printed.every((l) => !l.includes(token)),
    'the token itself is not printed',
  );
  assert.equal((await stat(tokenFile)).mode & 0o077, 0, 'only its owner may read the token file');
  const withToken = await fetch(`${baseUrl}/metainfo`, {
    headers: { authorization: afasAuthorization(token) },
  });
  assert.equal(withToken.status, 200, await withToken.text());
  const without = await fetch(`${baseUrl}/metainfo`);
  assert.equal(without.status, 401);
});

const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const root = (globalThis as unknown as InWindow).document.documentElement;
    return Math.max(0, root.scrollWidth - root.clientWidth);
  });

const itemCells = (page: Page): Locator => page.getByTestId('run-items').locator('tbody td');

const badBreaks = (cellsOf: Locator): Promise<string[]> =>
  cellsOf.evaluateAll((cells) => {
    interface TextNode {
      readonly data: string;
      readonly nodeName: string;
    }
    interface InPage {
      readonly document: {
        createTreeWalker(root: unknown, show: number): { nextNode(): unknown };
        createRange(): {
          setStart(node: TextNode, offset: number): void;
          setEnd(node: TextNode, offset: number): void;
          getBoundingClientRect(): { readonly top: number };
        };
      };
    }
    const { document } = globalThis as unknown as InPage;
    const SHOW_ELEMENT_AND_TEXT = 1 | 4;
    const bad: string[] = [];
    for (const cell of cells) {
      // Each character with its text node, so a line's start can be measured by a one-character range;
      // a <br> reads as a line break (null: no node to measure), so an address and the display name
      // on the line below it are two words, not one address broken before the name.
      const chars: ({ node: TextNode; offset: number } | null)[] = [];
      const walker = document.createTreeWalker(cell, SHOW_ELEMENT_AND_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n as TextNode;
        if (text.nodeName === 'BR') chars.push(null);
        else if (text.nodeName === '#text')
          for (let i = 0; i < text.data.length; i++) chars.push({ node: text, offset: i });
      }
      const all = chars.map((c) => (c ? c.node.data[c.offset] : '\n')).join('');
      // No named helpers in here: the test's compiler wraps them in a function the page lacks.
      const tops: number[] = [];
      for (const c of chars) {
        if (!c) {
          tops.push(tops[tops.length - 1] ?? 0);
          continue;
        }
        const range = document.createRange();
        range.setStart(c.node, c.offset);
        range.setEnd(c.node, c.offset + 1);
        tops.push(range.getBoundingClientRect().top);
      }
      for (const m of all.matchAll(/\S+@\S+/g)) {
        let shown = '';
        for (let i = m.index; i < m.index + m[0].length; i++) {
          const ch = all[i] ?? '';
          const sensible = ch === '@' || ch === '.' || all[i - 1] === '-';
          if (i > m.index && (tops[i] ?? 0) > (tops[i - 1] ?? 0) + 2 && !sensible) shown += '|';
          shown += ch;
        }
        if (shown.includes('|')) bad.push(shown);
      }
      for (const m of all.matchAll(
        /(?<![\p{L}\p{N}@.])[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+(?![\p{L}\p{N}@])/gu,
      )) {
        let shown = '';
        for (let i = m.index; i < m.index + m[0].length; i++) {
          const ch = all[i] ?? '';
          const sensible = ch >= 'A' && ch <= 'Z';
          if (i > m.index && (tops[i] ?? 0) > (tops[i - 1] ?? 0) + 2 && !sensible) shown += '|';
          shown += ch;
        }
        if (shown.includes('|')) bad.push(shown);
      }
      // A separator alone on its line ("Employee leave date" / "·" / "employeeLeaveDateTime").
      for (const m of all.matchAll(/·/g)) {
        let p = m.index - 1;
        while (p >= 0 && /\s/.test(all[p] ?? '')) p--;
        let q = m.index + 1;
        while (q < all.length && /\s/.test(all[q] ?? '')) q++;
        const top = tops[m.index] ?? 0;
        if (p >= 0 && q < all.length && top > (tops[p] ?? 0) + 2 && (tops[q] ?? 0) > top + 2)
          bad.push(`· alone: ${all.slice(Math.max(0, p - 20), q + 20)}`);
      }
    }
    return bad;
  });

test('the run page reads well at 1280 and 390 px: the why has room, addresses wrap before "@" or ".", a leave date reads as the day the person left', () =>
  flow(w, 'demo-run-review-fit', async () => {
    const { page } = w;
    try {
      // A second simulation, so "Compare with" has a run to offer.
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto('/');
      await page.getByRole('link', { name: 'Contoso — AFAS to Microsoft 365' }).click();
      await page.getByRole('link', { name: /^5\. Simulation/ }).click();
      await page.getByRole('button', { name: /^(Run simulation|Simulate again)$/ }).click();
      await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
      await page.getByRole('combobox', { name: 'Compare with' }).waitFor();
      const rows = page.getByTestId('run-items').locator('tbody tr');
      await rows.first().waitFor();

      // The why is a sentence: at 1280 px it had a sixth of the table (185 px), five to eight lines.
      const why = await page
        .getByTestId('run-items')
        .getByRole('columnheader', { name: 'Why' })
        .evaluate((th) => th.getBoundingClientRect().width);
      assert.ok(why >= 300, `the Why column is ${why} px wide at 1280 px`);
      assert.deepEqual(
        await badBreaks(itemCells(page)),
        [],
        'an address or a technical name broke mid-word at 1280 px',
      );
      assert.equal(await sidewaysOverflow(page), 0, 'the run page scrolls sideways at 1280 px');
      await screenshot(page, '58-demo-run-items-1280');

      // A leaver: "Left on 18 Sept 2026" and the leave date written (19 Sept, 00:00 there) name one day.
      await page.locator('select[name="filter-action"]').selectOption('disable');
      await rows.first().waitFor();
      const reasons = await page.getByTestId('item-reason').allTextContents();
      const leaver = reasons
        .map((r) => /^Left on (.+?) — account disabled; .*employee leave date \(empty\) → (.+?)$/.exec(r))
        .find((m) => m !== null);
      assert.ok(leaver, `a leaver whose leave date is written:\n${reasons.join('\n')}`);
      assert.equal(leaver[2], `end of ${leaver[1]}`, 'the leave date names the day the person left');
      await rows
        .filter({ hasText: `Left on ${leaver[1]}` })
        .first()
        .getByRole('button')
        .click();
      const written = page
        .getByTestId('attribute-changes')
        .locator('tr', { hasText: 'employeeLeaveDateTime' })
        .locator('td')
        .last();
      // The panel names the same day, then the instant as written to Microsoft 365.
      assert.match(
        await textOf(written),
        new RegExp(
          `^end of ${leaver[1]} — \\d{1,2} \\w{3,4} \\d{4}, 00:00 CES?T \\(\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00(\\.000)?Z\\)$`,
        ),
      );
      await page.keyboard.press('Escape');
      await page.getByTestId('run-item-drawer').waitFor({ state: 'detached' });

      // At 390 px the persons are cards, "Compare with" takes its own line: nothing scrolls sideways.
      await page.locator('select[name="filter-action"]').selectOption('');
      await page.setViewportSize({ width: 390, height: 844 });
      await rows.first().waitFor();
      const select = page.getByRole('combobox', { name: 'Compare with' });
      await select.scrollIntoViewIfNeeded();
      assert.equal(await sidewaysOverflow(page), 0, 'the page scrolls sideways at 390 px');
      const box = await select.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right };
      });
      assert.ok(box.left >= 0 && box.right <= 390, `the select is inside the window: ${JSON.stringify(box)}`);
      await page.getByTestId('compare-with-chosen').waitFor();
      assert.deepEqual(
        await badBreaks(itemCells(page)),
        [],
        'an address or a technical name broke mid-word at 390 px',
      );
      // The item panel of a mover: its changes' names ("Job title · jobTitle") break as the table's do.
      await page.locator('select[name="filter-action"]').selectOption('update');
      await rows.first().waitFor();
      const movers = await rows.count();
      assert.ok(movers > 0, 'the run has movers');
      for (let i = 0; i < Math.min(movers, 5); i++) {
        await rows.nth(i).getByRole('button').first().click();
        const drawer = page.getByTestId('run-item-drawer');
        await drawer.getByTestId('attribute-changes').waitFor();
        assert.deepEqual(
          await badBreaks(drawer.getByTestId('attribute-changes').locator('td')),
          [],
          'a changed attribute broke badly in the item panel at 390 px',
        );
        // Whatever the width: a "·" after an ordinary space could begin a line, or be left alone on one.
        assert.doesNotMatch(
          await textOf(drawer.getByTestId('attribute-changes')),
          / ·/,
          'a separator in the item panel is not joined to the label before it',
        );
        await page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'detached' });
      }
      await page.locator('select[name="filter-action"]').selectOption('');
      await screenshot(page, '59-demo-run-review-390', { window: true });
      assertNoConsoleErrors(w.errors);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }));
