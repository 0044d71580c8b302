/**
 * A hybrid tenant in the console against a real Samba AD domain controller (127.0.0.83): an
 * administrator registers the tenant with its directory settings and runs "Test connection" (the
 * checklist in plain words); a hybrid connection goes through the five steps (step 2 offers the
 * directory's UPN suffixes, step 3 shows AD's attribute names with friendly labels), is simulated
 * (nothing written), activated and synced; then HR changes and "Sync now" carries a mover, a leaver
 * (disabled, moved to the disabled-accounts container) and a rehire (the same objectGUID back) into
 * the domain. What hrsync wrote is read back from the controller over LDAPS.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createCustomer } from '../../src/contracts/index.ts';
import { addOu, startTestDomain, type TestDomain, users } from '../directory/support/samba.ts';
import type { PersonSpec } from '../engine/company.ts';
import { launchChromium, openPage, screenshot, type WatchedPage } from './support/chromium.ts';
import {
  assertNoConsoleErrors,
  confirmScopeStep,
  dialog,
  expectState,
  flow,
  navLink,
  saveStep,
  signIn,
  textOf,
} from './support/console.ts';
import { afasData, type Stack, startStack } from './support/stack.ts';

const ADDRESS = '127.0.0.83';
const NAME = 'Zorggroep HR to Active Directory';

let stack: Stack;
let browser: Browser;
let w: WatchedPage;
let domain: TestDomain;
let staff: string;
let disabled: string;

/** A date relative to today (the service runs on the real clock), as AFAS writes it. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const base: PersonSpec[] = [
  { n: '2000', given: 'Marieke', family: 'Bos', jobs: [{ start: '2020-01-01', title: 'Directeur' }] },
  {
    n: '2001',
    given: 'Jan',
    family: 'Jansen',
    jobs: [{ start: '2020-01-01', title: 'Verpleegkundige', manager: '2000' }],
  },
  {
    n: '2002',
    given: 'Eva',
    family: 'Boele',
    prefix: 'van den',
    jobs: [{ start: '2021-03-01', title: 'Adviseur', manager: '2000' }],
  },
  {
    n: '2003',
    given: 'Daan',
    family: 'Smit',
    jobs: [{ start: '2022-05-01', title: 'Planner', manager: '2000' }],
  },
];

before(async () => {
  domain = await startTestDomain(ADDRESS);
  staff = `OU=Staff,${domain.domain.baseDn}`;
  disabled = `OU=Disabled,${domain.domain.baseDn}`;
  await addOu(domain.admin, staff);
  await addOu(domain.admin, disabled);
  [stack, browser] = await Promise.all([
    startStack({ persons: base, allowedHosts: [ADDRESS] }),
    launchChromium(),
  ]);
  await stack.api(createCustomer, { body: { name: 'Zorggroep' } });
  w = await openPage(browser, stack.url);
});

after(async () => {
  await w?.close();
  await browser?.close();
  await stack?.close();
  await domain?.dispose();
});

/** "Sync now" from the connection's page; a run the thresholds block is approved with a reason. */
async function syncNow(page: Page, approve?: string): Promise<void> {
  await page.getByRole('link', { name: NAME }).first().click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await dialog(page, 'Sync now').getByRole('button', { name: 'Sync now' }).click();
  if (approve) {
    const blocked = page.getByTestId('blocked-run');
    await blocked.waitFor({ timeout: 120_000 });
    await blocked.getByRole('button', { name: 'Approve' }).click();
    const dialogue = dialog(page, 'Approve blocked run');
    await dialogue.getByLabel('Reason').fill(approve);
    await dialogue.getByRole('button', { name: 'Approve and apply' }).click();
  }
  await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 120_000 });
}

const accounts = () =>
  users(domain.admin, domain.domain.baseDn, [
    'distinguishedName',
    'userAccountControl',
    'title',
    'accountExpires',
    'employeeID',
    'manager',
  ]);

test('a hybrid tenant and connection in the console: directory settings, test connection, five steps, simulate, activate, sync the lifecycle into Samba AD', () =>
  flow(w, 'hybrid', async () => {
    const { page } = w;
    await signIn(page, stack.users.admin);

    // The tenant with its directory settings
    await navLink(page, 'Customers and tenants').click();
    const customer = page.locator('section[data-customer="Zorggroep"]');
    await customer.getByRole('button', { name: 'Add tenant' }).click();
    const form = dialog(page, 'Add a tenant for Zorggroep');
    await form.getByLabel('Name').fill('Zorggroep (hybrid)');
    await form.getByLabel('Hybrid').check();
    await form.getByLabel('Directory (tenant) ID').fill(stack.graph.tenantId);
    await form.getByLabel('Verified domains').fill('hrsync.test, hrsync.onmicrosoft.test');
    const add = form.getByRole('button', { name: 'Add tenant' });
    assert.equal(await add.isDisabled(), true, 'the directory settings are required for a hybrid tenant');
    await form.getByLabel('Domain controller URLs').fill(domain.domain.url);
    await form.getByLabel('CA certificate (PEM)').fill(domain.domain.ca);
    await form.getByLabel('TLS server name').fill(domain.domain.serverName);
    await form.getByLabel('Bind account').fill(domain.domain.adminUpn);
    await form.getByLabel('Container for new accounts').fill(staff);
    await form.getByLabel('Container for disabled accounts').fill(disabled);
    await form.getByTestId('disabled-container-warning').waitFor();
    assert.match(await textOf(form.getByTestId('disabled-container-warning')), /deletes/);
    await form.getByLabel('UPN suffixes new accounts may use').fill('hrsync.test');
    assert.equal(await add.isDisabled(), true, 'the bind password is required the first time');
    await form.getByLabel('Bind password').fill(domain.domain.adminPassword);
    await screenshot(page, '70-hybrid-tenant-form');
    await add.click();
    await form.waitFor({ state: 'detached' });

    // Test connection: every check as a line in plain words
    const tenant = customer.locator('[data-tenant="Zorggroep (hybrid)"]');
    assert.match(await textOf(tenant.getByTestId('directory-summary')), /password set/);
    assert.doesNotMatch(
      await textOf(tenant),
      new RegExp(domain.domain.adminPassword.replace(/[!$]/g, '\\$&')),
    );
    await tenant.getByRole('button', { name: 'Test connection' }).click();
    await tenant.locator('[data-credential-status="valid"]').waitFor({ timeout: 60_000 });
    const checks = tenant.getByTestId('directory-checks');
    await checks.locator('[data-check="bind"][data-state="ok"]').waitFor();
    await checks.locator('[data-check="container:create"][data-state="ok"]').waitFor();
    assert.match(await textOf(checks), /may create users in OU=Staff/);
    assert.equal(await checks.locator('[data-state="failed"]').count(), 0, await textOf(checks));
    await screenshot(page, '71-hybrid-test-connection');

    // A changed controller list asks for the bind password again
    await tenant.getByRole('button', { name: 'Change tenant' }).click();
    const change = dialog(page, 'Change tenant Zorggroep (hybrid)');
    const password = change.getByLabel('Bind password');
    assert.equal(await password.getAttribute('placeholder'), '•••••••• (set)');
    await change.getByLabel('Domain controller URLs').fill(`ldaps://127.0.0.3\n${domain.domain.url}`);
    assert.equal(await change.getByRole('button', { name: 'Save tenant' }).isDisabled(), true);
    assert.match(await textOf(change), /enter the password again/);
    await change.getByLabel('Domain controller URLs').fill(domain.domain.url);
    assert.equal(await change.getByRole('button', { name: 'Save tenant' }).isDisabled(), false);
    await change.getByRole('button', { name: 'Cancel' }).click();

    // A hybrid connection through the five steps
    await navLink(page, 'Connections').click();
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('menuitem', { name: 'Create new connection' }).click();
    const create = dialog(page, 'Create new connection');
    await create.getByLabel('Name').fill(NAME);
    await create.getByLabel(/Hybrid/).check();
    await create.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();

    await page.getByRole('link', { name: /^1\. Source/ }).click();
    await page.getByLabel('ProfitRestServices URL', { exact: true }).check();
    await page.locator('input[name="base-url"]').fill(stack.afas.baseUrl);
    await page.getByLabel('App Connector token').fill(stack.afas.token.xml);
    await saveStep(page);

    await page.getByRole('link', { name: /^Next: Destination/ }).click();
    await page.getByRole('heading', { name: '2. Destination', level: 1 }).waitFor();
    assert.match(
      await textOf(page.locator('main')),
      /Which hybrid tenant’s Active Directory receives the accounts/,
    );
    assert.doesNotMatch(await textOf(page.locator('main')), /Microsoft 365 tenant/);
    await page.locator('select[name="customer"]').selectOption({ label: 'Zorggroep' });
    await page.getByTestId('hybrid-placement').waitFor();
    assert.match(await textOf(page.getByTestId('hybrid-placement')), /OU=Staff/);
    await page.getByTestId('disabled-container-warning').waitFor();
    assert.equal(await page.locator('select[name="default-domain"]').inputValue(), 'hrsync.test');
    await saveStep(page);
    await screenshot(page, '72-hybrid-step-2');
    // Opened again, the saved tenant's placement shows and only the directory's UPN suffixes are
    // offered (the tenant's verified domains were offered, and the service refuses them).
    await page.reload();
    await page.getByTestId('hybrid-placement').waitFor();
    assert.deepEqual(await page.locator('select[name="default-domain"] option').allInnerTexts(), [
      'Choose a domain…',
      'hrsync.test',
    ]);

    await page.getByRole('link', { name: /^3\. Mapping/ }).click();
    const mapping = page.getByTestId('mapping-table');
    await mapping.waitFor();
    // The separator is joined to the label by a no-break space: never a "·" alone on a line.
    assert.equal(
      await textOf(mapping.locator('tr[data-target="sn"] [data-testid="attribute-label"]')),
      'Last name\u00a0· sn',
    );
    assert.equal(
      await textOf(mapping.locator('tr[data-target="sAMAccountName"] [data-testid="attribute-label"]')),
      'User logon name (pre-Windows 2000)\u00a0· sAMAccountName',
    );
    await saveStep(page);
    await screenshot(page, '73-hybrid-step-3');

    await confirmScopeStep(page);
    await expectState(page, 'simulation');

    await page.getByRole('link', { name: /^Next: Simulation/ }).click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.locator('main header [data-run-status="succeeded"]').waitFor({ timeout: 120_000 });
    assert.equal(
      await page.locator('[data-testid="action-counts"] [data-action="create"]').getAttribute('data-count'),
      '4',
    );
    assert.equal((await users(domain.admin, staff, [])).size, 0, 'a simulation writes nothing');
    await screenshot(page, '74-hybrid-simulation');

    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('link', { name: /^5\. Simulation/ }).click();
    await page.getByTestId('last-simulation').waitFor();
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await dialog(page, 'Activate connection').getByRole('button', { name: 'Activate' }).click();
    await expectState(page, 'active');

    // Joiners
    await syncNow(page);
    let ad = await accounts();
    const jan = ad.get('janjansen');
    assert.ok(jan, [...ad.keys()].join(' '));
    assert.equal(String(jan.distinguishedName), `CN=Jan Jansen,${staff}`);
    assert.equal(String(jan.userAccountControl), '512');
    assert.equal(String(jan.employeeID), '2001');
    assert.equal(String(jan.manager), `CN=Marieke Bos,${staff}`);
    assert.ok(ad.get('evavandenboele'));
    const janGuid = (jan.objectGUID as Buffer).toString('hex');
    await screenshot(page, '75-hybrid-sync');

    // HR changes: Jan becomes a team lead (mover), Daan leaves (leaver)
    await stack.replaceAfasData(
      afasData([
        base[0]!,
        { ...base[1]!, jobs: [{ start: '2020-01-01', title: 'Teamleider', manager: '2000' }] },
        base[2]!,
        { ...base[3]!, jobs: [{ start: '2022-05-01', end: day(-10), title: 'Planner', manager: '2000' }] },
      ]),
    );
    // One disable of four accounts is over the default 10 % limit: the run waits for approval.
    await syncNow(page, 'Daan Smit left on purpose.');
    ad = await accounts();
    assert.equal(String(ad.get('janjansen')?.title), 'Teamleider');
    const daan = ad.get('daansmit');
    assert.ok(daan);
    assert.equal(String(daan.distinguishedName), `CN=Daan Smit,${disabled}`);
    assert.equal(String(Number(daan.userAccountControl) & 2), '2', 'disabled');
    assert.notEqual(String(daan.accountExpires), '0');
    const daanGuid = (daan.objectGUID as Buffer).toString('hex');

    // Daan comes back (rehire): the same account, enabled, moved back, expiry cleared
    await stack.replaceAfasData(
      afasData([
        base[0]!,
        { ...base[1]!, jobs: [{ start: '2020-01-01', title: 'Teamleider', manager: '2000' }] },
        base[2]!,
        {
          ...base[3]!,
          jobs: [
            { start: '2022-05-01', end: day(-10), title: 'Planner', manager: '2000' },
            { start: day(-2), title: 'Planner', manager: '2000' },
          ],
        },
      ]),
    );
    await syncNow(page);
    ad = await accounts();
    const back = ad.get('daansmit');
    assert.ok(back);
    assert.equal((back.objectGUID as Buffer).toString('hex'), daanGuid, 'the same account');
    assert.equal(String(back.distinguishedName), `CN=Daan Smit,${staff}`);
    assert.equal(String(back.userAccountControl), '512');
    assert.equal(String(back.accountExpires), '0');
    assert.equal((ad.get('janjansen')?.objectGUID as Buffer | undefined)?.toString('hex'), janGuid);
    assert.equal(
      [...ad.values()].filter((a) => String(a.employeeID ?? '') !== '').length,
      4,
      'no duplicates',
    );
    await screenshot(page, '76-hybrid-rehire');

    assertNoConsoleErrors(w.errors);
  }));
