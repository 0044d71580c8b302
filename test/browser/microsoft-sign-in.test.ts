/**
 * Sign in with Microsoft through the real flow: the console's button → the identity emulator's
 * authorize endpoint and sign-in page (strict: exact redirect URI, state, nonce, PKCE S256) → back
 * to hrsync, which redeems the code with openid-client, checks the ID token and maps the person's
 * Entra group to an hrsync role. A person in no mapped group is refused with a clear message; both
 * are audited. The local password sign-in stays (break-glass).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Directory } from '../../emulators/graph/directory/directory.ts';
import { listAuditEvents, setMicrosoftSignIn } from '../../src/contracts/index.ts';
import { tenant } from '../engine/company.ts';
import { launchChromium, screenshot } from './support/chromium.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
const OPERATORS = '0b7c3d7e-1111-4a5b-9c2d-000000000042';

const user = (id: string, upn: string, name: string) => ({
  id,
  userPrincipalName: upn,
  displayName: name,
  mailNickname: upn.split('@')[0]!,
  accountEnabled: true,
  mail: upn,
});

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  // The MSP's own Entra tenant: two people, one of them in the group mapped to "operator".
  const graph = stack.graph;
  graph.state.directory = new Directory(
    {
      ...tenant([
        user('a1111111-0000-4000-8000-000000000001', 'olga.operator@contoso.nl', 'Olga Operator'),
        user('a1111111-0000-4000-8000-000000000002', 'nina.nogroup@contoso.nl', 'Nina Nogroup'),
      ]),
      groups: [
        { id: OPERATORS, displayName: 'hrsync operators', members: ['a1111111-0000-4000-8000-000000000001'] },
      ],
    },
    Date.now,
  );
  const app = graph.apps[0];
  assert.ok(app);
  graph.state.apps
    .get(app.clientId.toLowerCase())!
    .redirectUris.add(`${stack.url}/api/v1/session/microsoft/callback`);
  await stack.api(setMicrosoftSignIn, {
    body: {
      enabled: true,
      tenantId: graph.tenantId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authorityHost: graph.url,
      mappings: [{ claim: 'groups', value: OPERATORS, role: 'operator' }],
    },
  });
  // The emulator serves HTTPS with its own test CA.
  context = await browser.newContext({
    baseURL: stack.url,
    ignoreHTTPSErrors: true,
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
});

after(async () => {
  await context?.close();
  await browser?.close();
  await stack?.close();
});

async function signInWithMicrosoft(upn: string): Promise<void> {
  await context.clearCookies();
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.match(page.url(), /\/oauth2\/v2\.0\/authorize\?/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(url.searchParams.get('nonce') && url.searchParams.get('state'));
  await page.getByLabel('Email, phone, or Skype').fill(upn);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a person in the mapped Entra group signs in with Microsoft as operator; audited', async () => {
  try {
    await signInWithMicrosoft('olga.operator@contoso.nl');
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await screenshot(page, 'microsoft-sign-in-operator');
    const session = (await (await page.request.get('/api/v1/session')).json()) as {
      role: string;
      user: { email: string; name: string };
    };
    assert.equal(session.role, 'operator');
    assert.equal(session.user.email, 'olga.operator@contoso.nl');
    assert.equal(session.user.name, 'Olga Operator');
    const audit = await stack.api<{ items: { message: string; outcome: string }[] }>(listAuditEvents, {
      query: { action: 'session.signed-in', outcome: 'success' },
    });
    assert.ok(audit.items.some((e) => /signed in with Microsoft as operator/.test(e.message)));
  } catch (error) {
    await screenshot(page, 'FAILED-microsoft-sign-in').catch(() => undefined);
    throw error;
  }
});

test('a person in no mapped group is refused with a clear message; the password sign-in still works', async () => {
  try {
    await signInWithMicrosoft('nina.nogroup@contoso.nl');
    await page.getByText('Microsoft sign-in refused').waitFor();
    await page
      .getByText(/nina\.nogroup@contoso\.nl signed in with Microsoft, but is in none of the Entra groups/)
      .waitFor();
    assert.ok(!page.url().includes('sign_in_error'), 'the message is shown once, not kept in the address');
    await screenshot(page, 'microsoft-sign-in-refused');
    const refused = await stack.api<{ items: { message: string }[] }>(listAuditEvents, {
      query: { action: 'session.signed-in', outcome: 'refused' },
    });
    assert.ok(
      refused.items.some((e) => /nina\.nogroup@contoso\.nl is in no mapped Entra group/.test(e.message)),
    );
    // Break-glass: the local administrator still signs in with a password.
    await page.getByLabel('E-mail address').fill(stack.users.admin.email);
    await page.getByLabel('Password').fill(stack.users.admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    assert.deepEqual(errors, []);
  } catch (error) {
    await screenshot(page, 'FAILED-microsoft-sign-in-refused').catch(() => undefined);
    throw error;
  }
});
