/**
 * What a page of the console costs to load: every script and every response Chromium fetched for
 * a cold load (cache disabled) of that page, in bytes as they travelled (compressed). Used by the
 * delivery test (the budget) and `npm run bench` (the figures).
 *
 * Bytes are Chromium's own count of what came over the wire (body as encoded, plus headers);
 * `brotliScriptBytes` adds up the build's brotli copies of the same scripts (bodies only), which is
 * what any browser that accepts brotli receives.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WEB_DIST } from './stack.ts';

export interface PageWeight {
  readonly page: string;
  readonly scripts: number;
  readonly scriptBytes: number;
  readonly brotliScriptBytes: number;
  readonly requests: number;
  readonly totalBytes: number;
}

export async function weighPage(
  browser: Browser,
  baseUrl: string,
  name: string,
  options: {
    /** Gets the page ready (e.g. signs in); not counted. */
    readonly prepare?: (page: Page) => Promise<void>;
    /** The URL to load, relative to the base (`/#/connections`). */
    readonly path: string;
    /** Resolves when the page shows what it is for. */
    readonly ready: (page: Page) => Promise<void>;
  },
): Promise<PageWeight> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(30_000);
  try {
    const page = await context.newPage();
    await options.prepare?.(page);
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const measured: Promise<{ script: boolean; bytes: number; path: string }>[] = [];
    page.on('requestfinished', (request) => {
      measured.push(
        request.sizes().then((sizes) => ({
          script: request.resourceType() === 'script',
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          path: new URL(request.url()).pathname,
        })),
      );
    });
    await page.goto(options.path);
    await options.ready(page);
    await page.waitForLoadState('networkidle');
    const all = await Promise.all(measured);
    const scripts = all.filter((r) => r.script);
    return {
      page: name,
      scripts: scripts.length,
      scriptBytes: scripts.reduce((sum, r) => sum + r.bytes, 0),
      brotliScriptBytes: scripts.reduce((sum, r) => sum + brotliSize(r.path), 0),
      requests: all.length,
      totalBytes: all.reduce((sum, r) => sum + r.bytes, 0),
    };
  } finally {
    await context.close();
  }
}

function brotliSize(path: string): number {
  try {
    return statSync(join(WEB_DIST, `${path}.br`)).size;
  } catch {
    return 0;
  }
}

export const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
