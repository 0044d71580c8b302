/**
 * An MSP administrator's whole day in the console, signed in with Microsoft, in one walk (issue 12's
 * "done when"). Sanne de Vries signs in through the real OpenID Connect flow against the MSP's own
 * Entra tenant (an identity emulator, apart from the customer's tenant), where an app role makes her
 * an hrsync administrator. Then, all through the console: she adds a customer and its tenant and
 * tests the credentials; sets up notifications (the organisation's mail server — a real SMTP server —
 * recipients and a signed webhook to a real HTTP receiver) and sends a test; invites a colleague,
 * whose invitation arrives by e-mail and who accepts it with his Microsoft account; creates an API
 * token (shown once) and revokes it; creates a connection through its five steps, simulates it and
 * reads the result, activates it and syncs once; schedules it. HR then ends four contracts, and the scheduled sync stops at the safety threshold:
 * she hears of it by e-mail and by webhook (its HMAC verifies) without looking at the console,
 * follows the e-mail's link to the run, and finally reads the day back in the audit log, as sentences.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import type { TenantDataset } from '../../emulators/demo-data/types.ts';
import {
  AUDIT_ACTIONS,
  getSession,
  listAuditEvents,
  pathFor,
  setMicrosoftSignIn,
} from '../../src/contracts/index.ts';
import { type MailCollector, startMailCollector } from '../support/mail-collector.ts';
import { signedWith, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { assertAccessible } from './support/axe.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import {
  addCustomer,
  assertNoConsoleErrors,
  configureAfasSource,
  confirmScopeStep,
  createCloudConnection,
  dialog,
  expectState,
  flow,
  navLink,
  revokeToken,
  row,
  saveStep,
  selectConnection,
  textOf,
  toolbarButton,
} from './support/console.ts';
import { afasData, people, type Stack, startStack } from './support/stack.ts';

const SANNE = { id: 'e1a2b3c4-0000-4000-8000-00000000b001', upn: 'sanne.devries@northwind.nl' };
const ADMIN_APP_ROLE = 'hrsync.Admin';
/** A colleague in the same Entra tenant, without the app role: the invitation gives him his role. */
const DAAN = 'daan.visser@northwind.nl';
/** The MSP's own Entra tenant: the people who sign in to hrsync. */
const NORTHWIND_ENTRA: TenantDataset = {
  tenantId: '7e4b1c2d-0000-4000-8000-0000000000aa',
  displayName: 'Northwind IT Services',
  domains: [{ id: 'northwind.nl', isVerified: true, isDefault: true }],
  users: [
    {
      id: SANNE.id,
      userPrincipalName: SANNE.upn,
      displayName: 'Sanne de Vries',
      givenName: 'Sanne',
      surname: 'de Vries',
      mailNickname: 'sanne.devries',
      accountEnabled: true,
      mail: SANNE.upn,
    },
    {
      id: 'e1a2b3c4-0000-4000-8000-00000000b002',
      userPrincipalName: DAAN,
      displayName: 'Daan Visser',
      givenName: 'Daan',
      surname: 'Visser',
      mailNickname: 'daan.visser',
      accountEnabled: true,
      mail: DAAN,
    },
  ],
  groups: [],
  subscribedSkus: [],
};
const CONNECTION = 'Contoso HR to Microsoft 365';
const SIGNING_KEY = 'northwind-webhook-signing-key-2026';
const ZONE = 'Europe/Amsterdam';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let smtp: MailCollector;
let receiver: WebhookReceiver;

before(async () => {
  [stack, browser, smtp, receiver] = await Promise.all([
    startStack({ identity: NORTHWIND_ENTRA, publicUrl: true }),
    launchChromium(),
    startMailCollector({ auth: { user: 'hrsync-mailer', pass: 'mailer-password-17' } }),
    startWebhookReceiver(),
  ]);
  // Done once, before the day: the organisation is linked to its Entra tenant (the settings page has
  // its own test), and the Entra admin gave Sanne the app role that maps to Administrator.
  const identity = stack.identity;
  assert.ok(identity);
  const app = identity.apps[0];
  assert.ok(app);
  const registration = identity.state.apps.get(app.clientId.toLowerCase());
  assert.ok(registration);
  registration.redirectUris.add(`${stack.url}/api/v1/session/microsoft/callback`);
  registration.appRoleAssignments.set(SANNE.id, [ADMIN_APP_ROLE]);
  await stack.api(setMicrosoftSignIn, {
    body: {
      enabled: true,
      tenantId: identity.tenantId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authorityHost: identity.url,
      mappings: [{ claim: 'roles', value: ADMIN_APP_ROLE, role: 'admin' }],
    },
  });
  w = await openPage(browser, stack.url, { identityEmulator: true });
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
  await smtp?.close();
  await receiver?.close();
});

test('Sanne signs in with Microsoft; her Entra app role makes her an administrator', () =>
  flow(w, 'day-sign-in', async () => {
    const { page } = w;
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
    // The identity emulator's sign-in page, reached through the authorize endpoint (PKCE).
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('code_challenge_method'), 'S256');
    await page.getByLabel('Email, phone, or Skype').fill(SANNE.upn);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    const session = (await (await page.request.get(pathFor(getSession))).json()) as {
      role: string;
      user: { name: string; email: string };
    };
    assert.deepEqual(
      [session.role, session.user.name, session.user.email],
      ['admin', 'Sanne de Vries', SANNE.upn],
    );
    await screenshot(page, '90-day-signed-in');
    assertNoConsoleErrors(w.errors);
  }));

test('she adds a customer and its tenant, and tests the tenant’s credentials', () =>
  flow(w, 'day-customer', async () => {
    const { page } = w;
    const contoso = await addCustomer(page, 'Contoso BV');

    const app = stack.graph.apps[0];
    assert.ok(app);
    await contoso.getByRole('button', { name: 'Add tenant' }).click();
    const form = dialog(page, 'Add a tenant for Contoso BV');
    await form.getByLabel('Name').fill('Contoso');
    await form.getByLabel('Directory (tenant) ID').fill(stack.graph.tenantId);
    await form.getByLabel('Verified domains').fill('contoso.nl, contoso.onmicrosoft.com');
    await form.getByLabel('App registration: application (client) ID').fill(app.clientId);
    await form.getByLabel('Client secret').fill(app.clientSecret);
    await form.getByLabel('Sign-in endpoint (authority host)').fill(stack.graph.url);
    await form.getByLabel('Microsoft Graph endpoint').fill(stack.graph.url);
    await form.getByRole('button', { name: 'Add tenant' }).click();
    await form.waitFor({ state: 'detached' });

    const tenant = contoso.locator('[data-tenant="Contoso"]');
    await tenant.getByRole('button', { name: 'Test credentials' }).click();
    await tenant.locator('[data-credential-status="valid"]').waitFor();
    await screenshot(page, '91-day-customer');
    assertNoConsoleErrors(w.errors);
  }));

test('she sets up notifications — the mail server, recipients, a signed webhook — and sends a test', () =>
  flow(w, 'day-notifications', async () => {
    const { page } = w;
    await navLink(page, 'Notifications').click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByLabel('E-mail recipients').first().fill('servicedesk@northwind.nl');
    await page.getByRole('button', { name: 'Add a webhook' }).first().click();
    const hook = page.getByRole('group', { name: 'Webhook 1' });
    await hook.getByLabel('Name').fill('Ticketing');
    await hook.getByRole('combobox', { name: 'Webhook 1 format' }).click();
    await page.getByRole('option', { name: /hrsync JSON/ }).click();
    await hook.getByLabel('URL').fill(`${receiver.base}/hooks/hrsync`);
    await hook.getByLabel('Signing key').fill(SIGNING_KEY);
    await page.getByRole('radio', { name: 'Our own mail server' }).check();
    await page.getByLabel('Host').fill('127.0.0.1');
    await page.getByLabel('Port').fill(String(smtp.port));
    await page.getByRole('combobox', { name: 'Security' }).click();
    await page.getByRole('option', { name: /None/ }).click();
    await page.getByLabel('User name').fill('hrsync-mailer');
    await page.getByLabel('Password').fill('mailer-password-17');
    await page.getByLabel('Sender address').fill('hrsync@northwind.nl');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved \(http:\/\/127\.0\.0\.1:\d+\/…\)/).waitFor();

    const mailsBefore = smtp.mails.length;
    const hooksBefore = receiver.hooks.length;
    await page.getByRole('button', { name: 'Send a test notification' }).first().click();
    await page.getByText('The test notification was delivered.').waitFor();
    const mail = await smtp.next((m) => m.to.includes('servicedesk@northwind.nl'), { from: mailsBefore });
    assert.match(mail.raw, /Subject: \[hrsync\] Test notification/);
    assert.match(mail.raw, /Sanne de Vries/);
    const delivered = await receiver.next(() => true, { from: hooksBefore });
    assert.ok(signedWith(SIGNING_KEY, delivered), 'the test webhook carries a valid signature');
    assert.equal(JSON.parse(delivered.body).type, 'test');
    await screenshot(page, '92-day-notifications');
    assertNoConsoleErrors(w.errors);
  }));

test('she invites a colleague; the invitation arrives by e-mail and he accepts it with his Microsoft account', () =>
  flow(w, 'day-invitation', async () => {
    const { page } = w;
    await navLink(page, 'Users').click();
    await page.getByTestId('users-table').waitFor();
    const mailsBefore = smtp.mails.length;
    await page.getByRole('button', { name: 'Invite a colleague' }).click();
    const invite = dialog(page, 'Invite a colleague');
    await invite.getByLabel('Name').fill('Daan Visser');
    await invite.getByLabel('E-mail address').fill(DAAN);
    await invite.getByLabel('Role').selectOption('operator');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    const sent = dialog(page, 'Invitation sent');
    await sent.getByText('E-mailed').waitFor();
    assert.equal(await sent.getByTestId('invitation-link').count(), 0, 'an e-mailed link is not shown');
    await sent.getByRole('button', { name: 'Close' }).click();
    await sent.waitFor({ state: 'detached' });
    await page.getByTestId('invitations-table').locator(`[data-invitation="${DAAN}"]`).waitFor();

    const mail = await smtp.next((m) => m.to.includes(DAAN), { from: mailsBefore });
    assert.match(mail.raw, /X-Hrsync-Event: invitation/);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/#\/invitation\/[A-Za-z0-9_-]+)/.exec(mail.raw)?.[1];
    assert.ok(link, `the e-mail holds the console's invitation link:\n${mail.raw}`);
    // Daan opens it in his own browser and accepts with his Microsoft work account.
    const daan = await openPage(browser, stack.url, { identityEmulator: true });
    try {
      await daan.page.goto(link);
      await daan.page.getByText('You are invited to').waitFor();
      await daan.page.getByText('signs in with Microsoft').waitFor();
      await daan.page.getByRole('button', { name: 'Accept with Microsoft' }).click();
      await daan.page.getByLabel('Email, phone, or Skype').fill(DAAN);
      await daan.page.getByRole('button', { name: 'Sign in' }).click();
      await daan.page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
      const session = (await (await daan.page.request.get(pathFor(getSession))).json()) as {
        role: string;
        user: { name: string };
      };
      assert.deepEqual([session.role, session.user.name], ['operator', 'Daan Visser']);
      assertNoConsoleErrors(daan.errors);
    } finally {
      await daan.close();
    }
    // Sanne sees him among the users.
    await page.reload();
    await page.locator(`[data-testid="users-table"] tr[data-user="${DAAN}"]`).getByText('Operator').waitFor();
    assertNoConsoleErrors(w.errors);
  }));

test('she creates an API token, shown once, and revokes it', () =>
  flow(w, 'day-token', async () => {
    const { page } = w;
    await navLink(page, 'API tokens').click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create token' }).click();
    const create = dialog(page, 'Create an API token');
    await create.getByLabel('Name').fill('monitoring script');
    await create.getByLabel('Role').selectOption('viewer');
    await create.getByRole('button', { name: 'Create token' }).click();
    const shown = dialog(page, 'Token created');
    const token = (await shown.getByTestId('created-token').textContent()) ?? '';
    assert.match(token, /^hrs_/);
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    const tokenRow = page.locator('[data-testid="tokens-table"] tr[data-token="monitoring script"]');
    await tokenRow.waitFor();
    assert.ok(!(await textOf(page.locator('main'))).includes(token), 'the token is not shown again');
    const works = await fetch(stack.url + pathFor(getSession), {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(works.status, 200);

    await revokeToken(page, tokenRow, stack.url, token);
    assertNoConsoleErrors(w.errors);
  }));

test('she creates a connection through the five steps, simulates it, reads the result, activates it and syncs once', () =>
  flow(w, 'day-connection', async () => {
    const { page } = w;
    await navLink(page, 'Connections').click();
    await createCloudConnection(page, CONNECTION, 'Employees of Contoso BV');

    // 1. Source: the AFAS environment, tested.
    await configureAfasSource(page, stack.afas);

    // 2. Destination: the tenant she registered this morning.
    await page.getByRole('link', { name: /^Next: Destination/ }).click();
    await page.getByRole('heading', { name: '2. Destination', level: 1 }).waitFor();
    await page.locator('select[name="customer"]').selectOption({ label: 'Contoso BV' });
    await page.getByTestId('tenant-status').waitFor();
    await saveStep(page);

    // 3. Mapping and 4. Scope: the proposals and the default safety thresholds are what she wants.
    await page.getByRole('link', { name: /^Next: Mapping/ }).click();
    await page.getByTestId('mapping-table').waitFor();
    await saveStep(page);
    await confirmScopeStep(page);
    await expectState(page, 'simulation');

    // 5. Simulation: run it and read what would happen.
    await page.getByRole('link', { name: /^Next: Simulation/ }).click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 30_000 });
    assert.equal(
      await page.locator('[data-testid="action-counts"] [data-action="create"]').getAttribute('data-count'),
      '12',
    );
    await page
      .getByTestId('run-items')
      .getByRole('button', { name: /Jan Jansen/ })
      .click();
    const drawer = page.getByTestId('run-item-drawer');
    await drawer.getByTestId('attribute-changes').waitFor();
    assert.match(await textOf(drawer), /jan\.jansen@contoso\.nl/i);
    await screenshot(page, '93-day-simulation-item');
    await page.keyboard.press('Escape');
    await drawer.getByTestId('attribute-changes').waitFor({ state: 'detached' });
    assert.equal(stack.graph.state.directory.userCount, 0, 'the simulation wrote nothing');

    // Activate from step 5, then the first sync from the connection's page.
    await page.getByRole('link', { name: CONNECTION }).click();
    await page.getByRole('link', { name: /^5\. Simulation/ }).click();
    await page.getByTestId('last-simulation').waitFor();
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await dialog(page, 'Activate connection').getByRole('button', { name: 'Activate' }).click();
    await expectState(page, 'active');
    await page.getByRole('link', { name: CONNECTION }).first().click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await dialog(page, 'Sync now').getByRole('button', { name: 'Sync now' }).click();
    await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 30_000 });
    assert.equal(stack.graph.state.directory.userCount, 12, 'the first sync created the twelve accounts');
    assertNoConsoleErrors(w.errors);
  }));

test('HR ends four contracts; the scheduled sync stops at the safety threshold and she hears of it by e-mail and webhook', () =>
  flow(w, 'day-trouble', async () => {
    const { page } = w;
    // HR ends four contracts (last month): the next sync would disable a third of the accounts.
    const lastMonth = DateTime.now().setZone(ZONE).minus({ days: 20 }).toISODate();
    await stack.replaceAfasData(
      afasData(
        people(12).map((p, i) =>
          i >= 8
            ? { ...p, jobs: [{ start: '2020-01-01', end: lastMonth, title: 'Adviseur', manager: '1000' }] }
            : p,
        ),
      ),
    );

    // She schedules the connection daily, the first run at the first whole minute at least 25 s away: time to
    // fill in and save the dialog (checked below), and a wait of 25–85 s, not the 70–130 s a minute's margin took.
    const start = DateTime.now().setZone(ZONE).plus({ seconds: 25 }).startOf('minute').plus({ minutes: 1 });
    await navLink(page, 'Connections').click();
    await row(page, CONNECTION).waitFor();
    await selectConnection(page, CONNECTION);
    await toolbarButton(page, 'Set schedule').click();
    const schedule = dialog(page, `Set schedule for ${CONNECTION}`);
    await schedule.locator('input[name="start-date"]').fill(start.toFormat('yyyy-MM-dd'));
    await schedule.locator('input[name="start-time"]').fill(start.toFormat('HH:mm'));
    await schedule.locator('input[name="every"]').fill('1');
    await schedule.locator('select[name="unit"]').selectOption('days');
    await schedule.getByTestId('schedule-preview').locator('li').first().waitFor();
    await schedule.getByRole('button', { name: 'Save', exact: true }).click();
    await schedule.waitFor({ state: 'detached' });
    assert.ok(DateTime.now() < start, 'the schedule was saved before its first run');

    // She goes on with her day; the scheduled run is blocked, and she hears of it.
    const mailsBefore = smtp.mails.length;
    const hooksBefore = receiver.hooks.length;
    const wait = (DateTime.now().until(start).toDuration().toMillis() || 0) + 90_000;
    const [mail, hook] = await Promise.all([
      smtp.next((m) => /X-Hrsync-Event: run\.blocked/.test(m.raw), { from: mailsBefore, timeoutMs: wait }),
      receiver.next((h) => JSON.parse(h.body).type === 'run.blocked', { from: hooksBefore, timeoutMs: wait }),
    ]);
    assert.deepEqual(mail.to, ['servicedesk@northwind.nl']);
    assert.match(mail.raw, new RegExp(`Subject: \\[hrsync\\] .*${CONNECTION}`));
    assert.match(mail.raw, /nothing was applied/);
    assert.ok(signedWith(SIGNING_KEY, hook), 'the webhook’s HMAC signature verifies');
    const payload = JSON.parse(hook.body) as {
      connection: { name: string };
      run: { id: string; kind: string; outcome: string; blockedReason: string | null };
    };
    assert.equal(payload.connection.name, CONNECTION);
    assert.deepEqual([payload.run.kind, payload.run.outcome], ['sync', 'blocked']);
    assert.equal(
      stack.graph.state.directory.snapshot().users.filter((u) => !u.accountEnabled).length,
      0,
      'nothing was disabled',
    );

    // The e-mail links to the run the webhook names; she follows it: blocked, and why, in words.
    const link = `${stack.url}/#/runs/${payload.run.id}`;
    assert.ok(mail.raw.includes(link), `the e-mail links to the run (${link}):\n${mail.raw}`);
    await page.goto(link);
    const blocked = page.getByTestId('blocked-run');
    await blocked.waitFor();
    assert.match(await textOf(blocked), /4 disables \+ deletes .* Nothing has been applied\. Approve it/);
    await screenshot(page, '94-day-blocked-run');
    await assertAccessible(page, 'the blocked run');
    assertNoConsoleErrors(w.errors);
  }));

test('she reads the day back in the audit log, as sentences', () =>
  flow(w, 'day-audit', async () => {
    const { page } = w;
    await navLink(page, 'Audit logs').click();
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    const sentences = async (): Promise<string[]> =>
      (await table.getByTestId('audit-sentence').allTextContents()).map((s) => s.trim());

    // Her own doings: filtered to her as the actor.
    await page.locator('input[name="actor"]').fill(SANNE.upn);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.getByText(`Sanne de Vries created the connection “${CONNECTION}”.`).waitFor();
    const hers = await sentences();
    for (const expected of [
      'Sanne de Vries signed in.',
      'Sanne de Vries added the customer “Contoso BV”.',
      'Sanne de Vries registered the tenant “Contoso”.',
      'Sanne de Vries tested the credentials of the tenant “Contoso”.',
      'Sanne de Vries changed the notification settings.',
      'Sanne de Vries sent a test notification.',
      `Sanne de Vries invited ${DAAN} as Operator.`,
      'Sanne de Vries created the API token “monitoring script” with the Viewer role.',
      'Sanne de Vries revoked the API token “monitoring script”.',
      `Sanne de Vries created the connection “${CONNECTION}”.`,
      `Sanne de Vries activated the connection “${CONNECTION}”.`,
      `Sanne de Vries changed the schedule of the connection “${CONNECTION}”.`,
    ]) {
      assert.ok(hers.includes(expected), `the audit log says “${expected}”; it has:\n${hers.join('\n')}`);
    }
    await screenshot(page, '95-day-audit-hers');

    // Her colleague's first steps.
    await page.locator('input[name="actor"]').fill(DAAN);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.getByText('Daan Visser accepted their invitation.').waitFor();

    // The trouble: the scheduled run, stopped, and the notifications sent about it.
    await page.locator('input[name="actor"]').fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table
      .getByText(/at a safety threshold/)
      .first()
      .waitFor();
    const day = await sentences();
    for (const expected of [
      `The schedule queued a sync of “${CONNECTION}”.`,
      `hrsync stopped a run of “${CONNECTION}” at a safety threshold; nothing was applied.`,
      `hrsync sent a notification about the connection “${CONNECTION}” by e-mail to`,
    ]) {
      assert.ok(
        day.some((s) => s.startsWith(expected)),
        `the audit log says “${expected}…”; it has:\n${day.join('\n')}`,
      );
    }
    // No raw codes among the sentences.
    for (const s of [...hers, ...day]) {
      assert.ok(!AUDIT_ACTIONS.some((a) => s.includes(a)) && !/worker |vm\//.test(s), `a raw code in “${s}”`);
    }

    // She narrows the log to blocked runs, choosing the action by its words, not its code.
    const action = page.getByRole('combobox', { name: 'Action' });
    await action.pressSequentially('blocked');
    const choices = await page.getByRole('option').allTextContents();
    assert.ok(choices.includes('Run: blocked'), `the action filter offers words: ${choices.join(' | ')}`);
    assert.ok(
      !choices.some((c) => AUDIT_ACTIONS.some((a) => c.includes(a))),
      `no codes: ${choices.join(' | ')}`,
    );
    await page.getByRole('option', { name: 'Run: blocked' }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page
      .getByTestId('audit-count')
      .filter({ hasText: /^1 event$/ })
      .waitFor();
    assert.equal(await action.inputValue(), 'Run: blocked', 'the filter shows the words it was given');
    assert.equal(new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('action'), 'run.blocked');

    // The raw event is one click away.
    await table.locator('tbody tr').first().getByRole('button').first().click();
    const panel = page.getByTestId('audit-event-drawer');
    await panel.getByTestId('audit-details').waitFor();
    assert.match(await textOf(panel), /run\.blocked/);
    assert.match(await textOf(panel), /Outcome\s*Blocked/, 'the outcome in words: how the run ended');
    await screenshot(page, '96-day-audit-event');
    await page.keyboard.press('Escape');
    await panel.getByTestId('audit-details').waitFor({ state: 'detached' });
    await assertAccessible(page, 'the audit log filtered by an action');

    // The same as the API has it, so the console showed the real log.
    const api = await stack.api<{ items: { action: string; outcome: string }[] }>(listAuditEvents, {
      query: { action: 'notification.sent' },
    });
    assert.ok(api.items.length >= 2, 'the e-mail and the webhook were each audited');
    assertNoConsoleErrors(w.errors);
  }));
