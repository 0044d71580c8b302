/**
 * A run's review lives in the URL, as the audit log's filter does: its action and status filters,
 * search, sort, page size, page, "Show persons with no change" and the person whose panel is open
 * survive a reload, travel in a shared link and step with Back; what the URL asks for that the page
 * does not know is not applied, said so, and never breaks the page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { simulate } from '../../src/contracts/index.ts';
import { launchChromium, openPage, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, assertValue, flow, signIn } from './support/console.ts';
import { activeConnection, configuredConnection, finishedRun } from './support/fixtures.ts';
import { afasData, people, type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let runId: string;

const PERSONS = 60;

before(async () => {
  [stack, browser] = await Promise.all([startStack({ persons: people(PERSONS) }), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso (contoso.nl)');
  const id = await configuredConnection(stack, { name: 'Contoso review', tenantId });
  await activeConnection(stack, id);
  // HR gives half the company a new title: the next simulation updates 30 and leaves 30 unchanged.
  const promoted = people(PERSONS).map((p, i) =>
    i >= PERSONS / 2 ? { ...p, jobs: p.jobs.map((j) => ({ ...j, title: 'Senior adviseur' })) } : p,
  );
  await stack.replaceAfasData(afasData(promoted));
  const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id } });
  assert.equal((await finishedRun(stack, run.id)).status, 'succeeded');
  runId = run.id;
  w = await openPage(browser, stack.url);
  await signIn(w.page, stack.users.admin);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

const query = (page: Page): URLSearchParams =>
  new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
const count = (page: Page): Locator => page.getByTestId('item-count');
const range = (page: Page): Locator => page.getByRole('navigation', { name: 'Pages of persons' });
const drawer = (page: Page): Locator => page.getByTestId('run-item-drawer');

test('filters, search, page, "no change" and the open person are in the URL: a reload and Back keep them', () =>
  flow(w, 'run-review-url', async () => {
    const { page } = w;
    await page.goto(`/#/runs/${runId}`);
    await count(page).getByText('30 persons (30 with no change hidden)').waitFor();
    assert.equal(query(page).toString(), '', 'the defaults are not written into the URL');

    await page.locator('select[name="filter-action"]').selectOption('update');
    await page.waitForURL(/[?&]action=update(&|$)/);
    // A click, not check(): the switch shows the URL's state, so it turns on once the route has changed,
    // which check() (verifying at once) took for a click that did nothing when the machine was busy.
    await page.getByTestId('show-unchanged').click();
    await count(page).getByText('30 persons', { exact: true }).waitFor();
    await page.locator('select[name="page-size"]').selectOption('25');
    await range(page).getByText('1–25 of 30').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await range(page).getByText('26–30 of 30').waitFor();
    const first = page.getByTestId('run-items').locator('tbody tr').first();
    const employee = (await first.getAttribute('data-employee')) ?? '';
    const name = ((await first.getByRole('button').first().textContent()) ?? '').trim();
    await first.getByRole('button').first().click();
    await drawer(page).getByText(name).first().waitFor();
    assert.deepEqual(Object.fromEntries(query(page)), {
      action: 'update',
      pageSize: '25',
      page: '2',
      noChange: 'show',
      person: employee,
    });

    // A reload (or the same link in another tab) shows the same persons, page and panel.
    await page.reload();
    await drawer(page).getByText(name).first().waitFor();
    assert.equal(await page.locator('select[name="filter-action"]').inputValue(), 'update');
    assert.equal(await page.locator('select[name="page-size"]').inputValue(), '25');
    assert.equal(await page.getByTestId('show-unchanged').isChecked(), true);
    await drawer(page).getByRole('button', { name: 'Close' }).click();
    await drawer(page).getByRole('button', { name: 'Close' }).waitFor({ state: 'detached' });
    assert.equal(query(page).get('person'), null, 'a closed panel leaves the URL');
    assert.equal(query(page).get('page'), '2', 'the page stays');
    await range(page).getByText('26–30 of 30').waitFor();

    // A search is applied with Enter, starts at its first page, and is in the URL too.
    const search = page.getByRole('searchbox', { name: 'Search persons by name or employee number' });
    await search.fill(employee);
    await search.press('Enter');
    await count(page).getByText('1 person', { exact: true }).waitFor();
    assert.equal(query(page).get('q'), employee);
    assert.equal(query(page).get('page'), null);
    await page.reload();
    await count(page).getByText('1 person', { exact: true }).waitFor();
    assert.equal(await search.inputValue(), employee, 'the search box shows the search after a reload');

    // Back returns to page 2 without the search; the box follows the URL.
    await page.goBack();
    await range(page).getByText('26–30 of 30').waitFor();
    await assertValue(search, '');

    // A summary tile is the same filter: the URL follows it, and clicking it again clears it.
    await page.goto(`/#/runs/${runId}`);
    await count(page).getByText('30 persons (30 with no change hidden)').waitFor();
    const tile = page.getByTestId('status-counts').locator('[data-status="success"]');
    await tile.click();
    await page.waitForURL(/[?&]status=success(&|$)/);
    await assertValue(page.locator('select[name="filter-status"]'), 'success');
    await tile.click();
    await page.waitForURL((url) => !url.hash.includes('status='));
    assertNoConsoleErrors(w.errors);
  }));

test('a link with values the page does not know shows the defaults, says what it ignored, never breaks', () =>
  flow(w, 'run-review-url-garbage', async () => {
    const { page } = w;
    const garbage = new URLSearchParams({
      action: 'explode',
      status: 'bogus',
      page: '-3',
      pageSize: '7',
      sort: 'sideways',
      noChange: 'maybe',
      q: 'x'.repeat(201),
      person: '9'.repeat(51),
      colour: 'blue',
    });
    await page.goto(`/#/runs/${runId}?${garbage}`);
    await count(page).getByText('30 persons (30 with no change hidden)').waitFor();
    assert.equal(await page.locator('select[name="filter-action"]').inputValue(), '');
    assert.equal(await page.locator('select[name="filter-status"]').inputValue(), '');
    assert.equal(await page.locator('select[name="sort"]').inputValue(), 'name');
    assert.equal(await page.locator('select[name="page-size"]').inputValue(), '50');
    const said = (await page.getByTestId('review-ignored').textContent()) ?? '';
    for (const part of [
      'action=explode',
      'status=bogus',
      'page=-3',
      'pageSize=7',
      'sort=sideways',
      'colour=blue',
    ])
      assert.ok(said.includes(`“${part}`), `the page says it ignored ${part}: ${said}`);
    // Changing anything writes a clean URL, and the notice goes.
    await page.locator('select[name="filter-action"]').selectOption('update');
    await page.getByTestId('review-ignored').waitFor({ state: 'detached' });
    assert.deepEqual(Object.fromEntries(query(page)), { action: 'update' });

    // A page past the end shows the last page (the URL is corrected in place).
    await page.goto(`/#/runs/${runId}?action=update&pageSize=25&page=9`);
    await range(page).getByText('26–30 of 30').waitFor();
    await page.waitForURL(/[?&]page=2(&|$)/);

    // A person who is not in the run: said, and dismissed.
    await page.goto(`/#/runs/${runId}?person=999999`);
    const missing = page.getByTestId('review-missing-person');
    await missing.getByText('No person with employee number “999999” is in this run.').waitFor();
    await missing.getByRole('button', { name: 'Dismiss' }).click();
    await missing.waitFor({ state: 'detached' });
    assert.equal(query(page).get('person'), null);

    // A malformed escape in the path is a run that does not exist, not a broken console.
    await page.goto('/#/runs/%E0%A4%A');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page
      .getByRole('button', { name: 'Try again' })
      .or(page.getByText(/not found|does not exist/i))
      .first()
      .waitFor();
    assertNoConsoleErrors(w.errors);
  }));
