/**
 * How the console travels: the build's brotli and gzip copies are served by Accept-Encoding, hashed
 * assets are cached as immutable while index.html is revalidated, and the console is split by page
 * so the sign-in page and the connection list each load at most 300 KB of compressed script.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { signIn } from './support/console.ts';
import { kilobytes, weighPage } from './support/page-weight.ts';
import { type Stack, startStack, WEB_DIST } from './support/stack.ts';

const BUDGET = 300 * 1024;
let stack: Stack;
let browser: Browser;

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await stack?.close();
});

function get(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, stack.url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

test('static files are served brotli or gzip by Accept-Encoding; hashed assets are immutable, index.html is revalidated', async () => {
  const entry = /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(join(WEB_DIST, 'index.html'), 'utf8'))?.[1];
  assert.ok(entry, 'index.html names its entry script');
  const original = readFileSync(join(WEB_DIST, entry));

  const br = await get(entry, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.status, 200);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.match(String(br.headers.vary), /accept-encoding/i);
  assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.ok(brotliDecompressSync(br.body).equals(original), 'the brotli copy is the file');
  assert.ok(br.body.length < original.length / 3, 'brotli shrinks the script to under a third');

  const gz = await get(entry, { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gz.body).equals(original), 'the gzip copy is the file');

  const plain = await get(entry, {});
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.equals(original));

  for (const path of ['/', '/index.html']) {
    const page = await get(path, { 'accept-encoding': 'br' });
    assert.equal(page.status, 200, path);
    assert.equal(page.headers['cache-control'], 'no-cache', `${path} is revalidated, never cached stale`);
    assert.equal(page.headers['content-encoding'], 'br', path);
  }

  const files = readdirSync(join(WEB_DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  for (const file of files) {
    assert.ok(files.length > 1, 'the console is split into several scripts');
    assert.ok(readdirSync(join(WEB_DIST, 'assets')).includes(`${file}.br`), `${file} has a brotli copy`);
    assert.ok(readdirSync(join(WEB_DIST, 'assets')).includes(`${file}.gz`), `${file} has a gzip copy`);
  }
});

test('the sign-in page and the connection list each load at most 300 KB of compressed script', async () => {
  const signInPage = await weighPage(browser, stack.url, 'sign-in', {
    path: '/',
    ready: (page) => page.getByRole('button', { name: 'Sign in' }).waitFor(),
  });
  const connections = await weighPage(browser, stack.url, 'connection list', {
    prepare: (page) => signIn(page, stack.users.admin),
    path: '/#/connections',
    ready: (page) => page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor(),
  });
  for (const weight of [signInPage, connections]) {
    assert.ok(weight.scripts > 0, `${weight.page} loads scripts`);
    assert.ok(
      weight.scriptBytes <= BUDGET,
      `${weight.page}: ${kilobytes(weight.scriptBytes)} of script in ${weight.scripts} files (budget ${kilobytes(BUDGET)})`,
    );
  }
  assert.ok(
    signInPage.scriptBytes < connections.scriptBytes,
    'the sign-in page does not load the signed-in console',
  );
});
