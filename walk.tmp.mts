import { readFileSync } from 'node:fs';
import { chromium } from '/work/wt/words/node_modules/playwright-core/index.mjs';
const { url, email, password } = JSON.parse(readFileSync('/tmp/words/demo.json', 'utf8'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const step = process.argv[2] ?? 'all';
const widths = [1440, 1024, 390];
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await ctx.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE ERROR', m.text()); });
await page.goto(url + '/');
await page.getByLabel('E-mail address').fill(email);
await page.getByLabel('Password').fill(password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
async function shots(name: string) {
  for (const w of widths) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/words/shots/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
const text = async (sel: string) => (await page.locator(sel).first().innerText()).trim();
if (step === 'audit' || step === 'all') {
  await page.goto(url + '/#/audit');
  await page.getByTestId('audit-table').waitFor();
  await page.waitForTimeout(500);
  console.log('--- AUDIT TABLE ---\n' + (await text('[data-testid="audit-table"]')));
  await shots('audit');
}
if (step === 'pilot' || step === 'all') {
  await page.goto(url + '/');
  await page.getByRole('link', { name: 'Contoso — pilot: one person' }).click();
  await page.getByTestId('quarantine').waitFor();
  await page.waitForTimeout(500);
  console.log('--- QUARANTINE ---\n' + (await text('[data-testid="quarantine"]')));
  console.log('--- CONNECTION MAIN ---\n' + (await page.locator('main').innerText()).slice(0, 3000));
  await shots('pilot');
}
if (step === 'run' || step === 'all') {
  await page.goto(url + '/');
  await page.getByRole('link', { name: 'Contoso — AFAS to Microsoft 365' }).click();
  await page.getByRole('link', { name: /^5\. Simulation/ }).click();
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 120_000 });
  console.log('RUN URL', page.url());
  await page.getByTestId('run-items').waitFor();
  console.log('--- RUN PAGE ---\n' + (await page.locator('main').innerText()).slice(0, 2500));
  await shots('run');
  await page.locator('select[name="filter-status"]').selectOption('failed');
  await page.waitForTimeout(800);
  const rows = page.getByTestId('run-items').locator('tbody tr');
  const n = await rows.count();
  console.log('FAILED ROWS', n);
  for (let i = 0; i < n; i++) {
    await rows.nth(i).getByRole('button').first().click();
    const drawer = page.getByTestId('run-item-drawer');
    await drawer.waitFor();
    await page.waitForTimeout(300);
    console.log(`--- DRAWER ${i} ---\n` + (await drawer.innerText()));
    await page.screenshot({ path: `/tmp/words/shots/drawer-${i}-1440.png`, fullPage: false });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  }
  await page.locator('select[name="filter-status"]').selectOption('warning');
  await page.waitForTimeout(800);
  console.log('--- WARNINGS ---\n' + (await page.getByTestId('run-items').innerText()).slice(0, 2000));
}
if (step === 'quarantined' || step === 'all') {
  await page.goto(url + '/');
  await page.getByRole('link', { name: 'Contoso — pilot: one person' }).click();
  await page.getByRole('link', { name: 'Sync', exact: true }).first().click();
  await page.getByTestId('run-items').waitFor();
  await page.locator('select[name="filter-status"]').selectOption('failed');
  await page.waitForTimeout(800);
  await page.getByTestId('run-items').locator('tbody tr').first().getByRole('button').first().click();
  const drawer = page.getByTestId('run-item-drawer');
  await drawer.waitFor();
  await page.waitForTimeout(300);
  console.log('--- QUARANTINED SYNC DRAWER ---\n' + (await drawer.innerText()));
  for (const w of widths) { await page.setViewportSize({ width: w, height: 900 }); await page.waitForTimeout(300); await page.screenshot({ path: `/tmp/words/shots/qdrawer-${w}.png` }); }
}
await browser.close();
