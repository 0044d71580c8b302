/**
 * Exports in the console say what the service answered. Two exports of the organisation are held
 * open against the real service (their reading waits at a gate in front of the real store's audit
 * read), so a third is refused for real with 503 HRS_BUSY: the page says other exports are being
 * written and when to try again, beside the button, and no file is saved; once they are done, the
 * same button downloads the file under the service's name. A run still running offers no export —
 * the service refuses one by the same table — and offers both once it has finished.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Download } from 'playwright-core';
import {
  checkRunOperation,
  exportAuditEventsCsv,
  exportRunItemsCsv,
  pathFor,
  signIn,
  simulate,
} from '../../src/contracts/index.ts';
import { until } from '../support/until.ts';
import { launchChromium, openPage, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, flow, signIn as signInPage } from './support/console.ts';
import { configuredConnection, finishedRun } from './support/fixtures.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;
/** Audit exports that reached the store's read, and the gate they wait at while it is shut. */
let auditReads = 0;
let gate: { promise: Promise<void>; open: () => void } | undefined;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso (contoso.nl)');
  connectionId = await configuredConnection(stack, { name: 'Contoso exports', tenantId });
  const audit = stack.store.audit;
  const inBatches = audit.inBatches.bind(audit);
  audit.inBatches = async function* (...args) {
    auditReads += 1;
    await gate?.promise;
    yield* inBatches(...args);
  };
  w = await openPage(browser, stack.url);
  await signInPage(w.page, stack.users.admin);
});

after(async () => {
  gate?.open();
  await w?.close();
  await browser?.close();
  await stack?.close();
});

/** Another client of the organisation (the CLI, a colleague), signed in as the viewer. */
async function viewerCookie(): Promise<string> {
  const res = await fetch(stack.url + pathFor(signIn), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: stack.users.viewer.email, password: stack.users.viewer.password }),
  });
  assert.equal(res.status, 200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A download the browser saved, as text. */
async function saved(download: Download): Promise<string> {
  const path = await download.path();
  assert.ok(path, 'the download was saved');
  return readFile(path, 'utf8');
}

test('a refused export says why and when to try again beside the button; the button then downloads the file', () =>
  flow(w, 'export-busy', async () => {
    const { page } = w;
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.goto('/#/audit');
    await page
      .getByTestId('audit-count')
      .getByText(/\d+ events?/)
      .waitFor();

    // Two exports of the organisation held open by another client (the CLI, a colleague).
    const cookie = await viewerCookie();
    let open = () => {};
    gate = { promise: new Promise<void>((resolve) => (open = resolve)), open: () => open() };
    const held = await Promise.all(
      [1, 2].map(() => fetch(stack.url + pathFor(exportAuditEventsCsv), { headers: { cookie } })),
    );
    for (const h of held) assert.equal(h.status, 200);
    await until('both held exports reading the store', () => auditReads === 2);

    const button = page.getByRole('link', { name: 'Export CSV' });
    await button.click();
    const problem = page.getByTestId('export-problem');
    await problem.getByText('Export not started: other exports are being written').waitFor();
    const words = (await problem.textContent()) ?? '';
    assert.match(words, /already has 2 exports being written/);
    assert.match(words, /Try again in 10 seconds\./);
    assert.equal(downloads.length, 0, 'a refusal saves no file');

    // The held exports finish; the same button now downloads the whole file under the service's name.
    gate.open();
    for (const h of held)
      assert.match(Buffer.from(await h.arrayBuffer()).toString('utf8'), /^\uFEFFat,actor,/);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.equal(download.suggestedFilename(), 'audit-events.csv');
    assert.match(await saved(download), /^\uFEFFat,actor,/);
    await problem.waitFor({ state: 'detached' });
    assertNoConsoleErrors(w.errors);
  }));

test('a run still running offers no export (the service refuses it by the same table); finished, it offers both', () =>
  flow(w, 'export-unfinished-run', async () => {
    const { page } = w;
    // AFAS answers slowly, so the run is seen while it runs.
    await stack.slowDownAfas(8000);
    const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id: connectionId } });
    await page.goto(`/#/runs/${run.id}`);
    await page.getByTestId('exports-later').getByText('Exports once the run has finished').waitFor();
    assert.equal(await page.getByRole('link', { name: /^Export (CSV|JSON)$/ }).count(), 0);
    // The console's rule is the service's: it refuses the same export.
    assert.equal(checkRunOperation('export', 'running', 'simulation').ok, false);
    const refused = await fetch(stack.url + pathFor(exportRunItemsCsv, { id: run.id }), {
      headers: { cookie: await viewerCookie() },
    });
    assert.equal(refused.status, 409, await refused.text());

    assert.equal((await finishedRun(stack, run.id)).status, 'succeeded');
    const csv = page.getByRole('link', { name: 'Export CSV' });
    await csv.waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Export JSON' }).waitFor();
    assert.equal(await page.getByTestId('exports-later').count(), 0);
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    assert.equal(download.suggestedFilename(), `run-${run.id}-items.csv`);
    assert.match(await saved(download), /^\uFEFFemployeeNumber,/);
    assertNoConsoleErrors(w.errors);
  }));
