/**
 * Plain language and one clock (issue 12, item 5): every time in one format with its zone named —
 * the connection's zone on its pages, the organisation's where no connection applies, never the
 * browser's — relative times where they help, audit events as sentences with the raw event one
 * click away, and a refused sign-in titled for what it is.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  createConnection,
  getConnection,
  listRuns,
  removeSchedule,
  saveSourceStep,
  setSchedule,
  updateOrganisation,
} from '../../src/contracts/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, assertValue, flow, row, signIn, textOf } from './support/console.ts';
import { activeConnection, configuredConnection } from './support/fixtures.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let connectionId: string;
let contosoTenantId: string;
const NAME = 'Contoso HR';

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const { tenantId } = await stack.addCustomerWithTenant('Contoso BV', 'Contoso');
  contosoTenantId = tenantId;
  connectionId = await configuredConnection(stack, { name: NAME, tenantId });
  await activeConnection(stack, connectionId);
  // The organisation works in New York; the connection (step 4) in Amsterdam; the browser's own
  // zone (Europe/Amsterdam in the test context) must not matter.
  await stack.api(updateOrganisation, { body: { timeZone: 'America/New_York' } });
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

// "3 Dec 2026, 13:03 CET": one format; the zone's name is part of it.
const amsterdam = /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} CES?T/;
const newYork = /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}(:\d{2})? GMT-[45]/;

test('a wrong password is called that', () =>
  flow(w, 'plain-sign-in', async () => {
    const { page } = w;
    await page.goto('/');
    await page.getByLabel('E-mail address').fill(stack.users.admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('error-message').getByText('Wrong e-mail address or password').waitFor();
  }));

test("times: the connection's zone on its pages, the organisation's elsewhere, with the zone named", () =>
  flow(w, 'plain-clock', async () => {
    const { page } = w;
    await signIn(page, stack.users.admin);
    const listed = await textOf(row(page, NAME));
    assert.match(listed, amsterdam, `the list shows the connection's zone: ${listed}`);

    await page.goto(`/#/connections/${connectionId}`);
    const last = page.getByText(amsterdam).first();
    await last.waitFor();
    assert.match(
      await textOf(page.locator('main')),
      /CES?T \((just now|\d+ minutes? ago)\)/,
      'with a relative time',
    );

    await page.goto('/#/users');
    await page.getByTestId('users-table').waitFor();
    const users = await textOf(page.getByTestId('users-table'));
    assert.match(users, newYork, `administration shows the organisation's zone: ${users}`);
    assert.doesNotMatch(users, amsterdam, "never the browser's zone");
    assertNoConsoleErrors(w.errors);
  }));

test("the schedule reads in the one format with its zone and the next run's distance; the audit log's date boxes are in the organisation's zone", () =>
  flow(w, 'plain-schedule', async () => {
    const { page } = w;
    await stack.api(setSchedule, {
      params: { id: connectionId },
      body: { start: '2026-05-01T08:00', every: 1, unit: 'days' },
    });
    try {
      await page.goto(`/#/connections/${connectionId}`);
      const schedule = page.getByText(/^Every day from /);
      await schedule.waitFor();
      assert.match(
        await textOf(schedule),
        /^Every day from 1 May 2026, 08:00 CEST · next run (in \d+ (hours?|minutes?)|tomorrow)$/,
      );
      assert.doesNotMatch(await textOf(page.locator('main')), /2026-05-01|\(Europe\/Amsterdam\)/);
      await screenshot(page, '79-schedule-line');
    } finally {
      await stack.api(removeSchedule, { params: { id: connectionId } });
    }

    // A custom range is typed in the organisation's zone (New York), as the log shows its times,
    // not the browser's (Amsterdam): 09:00 in New York in December is 14:00 UTC.
    await page.goto('/#/audit');
    await page.getByTestId('audit-table').waitFor();
    await page.locator('select[name="time-range"]').selectOption('custom');
    await page.getByLabel('From (America/New_York)').fill('2026-12-01T09:00');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => decodeURIComponent(url.hash).includes('from=2026-12-01T14:00:00.000Z'));
    await page.reload();
    await assertValue(page.getByLabel('From (America/New_York)'), '2026-12-01T09:00');
    assertNoConsoleErrors(w.errors);
  }));

test('the audit log reads as sentences; the raw event is one click away', () =>
  flow(w, 'plain-audit', async () => {
    const { page } = w;
    await page.goto('/#/audit');
    const activated = page
      .locator('[data-testid="audit-table"] tr[data-action="connection.state-changed"]')
      .first();
    await activated.waitFor();
    assert.match(
      await textOf(activated),
      new RegExp(`(GMT-5|^)Otto Operator activated the connection “${NAME}”\\.`),
      'the actor is the person’s name, not their e-mail address',
    );
    assert.match(await textOf(activated), newYork, "the audit log is in the organisation's zone");
    const sync = page.locator('[data-testid="audit-table"] tr[data-action="account.create"]').first();
    // The worker is "hrsync" in the sentence and in the event panel alike (it was "The sync · worker
    // (system)" in the panel of an event whose sentence said "hrsync").
    assert.match(await textOf(sync), /hrsync created the account of /);
    await screenshot(page, '80-audit-sentences');
    await sync.getByRole('button').first().click();
    const syncDrawer = page.getByTestId('audit-event-drawer');
    await syncDrawer.getByTestId('audit-details').waitFor();
    assert.match(await textOf(syncDrawer), /hrsync · worker \(system\)/);
    assert.doesNotMatch(await textOf(syncDrawer), /The sync/);
    await page.keyboard.press('Escape');
    await syncDrawer.getByTestId('audit-details').waitFor({ state: 'detached' });

    await activated.getByRole('button').first().click();
    const drawer = page.getByTestId('audit-event-drawer');
    await drawer.getByTestId('audit-details').waitFor();
    await drawer.getByTestId('tenant-name-loading').waitFor({ state: 'detached' });
    const raw = await textOf(drawer);
    assert.match(raw, /connection\.state-changed/, 'the raw action is shown');
    assert.match(raw, /operator@northwind\.test \(user\)/);
    // Above the recorded details, things are named, not shown as ids (the tenant, the run, the event).
    const [named = '', recorded = ''] = raw.split('Details as recorded');
    assert.doesNotMatch(named, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/, named);
    assert.match(recorded, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/, 'the ids stay one look away');
    await page.keyboard.press('Escape');
    assertNoConsoleErrors(w.errors);
  }));

test('attributes carry the admin center’s label beside their name; run steps, requester and errors are in words', () =>
  flow(w, 'plain-attributes', async () => {
    const { page } = w;
    const runs = await stack.api<{ items: { id: string; kind: string }[] }>(listRuns, {
      params: { id: connectionId },
    });
    const syncId = runs.items.find((r) => r.kind === 'sync')?.id;
    assert.ok(syncId, 'the connection has a sync');
    await page.goto(`/#/runs/${syncId}`);
    await page.getByTestId('status-counts').waitFor();
    const main = await textOf(page.locator('main'));
    assert.match(main, /Requested.* by Otto Operator/, `the requester by name: ${main.slice(0, 400)}`);
    assert.doesNotMatch(main, /operator@northwind\.test/);
    const changes = await textOf(page.getByTestId('run-items'));
    // \s: the separator is joined to the label by a no-break space (never alone on a line).
    assert.match(changes, /First name\s· givenName/, 'the changes column names attributes in words');

    await page.getByTestId('run-items').getByRole('button').filter({ hasText: /\S/ }).first().click();
    const drawer = page.getByTestId('run-item-drawer');
    await drawer.getByTestId('attribute-changes').waitFor();
    // The separator is joined to the label by a no-break space; the words are what this is about.
    const detail = (await textOf(drawer)).replaceAll('\u00a0', ' ');
    for (const shown of [
      'First name · givenName',
      'Last name · surname',
      'User principal name · userPrincipalName',
    ])
      assert.ok(detail.includes(shown), `the item panel shows “${shown}”: ${detail}`);
    // A raw step name stands alone as a label; the words may say "In scope: …".
    assert.doesNotMatch(detail, /(?<!In )\b(read|scope|match|plan|guard|apply)\b(?! )/, 'no raw step names');
    assert.match(detail, /Finding the account|Planned change|Making the change/, 'steps in words');
    await screenshot(page, '81-attribute-labels');
    await page.keyboard.press('Escape');

    // Step 3: the matching precedence names the attribute the same way.
    await page.goto(`/#/connections/${connectionId}/steps/3`);
    const matching = page.getByRole('list', { name: 'Matching attributes in precedence order' });
    await matching.waitFor();
    assert.match(await textOf(matching), /Employee ID\s· employeeId/);

    // A refused value names the field as the form does, not by its JSON name.
    await page.goto(`/#/connections/${connectionId}/steps/4`);
    const most = page.getByLabel('Most disables + deletes per run');
    await most.waitFor();
    await page.route('**/api/v1/connections/*/steps/4', async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      const body = JSON.parse(route.request().postData() ?? '{}');
      body.thresholds = { ...body.thresholds, maxDisableDeleteCount: -3 };
      await route.continue({ postData: JSON.stringify(body) });
    });
    await most.fill('50');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // The connection is active: saving step 4 asks first, because it sends it back to draft.
    await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
    const error = page.getByTestId('error-message').first();
    await error.waitFor();
    const refused = await textOf(error);
    await page.unroute('**/api/v1/connections/*/steps/4');
    assert.match(
      refused,
      /Safety thresholds › Most disables \+ deletes per run: must be at least 0/,
      refused,
    );
    assert.doesNotMatch(refused, /maxDisableDeleteCount/, 'no JSON field names');
    // The refused value stays typed in: discard it, or leaving the step asks first.
    await page.getByRole('button', { name: 'Discard changes' }).click();
    assertNoConsoleErrors(w.errors);
  }));

test('a second connection to the same tenant is warned about in words at step 2 and on the connection page', () =>
  flow(w, 'plain-same-tenant', async () => {
    const { page } = w;
    const second = await configuredConnection(stack, {
      name: 'Contoso HR (second)',
      tenantId: contosoTenantId,
    });
    await page.goto(`/#/connections/${second}/steps/2`);
    const atStep2 = page.getByTestId('warning-same-tenant');
    await atStep2.waitFor();
    const words = await textOf(atStep2);
    assert.match(words, /Another connection writes to this tenant/);
    assert.match(
      words,
      new RegExp(`“${NAME}” already writes to the same Microsoft 365 tenant, “Contoso”\\.`),
    );
    await screenshot(page, '82-same-tenant-step-2');

    await page.goto(`/#/connections/${connectionId}`);
    const onPage = page.getByTestId('warning-same-tenant');
    await onPage.waitFor();
    assert.match(await textOf(onPage), /“Contoso HR \(second\)” already writes to/);
    await onPage.getByRole('link', { name: 'Open “Contoso HR (second)”' }).waitFor();
    assertNoConsoleErrors(w.errors);
  }));

test('step 2 warns about another connection to the same tenant as soon as the tenant is chosen, before saving', () =>
  flow(w, 'plain-same-tenant-chosen', async () => {
    const { page } = w;
    const { id } = await stack.api<{ id: string }>(createConnection, {
      as: 'operator',
      body: { name: 'Contoso HR (third)', description: 'not saved yet', destinationType: 'cloud' },
    });
    await stack.api(saveSourceStep, {
      as: 'operator',
      params: { id },
      body: { environment: { baseUrl: stack.afas.baseUrl }, token: stack.afas.token.xml },
    });
    await page.goto(`/#/connections/${id}/steps/2`);
    await page.getByRole('heading', { name: /^2\. / }).waitFor();
    assert.equal(await page.getByTestId('warning-same-tenant').count(), 0, 'no tenant chosen, no warning');
    // Choosing the customer picks its only usable tenant, Contoso, which "Contoso HR" already writes to.
    await page.locator('select[name="customer"]').selectOption({ label: 'Contoso BV' });
    const warning = page.getByTestId('warning-same-tenant');
    await warning.waitFor();
    // A cloud connection offers only cloud tenants: each by its name alone, not "Contoso (cloud)".
    assert.equal(await page.locator('select[name="tenant"] option:checked').textContent(), 'Contoso');
    assert.match(
      await textOf(warning),
      new RegExp(`“${NAME}”.* to the same Microsoft 365 tenant, “Contoso”\\.`),
    );
    await warning.getByRole('link', { name: `Open “${NAME}”` }).waitFor();
    const saved = await stack.api<{ warnings: unknown[]; tenant: unknown }>(getConnection, {
      params: { id },
    });
    assert.deepEqual(saved.warnings, [], 'nothing was saved: the warning is about the choice');
    await screenshot(page, '83-same-tenant-chosen-step-2');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await warning.waitFor({ state: 'detached' });
    assertNoConsoleErrors(w.errors);
  }));

test('the audit log’s Outcome filter offers the outcomes in the words its table shows (Done, Failed, Refused)', () =>
  flow(w, 'plain-audit-outcome-filter', async () => {
    const { page } = w;
    await page.goto('/#/audit');
    await page.getByTestId('audit-table').waitFor();
    const outcome = page.locator('select[name="outcome"]');
    assert.deepEqual(await outcome.locator('option').allTextContents(), [
      'Any outcome',
      'Done',
      'Failed',
      'Refused',
    ]);
    await outcome.selectOption({ label: 'Done' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/#\/audit\?.*outcome=success/);
    assertNoConsoleErrors(w.errors);
  }));
