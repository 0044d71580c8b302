/**
 * The console's delivery: script and total bytes (as they travel, compressed) of a cold load of each
 * main page in Chromium, against the real service and a built console (`npm run build:web`).
 * Goal: the sign-in page and the connection list each ≤ 300 KB of compressed script.
 * Run alone with `node --import tsx bench/console.ts`; `npm run bench` runs it first.
 */

import { DEFAULT_WEB_DIR } from '../src/app/console-build.ts';
import { prepareConsole } from '../src/app/index.ts';
import { simulate } from '../src/contracts/index.ts';
import { launchChromium } from '../test/browser/support/chromium.ts';
import { signIn } from '../test/browser/support/console.ts';
import { configuredConnection, finishedRun } from '../test/browser/support/fixtures.ts';
import { kilobytes, type PageWeight, weighPage } from '../test/browser/support/page-weight.ts';
import { startStack } from '../test/browser/support/stack.ts';

export interface ConsoleFigure {
  readonly weight: PageWeight;
  /** The goal for this page's script bytes, when it has one. */
  readonly budget?: number;
}

export async function benchConsole(): Promise<ConsoleFigure[]> {
  await prepareConsole(DEFAULT_WEB_DIR, { build: true, print: (line) => console.log(`# ${line}`) });
  const [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  try {
    const { tenantId } = await stack.addCustomerWithTenant('Contoso', 'Contoso tenant');
    const id = await configuredConnection(stack, { name: 'Contoso HR', tenantId });
    const run = await stack.api<{ id: string }>(simulate, { as: 'operator', params: { id } });
    await finishedRun(stack, run.id);
    const admin = (page: Parameters<typeof signIn>[0]) => signIn(page, stack.users.admin);
    const heading = (name: string | RegExp) => (page: Parameters<typeof signIn>[0]) =>
      page.getByRole('heading', { name, level: 1 }).waitFor();
    const stateBadge = (page: Parameters<typeof signIn>[0]) =>
      page.locator('main header [data-state]').first().waitFor();
    const pages: [string, string, (page: Parameters<typeof signIn>[0]) => Promise<void>, number?][] = [
      ['sign-in', '/', (page) => page.getByRole('button', { name: 'Sign in' }).waitFor(), 300 * 1024],
      ['connection list', '/#/connections', heading('Connections'), 300 * 1024],
      ['connection details', `/#/connections/${id}`, stateBadge],
      ['step 3 mapping', `/#/connections/${id}/steps/3`, stateBadge],
      ['run review', `/#/runs/${run.id}`, (page) => page.getByTestId('run-items').waitFor()],
      ['audit log', '/#/audit', heading(/Audit/)],
    ];
    const figures: ConsoleFigure[] = [];
    for (const [name, path, ready, budget] of pages) {
      const weight = await weighPage(browser, stack.url, name, {
        ...(name === 'sign-in' ? {} : { prepare: admin }),
        path,
        ready,
      });
      figures.push(budget === undefined ? { weight } : { weight, budget });
    }
    return figures;
  } finally {
    await browser.close();
    await stack.close();
  }
}

export function describeFigure({ weight: w }: ConsoleFigure): string {
  return (
    `${kilobytes(w.scriptBytes)} script in ${w.scripts} files (brotli ${kilobytes(w.brotliScriptBytes)}), ` +
    `${kilobytes(w.totalBytes)} in ${w.requests} requests`
  );
}

if (process.argv[1]?.endsWith('bench/console.ts')) {
  for (const figure of await benchConsole()) {
    console.log(`${figure.weight.page.padEnd(20)} ${describeFigure(figure)}`);
  }
}
