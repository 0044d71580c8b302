/**
 * Sign in with Microsoft set up the way an administrator does it: Organisation → Sign in with
 * Microsoft, the Entra tenant and app registration typed in, "Test the settings" (the identity
 * emulator's real discovery and token endpoints), a group mapped to Administrator, turned on and
 * saved. Then sign out, "Sign in with Microsoft" through the emulator's sign-in page, and land
 * signed in with the mapped role. The secret stays write-only: changing the tenant asks for it again.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Directory } from '../../emulators/graph/directory/directory.ts';
import { createInvitation, getMicrosoftSignIn, listAuditEvents } from '../../src/contracts/index.ts';
import { tenant } from '../engine/company.ts';
import { accessibilityProblems } from './support/axe.ts';
import { launchChromium, screenshot } from './support/chromium.ts';
import { assertNoConsoleErrors } from './support/console.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
const ADMINS = '0b7c3d7e-2222-4a5b-9c2d-0000000000ad';
const ADA = 'ada.admin@contoso.nl';
const NINA = 'nina.nogroup@contoso.nl';

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  const graph = stack.graph;
  graph.state.directory = new Directory(
    {
      ...tenant([
        {
          id: 'a2222222-0000-4000-8000-000000000001',
          userPrincipalName: ADA,
          displayName: 'Ada Admin',
          mailNickname: 'ada.admin',
          accountEnabled: true,
          mail: ADA,
        },
        {
          id: 'a2222222-0000-4000-8000-000000000002',
          userPrincipalName: NINA,
          displayName: 'Nina Nogroup',
          mailNickname: 'nina.nogroup',
          accountEnabled: true,
          mail: NINA,
        },
      ]),
      groups: [
        { id: ADMINS, displayName: 'hrsync admins', members: ['a2222222-0000-4000-8000-000000000001'] },
      ],
    },
    Date.now,
  );
  graph.state.apps
    .get(graph.apps[0]!.clientId.toLowerCase())!
    .redirectUris.add(`${stack.url}/api/v1/session/microsoft/callback`);
  // The emulator serves HTTPS with its own test CA.
  context = await browser.newContext({
    baseURL: stack.url,
    ignoreHTTPSErrors: true,
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Amsterdam',
  });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    // The emulator's own pages (its missing favicon) are not the console.
    if (m.type() !== 'error' || !m.location().url.startsWith(stack.url)) return;
    const refusal = /status of 4\d\d/.test(m.text()) && m.location().url.includes('/api/v1/');
    if (!refusal) errors.push(`${m.text()} (${m.location().url})`);
  });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await stack?.close();
});

const form = () => page.getByRole('form', { name: 'Sign in with Microsoft settings' });

test('an administrator links the Entra tenant in the console, tests it, maps a group, and signs in with Microsoft', async () => {
  const app = stack.graph.apps[0]!;
  try {
    await page.goto('/');
    await page.getByLabel('E-mail address').fill(stack.users.admin.email);
    await page.getByLabel('Password').fill(stack.users.admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await page.goto('/#/organisation');
    await form().waitFor();
    assert.equal(
      await page.getByTestId('microsoft-redirect-uri').textContent(),
      `${stack.url}/api/v1/session/microsoft/callback`,
    );

    await form().getByLabel('Directory (tenant) ID').fill(stack.graph.tenantId);
    await form().getByLabel('Application (client) ID').fill(app.clientId);
    await form().getByLabel('Sign-in endpoint (authority host)').fill(stack.graph.url);

    // Tested before saving, with a wrong secret first: the check names what failed.
    await form().getByLabel('Client secret').fill('not-the-secret');
    await form().getByRole('button', { name: 'Test the settings' }).click();
    await form().getByText('The settings do not work yet').waitFor();
    await form()
      .getByText(/App credentials: failed/)
      .waitFor();
    await form().getByLabel('Client secret').fill(app.clientSecret);
    await form().getByRole('button', { name: 'Test the settings' }).click();
    await form().getByText('The settings work').waitFor();

    await form().getByRole('button', { name: 'Add a mapping' }).click();
    await form().getByLabel('Mapping 1: group object id').fill(ADMINS);
    await form().getByLabel('Mapping 1: hrsync role').selectOption('admin');
    // The kind shows "Entra group (object id)" whole (it was cut to "Entra group (obje"), and the
    // page's cards keep the same space between them (the last two touched).
    const kind = form().getByLabel('Mapping 1: kind');
    const widths = await kind.evaluate((element) => {
      const el = element as unknown as {
        clientWidth: number;
        cloneNode(deep: boolean): { style: { width: string; minWidth: string }; offsetWidth: number };
        parentElement: { appendChild(c: unknown): void; removeChild(c: unknown): void };
      };
      const natural = el.cloneNode(true);
      natural.style.width = 'max-content';
      natural.style.minWidth = 'max-content';
      el.parentElement.appendChild(natural);
      const needed = natural.offsetWidth;
      el.parentElement.removeChild(natural);
      return { shown: el.clientWidth, needed };
    });
    assert.ok(widths.shown >= widths.needed, `the kind is cut: ${widths.shown} px of ${widths.needed} px`);
    const cards = await page.locator('main .fui-Card').evaluateAll((elements) =>
      elements.map((e) => {
        const r = (
          e as unknown as { getBoundingClientRect(): { top: number; bottom: number } }
        ).getBoundingClientRect();
        return { top: r.top, bottom: r.bottom };
      }),
    );
    assert.ok(cards.length >= 3, `three cards (${cards.length})`);
    for (let i = 1; i < cards.length; i++) {
      const gap = cards[i]!.top - cards[i - 1]!.bottom;
      assert.ok(gap >= 12, `card ${i + 1} is ${gap} px below card ${i}`);
    }
    await form().getByRole('switch').check();
    await form().getByRole('button', { name: 'Save sign-in settings' }).click();
    await form().getByText('Sign in with Microsoft is on.').waitFor();
    assert.equal(await form().getByLabel('Client secret').inputValue(), '', 'the secret is never shown');
    await screenshot(page, '80-microsoft-sign-in-settings');
    const problems = await accessibilityProblems(page, 'organisation with Microsoft sign-in');
    assert.deepEqual(problems, [], problems.join('\n'));

    const saved = await stack.api<{ enabled: boolean; mappings: unknown[]; clientSecret: { set: boolean } }>(
      getMicrosoftSignIn,
    );
    assert.equal(saved.enabled, true);
    assert.deepEqual(saved.mappings, [{ claim: 'groups', value: ADMINS, role: 'admin' }]);
    assert.equal(saved.clientSecret.set, true);

    // Another tenant: the stored secret would travel with it, so the form asks for it again.
    await form().getByLabel('Directory (tenant) ID').fill('11111111-2222-4333-8444-555555555555');
    await form()
      .getByText(/enter the client secret again/)
      .waitFor();
    assert.equal(await form().getByRole('button', { name: 'Save sign-in settings' }).isDisabled(), true);
    await form().getByRole('button', { name: 'Discard changes' }).click();

    // Sign out, then in with Microsoft through the emulator's sign-in page.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email, phone, or Skype').fill(ADA);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    const session = (await (await page.request.get('/api/v1/session')).json()) as {
      role: string;
      user: { email: string };
    };
    assert.equal(session.role, 'admin');
    assert.equal(session.user.email, ADA);
    // The mapped administrator sees the administration pages.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).waitFor();

    const audit = await stack.api<{ items: { action: string; outcome: string; message: string }[] }>(
      listAuditEvents,
      { query: { action: 'organisation.sign-in-tested' } },
    );
    assert.deepEqual(audit.items.map((e) => e.outcome).sort(), ['failure', 'success']);
    assert.ok(audit.items.every((e) => !e.message.includes(app.clientSecret)));
    assertNoConsoleErrors(errors);
  } catch (error) {
    await screenshot(page, 'FAILED-microsoft-sign-in-settings').catch(() => undefined);
    throw error;
  }
});

test('an invited colleague in no mapped group accepts with Microsoft and gets the invited role', async () => {
  try {
    const invited = await stack.api<{ link: string }>(createInvitation, {
      body: { email: NINA, name: 'Nina', role: 'viewer' },
    });
    await context.clearCookies();
    await page.goto(invited.link);
    await page.getByText('signs in with Microsoft').waitFor();
    await page.getByRole('button', { name: 'Accept with Microsoft' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email, phone, or Skype').fill(NINA);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    const session = (await (await page.request.get('/api/v1/session')).json()) as {
      role: string;
      user: { email: string };
    };
    assert.equal(session.role, 'viewer');
    assert.equal(session.user.email, NINA);
    const audit = await stack.api<{ items: { message: string }[] }>(listAuditEvents, {
      query: { action: 'invitation.accepted' },
    });
    assert.ok(audit.items.some((e) => e.message.includes('by signing in with Microsoft')));
    // Without the invitation she keeps her hrsync role: the next Microsoft sign-in works too.
    await context.clearCookies();
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
    await page.getByLabel('Email, phone, or Skype').fill(NINA);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    assertNoConsoleErrors(errors);
  } catch (error) {
    await screenshot(page, 'FAILED-microsoft-invitation').catch(() => undefined);
    throw error;
  }
});
