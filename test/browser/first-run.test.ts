/**
 * A newcomer's first run: the README's `npm ci && npm start` on a fresh clone, which has no built
 * console. The clone is the committed state of this repository (as a newcomer gets it); its
 * node_modules is a link to this checkout's, standing in for `npm ci`. `hrsync serve` must refuse to
 * start without a console; `npm start` must build it, print only friendly lines (no JSON log lines)
 * and serve a console that signs in.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, screenshot } from './support/chromium.ts';
import { assertNoConsoleErrors, row } from './support/console.ts';

const REPOSITORY = join(import.meta.dirname, '..', '..');
let folder: string;
let clone: string;
let browser: Browser | undefined;
let demo: ChildProcess | undefined;

/** The machine's HRSYNC_* settings must not leak into a newcomer's first run. */
const environment = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HRSYNC_'))),
  ...extra,
});

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hrsync-first-run-'));
  clone = join(folder, 'hrsync');
  execFileSync('git', ['clone', '--quiet', REPOSITORY, clone]);
  await symlink(join(REPOSITORY, 'node_modules'), join(clone, 'node_modules'), 'dir');
  assert.ok(!existsSync(join(clone, 'web', 'dist')), 'a fresh clone has no built console');
});

after(async () => {
  if (demo?.pid !== undefined && demo.exitCode === null) {
    // npm runs the demo in a child of its own: stop the whole process group.
    const exited = new Promise((resolve) => demo?.once('exit', resolve));
    process.kill(-demo.pid, 'SIGTERM');
    await exited;
  }
  await browser?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

test('hrsync serve refuses to start without a console to serve', () => {
  const result = spawnSync(['bin/hrsync', 'serve', '--port', '0', '--data-dir', join(folder, 'serve')]);
  assert.notEqual(result.status, 0, 'serve exits with an error');
  assert.match(result.stderr, /There is no web console to serve/);
  assert.match(result.stderr, /npm run build:web/);
  assert.ok(!existsSync(join(folder, 'serve', 'hrsync.sqlite')), 'nothing was started');
});

test('npm start on a fresh clone builds the console, prints friendly lines and opens a working console', async () => {
  const lines: string[] = [];
  demo = spawn('npm', ['start'], {
    cwd: clone,
    env: environment({ HRSYNC_PORT: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const started = new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      for (const line of String(chunk).split('\n')) {
        if (line !== '') lines.push(line);
        const url = /hrsync demo is running at (\S+)/.exec(line)?.[1];
        if (url) resolve(url);
      }
    };
    demo?.stdout?.on('data', collect);
    demo?.stderr?.on('data', collect);
    demo?.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${lines.join('\n')}`)));
  });
  const url = await started;
  // Wait for the rest of the banner (it is printed line by line).
  while (!lines.some((l) => l.startsWith('Press Ctrl+C'))) await new Promise((r) => setTimeout(r, 50));

  assert.ok(
    lines.some((l) => l.startsWith('Building the web console')),
    `the first start says it builds the console:\n${lines.join('\n')}`,
  );
  assert.ok(existsSync(join(clone, 'web', 'dist', 'index.html')), 'the console was built in the clone');
  const json = lines.filter((l) => l.trimStart().startsWith('{'));
  assert.deepEqual(json, [], 'no raw JSON log lines among the friendly messages');
  const signIn = /sign in as (\S+) with password (\S+)/.exec(lines.join('\n'));
  assert.ok(signIn?.[1] && signIn[2], 'the first start prints a sign-in');

  browser = await launchChromium();
  const w = await openPage(browser, url);
  const { page } = w;
  await page.goto('/');
  await page.getByLabel('E-mail address').fill(signIn[1]);
  await page.getByLabel('Password').fill(signIn[2]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await row(page, 'Contoso — AFAS to Microsoft 365').waitFor();
  await screenshot(page, '00-first-run-connections');
  assertNoConsoleErrors(w.errors);
  await w.close();
});

function spawnSync(args: readonly string[]): { status: number | null; stderr: string } {
  try {
    execFileSync(process.execPath, args, {
      cwd: clone,
      env: environment({}),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    return { status: 0, stderr: '' };
  } catch (error) {
    const failed = error as { status: number | null; stderr: Buffer };
    return { status: failed.status, stderr: String(failed.stderr) };
  }
}
