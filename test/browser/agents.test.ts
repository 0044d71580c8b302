/**
 * Directory agents from the console (issue 9): an administrator registers an agent on a hybrid
 * tenant's card, copies the one-time key and the commands shown once, runs them exactly as shown
 * (the real `hrsync` on the PATH, a shell, the password typed on stdin), and sees the agent listed as
 * connected with its host and version; then revokes it, and the agent stops. A viewer sees the agents
 * but cannot register, revoke or switch how the directory is reached.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createCustomer, createTenant, getTenant } from '../../src/contracts/index.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import { assertNoConsoleErrors, dialog, flow, navLink, signIn, textOf } from './support/console.ts';
import { type Stack, startStack } from './support/stack.ts';

const BIN = join(import.meta.dirname, '../../bin/hrsync');

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let dir: string;
let tenantId: string;
const children: ChildProcess[] = [];

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  w = await openPage(browser, stack.url);
  dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-console-'));
  // `hrsync` on the PATH, as after installing it on the customer's machine.
  const binDir = join(dir, 'bin');
  mkdirSync(binDir);
  symlinkSync(BIN, join(binDir, 'hrsync'));
  const customer = await stack.api<{ id: string }>(createCustomer, { body: { name: 'Gemeente Noord' } });
  const tenant = await stack.api<{ id: string }>(createTenant, {
    body: {
      customerId: customer.id,
      name: 'Noord hybrid',
      type: 'hybrid',
      directoryId: 'noord.local',
      verifiedDomains: ['noord.nl'],
      subscriptionActive: true,
    },
  });
  tenantId = tenant.id;
});

after(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await w?.close();
  await browser?.close();
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a command line as an administrator types it into a shell on the agent machine. */
function shell(line: string, stdin = '') {
  const child = spawn('/bin/sh', ['-c', line], {
    env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d) => {
    output += String(d);
  });
  child.stderr.on('data', (d) => {
    output += String(d);
  });
  child.stdin.end(stdin);
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { done, output: () => output };
}

test('register an agent from the tenant page, run the commands shown, see it connected; revoke it', () =>
  flow(w, 'agents-register', async () => {
    const { page } = w;
    await signIn(page, stack.users.admin);
    await navLink(page, 'Customers and tenants').click();
    const card = page.locator('[data-tenant="Noord hybrid"]');
    const panel = card.getByTestId('agents-panel');
    await panel.getByText('No agent registered yet.').waitFor();

    // Runs of this tenant go through its agents.
    const via = panel.getByRole('switch', { name: 'Reach the domain controllers through agents' });
    assert.equal(await via.isChecked(), false);
    await via.click();
    await panel
      .getByText('Runs of this tenant need a registered, connected agent.', { exact: false })
      .waitFor();
    const tenant = await stack.api<{ directoryViaAgents: boolean }>(getTenant, { params: { id: tenantId } });
    assert.equal(tenant.directoryViaAgents, true);
    // The page's copy of the tenant follows: its settings no longer ask for a bind password.
    await card.getByRole('button', { name: 'Change tenant' }).click();
    const change = dialog(page, 'Change tenant Noord hybrid');
    await change.getByTestId('bind-password-agents').waitFor();
    await change.getByRole('button', { name: 'Cancel' }).click();
    await change.waitFor({ state: 'detached' });

    await panel.getByRole('button', { name: 'Register an agent' }).click();
    const form = dialog(page, 'Register a directory agent for Noord hybrid');
    await form.getByLabel('Name').fill('dc-agent-1');
    await form.getByRole('button', { name: 'Register' }).click();
    const shown = dialog(page, 'Agent “dc-agent-1” registered');
    await shown.getByText('Copy the key now').waitFor();
    const key = (await shown.getByTestId('agent-key').textContent())?.trim() ?? '';
    assert.match(key, /^hra_[A-Za-z0-9_-]{43}$/);
    assert.match(await textOf(shown), /expires at/);
    const stateDir = join(dir, 'agent state');
    await shown.getByLabel('State folder on that machine').fill(stateDir);
    const command = async (id: string) => textOf(shown.getByTestId(`agent-command-${id}`));
    const register = await command('register');
    assert.equal(
      register,
      `hrsync agent register --server ${stack.url} --key ${key} --state-dir '${stateDir}'`,
      'the command names this service, the key and the chosen folder, quoted for the shell',
    );
    const setPassword = await command('set-bind-password');
    const run = await command('run');
    await screenshot(page, 'agents-registered');
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    const row = panel.locator('tr[data-agent="dc-agent-1"]');
    await row.getByText('Waiting for registration').waitFor();
    assert.ok(!(await textOf(page.locator('body'))).includes(key), 'the key is shown once, then never again');

    // On the customer's machine: the three commands, exactly as the page showed them.
    const registered = shell(register);
    assert.equal(await registered.done, 0, registered.output());
    assert.match(registered.output(), /Registered agent "dc-agent-1" for tenant "Noord hybrid"/);
    const password = shell(setPassword, 'Bind-Pa55word!typed-on-the-agent\n');
    assert.equal(await password.done, 0, password.output());
    const agent = shell(run);

    // The page refreshes on its own: connected, with the agent's host and version.
    try {
      await row.getByText('Connected', { exact: true }).waitFor({ timeout: 120_000 });
    } catch (error) {
      throw new Error(`${(error as Error).message}\nagent output:\n${agent.output()}`);
    }
    const text = await textOf(row);
    assert.ok(text.includes(hostname()), text);
    assert.ok(text.includes('0.1.0'), text);
    await screenshot(page, 'agents-connected');

    await row.getByRole('button', { name: 'Revoke' }).click();
    const confirm = dialog(page, 'Revoke directory agent');
    assert.match(await textOf(confirm), /Revoke “dc-agent-1” on /);
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
    assert.equal(await agent.done, 3, `a revoked agent stops with exit code 3\n${agent.output()}`);
    assert.equal(await row.getByRole('button', { name: 'Revoke' }).count(), 0);
    assertNoConsoleErrors(w.errors);
  }));

test('a viewer sees the agents, but cannot register, revoke or change how the directory is reached', async () => {
  const viewer = await openPage(browser, stack.url);
  try {
    await flow(viewer, 'agents-viewer', async () => {
      const { page } = viewer;
      await signIn(page, stack.users.viewer);
      await navLink(page, 'Customers and tenants').click();
      const panel = page.locator('[data-tenant="Noord hybrid"]').getByTestId('agents-panel');
      await panel.locator('tr[data-agent="dc-agent-1"]').getByText('Revoked').waitFor();
      assert.equal(await panel.getByRole('button', { name: 'Register an agent' }).count(), 0);
      assert.equal(await panel.getByRole('button', { name: 'Revoke' }).count(), 0);
      const via = panel.getByRole('switch', { name: 'Reach the domain controllers through agents' });
      assert.equal(await via.isChecked(), true);
      assert.equal(await via.isDisabled(), true);
      assertNoConsoleErrors(viewer.errors);
    });
  } finally {
    await viewer.close();
  }
});
