/**
 * Steps a person takes in the console, named as they would say them, so the tests read as flows.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { screenshot, type WatchedPage } from './chromium.ts';
import type { StackUser } from './stack.ts';

export async function signIn(page: Page, user: StackUser): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
}

/** A link of the left navigation (Connections, Audit logs). */
export const navLink = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

export const toolbarButton = (page: Page, name: string): Locator =>
  page.getByRole('toolbar', { name: 'Connection commands' }).getByRole('button', { name, exact: true });

export const dialog = (page: Page, title: string | RegExp): Locator =>
  page.getByRole('dialog').filter({ has: page.getByRole('heading', { name: title }) });

export const row = (page: Page, connectionName: string): Locator =>
  page.locator(`[data-testid="connections-table"] tr[data-connection="${connectionName}"]`);

export async function selectConnection(page: Page, connectionName: string): Promise<void> {
  await page.getByRole('radio', { name: `Select ${connectionName}` }).check();
}

/** Waits until the page header's state badge shows `state` (draft, simulation, active, …). */
export async function expectState(page: Page, state: string): Promise<void> {
  await page.locator(`main header [data-state="${state}"]`).first().waitFor();
}

export function assertNoConsoleErrors(errors: readonly string[]): void {
  assert.deepEqual(errors, [], `the console logged errors:\n${errors.join('\n')}`);
}

/** A locator's text (textContent: what is in the DOM, hidden parts included). */
export const textOf = async (locator: Locator): Promise<string> => (await locator.textContent()) ?? '';

/**
 * Runs a flow; when it fails, saves a screenshot of where it stood and adds the console's errors to
 * the message, because a bare timeout rarely says what the page showed.
 */
export async function flow(watched: WatchedPage, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await screenshot(watched.page, `FAILED-${name}`).catch(() => undefined);
    if (error instanceof Error && watched.errors.length > 0) {
      error.message += `\nconsole errors:\n${watched.errors.join('\n')}`;
    }
    throw error;
  }
}
