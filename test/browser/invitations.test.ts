/**
 * Invitations through the console: an administrator invites a colleague (no mail server: the link
 * is shown to copy), sees the pending invitation, revokes another; the colleague opens the link,
 * sets a password on the accept page and signs in with the invited role. Pages checked at 390 and
 * 1440 px for sideways scrolling and with axe.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { accessibilityProblems } from './support/axe.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow, signIn } from './support/console.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
});

const noSidewaysScroll = async (where: string) => {
  const { scrollWidth, clientWidth } = await w.page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  assert.ok(
    scrollWidth <= clientWidth,
    `${where}: the page scrolls sideways (${scrollWidth} > ${clientWidth})`,
  );
};

test('invite → the link → accept with a password → sign in with the invited role; revoke another', () =>
  flow(w, 'invitations', async () => {
    const { page } = w;
    const problems: string[] = [];
    await signIn(page, stack.users.admin);
    await page.goto('/#/users');
    await page.getByTestId('users-table').waitFor();

    const invite = async (name: string, email: string, role: string): Promise<string> => {
      await page.getByRole('button', { name: 'Invite a colleague' }).click();
      const d = dialog(page, 'Invite a colleague');
      await d.getByLabel('Name').fill(name);
      await d.getByLabel('E-mail address').fill(email);
      await d.getByLabel('Role').selectOption(role);
      await d.getByRole('button', { name: 'Send invitation' }).click();
      const sent = dialog(page, 'Send this link yourself');
      await sent.getByText('Not e-mailed').waitFor();
      const link = (await sent.getByTestId('invitation-link').textContent()) ?? '';
      assert.match(link, /\/#\/invitation\/[A-Za-z0-9_-]{40,}$/);
      problems.push(...(await accessibilityProblems(page, 'the invitation link dialog')));
      await sent.getByRole('button', { name: 'Close' }).click();
      await sent.waitFor({ state: 'detached' });
      return link;
    };
    const link = await invite('Petra Jansen', 'petra.jansen@northwind.test', 'operator');
    await invite('Kees Klaassen', 'kees@northwind.test', 'viewer');

    const table = page.getByTestId('invitations-table');
    await table.locator('[data-invitation="petra.jansen@northwind.test"]').waitFor();
    await table
      .locator('[data-invitation="kees@northwind.test"]')
      .getByRole('button', { name: /Revoke/ })
      .click();
    const revoke = dialog(page, 'Revoke invitation');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await table.locator('[data-invitation="kees@northwind.test"]').waitFor({ state: 'detached' });
    // The list can update before the dialog has closed; while it is open the page behind is aria-hidden.
    await revoke.waitFor({ state: 'detached' });
    for (const width of [390, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await noSidewaysScroll(`users with invitations at ${width} px`);
      await screenshot(page, `82-users-invitations-${width}`);
      problems.push(...(await accessibilityProblems(page, `users with invitations at ${width} px`)));
    }

    // The colleague, in a browser where nobody is signed in.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(link);
    await page.getByText('You are invited to').waitFor();
    await page.getByText('petra.jansen@northwind.test').first().waitFor();
    await noSidewaysScroll('the accept page at 390 px');
    await screenshot(page, '83-accept-invitation-390');
    problems.push(...(await accessibilityProblems(page, 'the accept page at 390 px')));
    await page.getByLabel('Choose a password').fill('northwind northwind');
    await page.getByLabel('Repeat the password').fill('northwind northwind');
    await page.getByRole('button', { name: 'Accept and set password' }).click();
    await page.getByTestId('error-message').waitFor();
    const password = 'tulip canal bicycle herring 17';
    await page.getByLabel('Choose a password').fill(password);
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Accept and set password' }).click();
    await page.getByText('Your account is ready').waitFor();
    await page.getByRole('button', { name: 'Go to sign-in' }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, { email: 'petra.jansen@northwind.test', password, name: 'Petra Jansen' });
    const session = (await (await page.request.get('/api/v1/session')).json()) as { role: string };
    assert.equal(session.role, 'operator');

    // The link worked once.
    await page.goto(link);
    await page.getByText('This invitation link does not work').waitFor();
    assert.deepEqual(problems, [], problems.join('\n'));
    assertNoConsoleErrors(w.errors);
  }));

test('an invitation to something that is not an e-mail address says so beside the field, not only with a grey button', async () => {
  // A page of its own, signed in as the admin: the test before ends signed in as the invited operator.
  const admin = await openPage(browser, stack.url);
  try {
    await flow(admin, 'invitation-bad-email', async () => {
      const { page } = admin;
      await signIn(page, stack.users.admin);
      await page.goto('/#/users');
      await page.getByRole('button', { name: 'Invite a colleague' }).click();
      const d = dialog(page, 'Invite a colleague');
      await d.getByLabel('Name').fill('Kees de Boer');
      await d.getByLabel('E-mail address').fill('kees.deboer.northwind.test');
      await d.getByText('Enter an e-mail address, like name@example.com.').waitFor();
      assert.equal(await d.getByRole('button', { name: 'Send invitation' }).isDisabled(), true);
      await d.getByLabel('E-mail address').fill('kees.deboer@northwind.test');
      await d.getByText('Enter an e-mail address, like name@example.com.').waitFor({ state: 'detached' });
      assert.equal(await d.getByRole('button', { name: 'Send invitation' }).isEnabled(), true);
      assertNoConsoleErrors(admin.errors);
    });
  } finally {
    await admin.close();
  }
});
