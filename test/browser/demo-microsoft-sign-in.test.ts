/**
 * `npm start`'s demo has "Sign in with Microsoft" working out of the box: the demo organisation is
 * linked to the demo MSP's Entra tenant (an identity emulator), the demo prints whom to pick, and
 * that colleague lands in the console as an administrator through the real flow (authorize
 * endpoint, sign-in page, code + PKCE, ID token with the group that maps to Administrator).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadServiceConfig, type RunningDemo, startDemo } from '../../src/app/index.ts';
import { launchChromium, screenshot } from './support/chromium.ts';
import { WEB_DIST } from './support/stack.ts';

let dataDir: string;
let demo: RunningDemo;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const printed: string[] = [];

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hrsync-demo-ms-'));
  const config = {
    ...loadServiceConfig({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent' }, {}),
    webDir: WEB_DIST,
    pollMs: 100,
  };
  [demo, browser] = await Promise.all([
    startDemo(config, { print: (l) => printed.push(l), persons: 40 }),
    launchChromium(),
  ]);
  // The identity emulator serves HTTPS with the demo's own test CA.
  context = await browser.newContext({
    baseURL: demo.service.url,
    ignoreHTTPSErrors: true,
    viewport: { width: 1024, height: 800 },
  });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
});

after(async () => {
  await context?.close();
  await browser?.close();
  await demo?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('the demo prints how to sign in with Microsoft, and the demo Entra admin lands signed in as administrator', async () => {
  try {
    const hint = printed.find((l) => l.includes('Sign in with Microsoft'));
    assert.ok(hint, `the demo says how to sign in with Microsoft:\n${printed.join('\n')}`);
    assert.ok(hint.includes(demo.microsoftSignIn.email));

    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.ok(page.url().startsWith(demo.identity.url), 'the browser went to the identity emulator');
    await page
      .getByRole('radio', { name: new RegExp(demo.microsoftSignIn.email.replace('.', '\\.')) })
      .check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await screenshot(page, '81-demo-microsoft-sign-in');
    const session = (await (await page.request.get('/api/v1/session')).json()) as {
      role: string;
      user: { email: string; name: string };
      organisation: { name: string };
    };
    assert.equal(session.role, 'admin');
    assert.equal(session.user.email, demo.microsoftSignIn.email);
    assert.equal(session.user.name, 'Sanne de Vries');
    assert.equal(session.organisation.name, 'Demo MSP');
  } catch (error) {
    await screenshot(page, 'FAILED-demo-microsoft-sign-in').catch(() => undefined);
    throw error;
  }
});
