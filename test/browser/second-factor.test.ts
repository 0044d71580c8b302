/**
 * The second factor in the console (issue 10, item 4), on a phone-sized window (390 px): a person
 * sets it up from the Security page (QR code and key shown once; a code made by the `otpauth`
 * library from the key on screen confirms it), saves the recovery codes, signs out and signs in with
 * password and code. An administrator turns on "require a second factor for administrators"; another
 * admin is then asked to set one up right after signing in, before anything else; the first resets
 * the second one's factor from the Users page. Every new screen: no sideways scrolling, no serious
 * axe findings.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/contracts/index.ts';
import { accessibilityProblems } from './support/axe.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow } from './support/console.ts';
import type { InPage } from './support/in-page.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let anna: WatchedPage;
let bram: WatchedPage;
const people = {
  anna: { email: 'anna.second@northwind.test', name: 'Anna Second', password: '' },
  bram: { email: 'bram.second@northwind.test', name: 'Bram Second', password: '' },
};

/** The code the app would show: one step ahead of now, so it is fresh even right after enrolment. */
const nextCode = (secret: string): string =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: Date.now() + 30_000,
  });
const currentCode = (secret: string): string =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  for (const person of Object.values(people)) {
    person.password = `Amber-Orchard-${randomBytes(6).toString('hex')}`;
    await stack.api(createUser, {
      body: { email: person.email, name: person.name, role: 'admin', password: person.password },
    });
  }
  anna = await openPage(browser, stack.url);
  bram = await openPage(browser, stack.url);
  for (const w of [anna, bram]) await w.page.setViewportSize({ width: 390, height: 844 });
});

after(async () => {
  await anna?.close();
  await bram?.close();
  await browser?.close();
  await stack?.close();
});

async function checkScreen(page: Page, name: string, problems: string[]): Promise<void> {
  // Colours are judged once animations end (one cancelled by a re-render just ends sooner).
  await page.evaluate(() =>
    Promise.all(
      (globalThis as unknown as InPage).document.getAnimations().map((a) => a.finished.catch(() => null)),
    ),
  );
  const wide = await page.evaluate(() => {
    const root = (globalThis as unknown as InPage).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  if (wide > 0) problems.push(`${name}: the page scrolls ${wide} px sideways at 390 px`);
  problems.push(...(await accessibilityProblems(page, name)));
  await screenshot(page, `second-factor-${name}`);
}

async function passwordStep(page: Page, person: { email: string; password: string }): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-mail address').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Sets up the second factor on the screen shown; returns the key read from the screen. */
async function enrol(page: Page, problems: string[], name: string): Promise<string> {
  await page.getByRole('button', { name: 'Set up a second factor' }).click();
  await page.getByTestId('second-factor-qr').waitFor();
  const secret = ((await page.getByTestId('second-factor-secret').textContent()) ?? '').replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/, 'the key is shown for typing in');
  await checkScreen(page, `${name}-key`, problems);
  await page.getByLabel('Code from the app').fill(currentCode(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10, 'ten recovery codes, shown once');
  await checkScreen(page, `${name}-recovery-codes`, problems);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  assert.equal((await download).suggestedFilename(), 'hrsync-recovery-codes.txt');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  return secret;
}

test('set up on the Security page, then sign in with password and a code from the app', () =>
  flow(anna, 'second-factor-sign-in', async () => {
    const { page } = anna;
    const problems: string[] = [];
    await passwordStep(page, people.anna);
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Security' }).click();
    await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    await checkScreen(page, 'security-off', problems);
    const secret = await enrol(page, problems, 'security');
    await page.getByTestId('second-factor-state').filter({ hasText: 'On' }).waitFor();
    await checkScreen(page, 'security-on', problems);

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await passwordStep(page, people.anna);
    await page.getByText('Enter your code').waitFor();
    await checkScreen(page, 'sign-in-code', problems);
    await page
      .getByRole('textbox', { name: 'Code' })
      .fill('000000' === nextCode(secret) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('That code did not work').waitFor();
    await page.getByRole('textbox', { name: 'Code' }).fill(nextCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(anna.errors);
  }));

test('the organisation requires admins to enrol: another admin sets it up first; an admin resets it', () =>
  flow(anna, 'second-factor-required', async () => {
    const problems: string[] = [];
    await anna.page.goto('/#/organisation');
    const toggle = anna.page.getByRole('switch', { name: 'Require a second factor for administrators' });
    const saved = anna.page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/organisation') && r.request().method() === 'PATCH' && r.ok(),
    );
    await toggle.click();
    await saved;
    await checkScreen(anna.page, 'organisation', problems);
    await anna.page.locator('[data-testid="require-admin-second-factor"]:checked').waitFor();

    await passwordStep(bram.page, people.bram);
    await bram.page.getByRole('heading', { name: 'Set up a second factor' }).waitFor();
    await checkScreen(bram.page, 'required', problems);
    await enrol(bram.page, problems, 'required');
    await bram.page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();

    await anna.page.goto('/#/users');
    const bramRow = anna.page.locator(`[data-testid="users-table"] tr[data-user="${people.bram.email}"]`);
    await bramRow.getByRole('button', { name: 'Reset second factor' }).click();
    const confirm = dialog(anna.page, 'Reset second factor');
    await checkScreen(anna.page, 'reset-dialog', problems);
    await confirm.getByRole('button', { name: 'Reset' }).click();
    await confirm.waitFor({ state: 'detached' });
    await bramRow.getByRole('button', { name: 'Reset second factor' }).waitFor({ state: 'detached' });

    // Reset ends Bram's sessions; signing in again asks him to set it up anew (still required).
    await passwordStep(bram.page, people.bram);
    await bram.page.getByRole('heading', { name: 'Set up a second factor' }).waitFor();

    await anna.page.goto('/#/organisation');
    const off = anna.page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/organisation') && r.request().method() === 'PATCH' && r.ok(),
    );
    await toggle.click();
    await off;
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(anna.errors);
    assertNoConsoleErrors(bram.errors);
  }));
