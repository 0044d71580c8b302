/**
 * Debian's Chromium driven by playwright-core. The suite never downloads a browser and never skips:
 * a missing /usr/bin/chromium is a failure that says how to install it.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}. Install it with ` +
        '`apt-get update && apt-get install -y chromium` (do not use `npx playwright install`).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A page that records every console error and uncaught exception, so a test can assert the
 * console stayed clean ("no console errors" is a requirement of the console, not a nicety).
 */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly errors: string[];
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  baseUrl: string,
  /** `identityEmulator`: the page also visits the identity emulator's sign-in page (HTTPS, test CA). */
  options: { identityEmulator?: boolean } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    ignoreHTTPSErrors: options.identityEmulator === true,
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Amsterdam',
    acceptDownloads: true,
  });
  // A bound for waits on the page, not a speed goal: generous, so a machine loaded by other suites
  // (two cores, other browsers and Samba beside) does not fail a wait that would have been met.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // Chromium logs every 4xx answer to fetch() as a console error. The console asks the API and
    // shows its refusals to the user on purpose (signed out, wrong state, busy with other exports),
    // so those are expected; anything else — a failed asset, a React warning, an exception — counts.
    const apiRefusal =
      /^Failed to load resource: the server responded with a status of (4\d\d|503)/.test(text) &&
      message.location().url.includes('/api/v1/');
    if (!apiRefusal) errors.push(`${text} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return { page, context, errors, close: () => context.close() };
}

/** The whole page, or with `window` only what the window shows (an open dialog over a long page). */
export async function screenshot(
  page: Page,
  name: string,
  options: { window?: boolean } = {},
): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // Animations are finished first, so a panel that slides in is captured where it ends.
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage: options.window !== true,
    animations: 'disabled',
  });
}
