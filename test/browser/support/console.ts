/**
 * Steps a person takes in the console, named as they would say them, so the tests read as flows.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { getSession, pathFor } from '../../../src/contracts/index.ts';
import { until } from '../../support/until.ts';
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
 * Asserts a field's value once the page has shown it. A field that follows the URL is set by the render
 * after the route changed, so reading it the moment the URL changed can see the value before (CI once read
 * '' from a status filter a tile click had just put in the URL). Waits up to 10 s, then compares.
 */
export async function assertValue(field: Locator, expected: string, message?: string): Promise<void> {
  // The locator is read again each time: the render may have replaced the element.
  await until(
    `the value ${JSON.stringify(expected)}`,
    async () => (await field.inputValue()) === expected,
  ).catch(() => undefined);
  assert.equal(await field.inputValue(), expected, message);
}

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

/** Saves the open step and waits until the console says it is saved. */
export async function saveStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByTestId('step-saved').waitFor();
}

/** Step 1: the AFAS environment by its ProfitRestServices URL and token, saved, then tested (all passed). */
export async function configureAfasSource(
  page: Page,
  afas: { readonly baseUrl: string; readonly token: { readonly xml: string } },
): Promise<void> {
  await page.getByRole('link', { name: /^1\. Source/ }).click();
  await page.getByLabel('ProfitRestServices URL', { exact: true }).check();
  await page.locator('input[name="base-url"]').fill(afas.baseUrl);
  await page.getByLabel('App Connector token').fill(afas.token.xml);
  await saveStep(page);
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByTestId('source-test-result');
  await result.locator('[aria-label="passed"]').first().waitFor();
  assert.equal(await result.locator('[aria-label="failed"]').count(), 0, await textOf(result));
}

/** From step 3: step 4 with its defaults, confirmed (the connection is then ready to simulate). */
export async function confirmScopeStep(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^Next: Scope/ }).click();
  await page.getByTestId('filter-builder').waitFor();
  await saveStep(page);
}

/** Revokes an API token from its row and proves the API refuses it afterwards. */
export async function revokeToken(
  page: Page,
  tokenRow: Locator,
  serviceUrl: string,
  token: string,
): Promise<void> {
  await tokenRow.getByRole('button', { name: 'Revoke' }).click();
  await dialog(page, 'Revoke API token').getByRole('button', { name: 'Revoke' }).click();
  await tokenRow.getByText('Revoked').waitFor();
  const after = await fetch(serviceUrl + pathFor(getSession), {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(after.status, 401, 'a revoked token stops working');
}

/** Adds a customer on the Customers and tenants page; returns its section, waiting for a tenant. */
export async function addCustomer(page: Page, name: string): Promise<Locator> {
  await navLink(page, 'Customers and tenants').click();
  await page.getByRole('heading', { name: 'Customers and tenants', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Add customer' }).click();
  const add = dialog(page, 'Add a customer');
  await add.getByLabel('Name').fill(name);
  await add.getByRole('button', { name: 'Add customer' }).click();
  const section = page.locator(`section[data-customer="${name}"]`);
  await section.getByText('No tenant registered yet.').waitFor();
  return section;
}

/** From the connection list: a new cloud connection, opened on its page in the draft state. */
export async function createCloudConnection(page: Page, name: string, description: string): Promise<void> {
  await page.getByRole('button', { name: 'Create connection' }).click();
  await page.getByRole('menuitem', { name: 'Create new connection' }).click();
  const create = dialog(page, 'Create new connection');
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('Description').fill(description);
  await create.getByLabel('Cloud (Microsoft Entra ID)').check();
  await create.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await expectState(page, 'draft');
}
