/**
 * The Active Directory target against a real Samba AD domain controller, through the engine as the
 * CLI runs it: joiner / pre-hire / mover (OU move, rename on marriage) / manager chain / leaver /
 * rehire, unique sAMAccountNames against users and groups, awkward cn values, Windows rules hrsync
 * enforces itself, conflicts, a crash between add and link, a controller outage, and the invariants
 * (a simulation writes nothing; an unchanged source makes zero writes).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Client } from 'ldapts';
import type { Link } from '../../src/core/index.ts';
import { MemoryEngineStore } from '../../src/engine/index.ts';
import { DirectoryConnection } from '../../src/targets/ldap/directory-connection.ts';
import { guidToString } from '../../src/targets/ldap/index.ts';
import { company, type PersonSpec } from '../engine/company.ts';
import { type CliRun, runCli } from '../support/run-cli.ts';
import { addGroup, addOu, addUser, startTestDomain, type TestDomain, users } from './support/samba.ts';
import { type DirectoryStack, startDirectoryStack, userUsn } from './support/stack.ts';

const boss: PersonSpec = {
  n: '1000',
  given: 'Marieke',
  family: 'Bos',
  jobs: [{ start: '2015-01-01', title: 'Directeur' }],
};
const jan: PersonSpec = {
  n: '1001',
  given: 'Jan',
  family: 'Jansen',
  jobs: [{ start: '2020-03-01', title: 'Adviseur', unit: 'ICT', manager: '1000' }],
};
const eva: PersonSpec = {
  n: '1002',
  given: 'Eva',
  family: 'Boele',
  prefix: 'van den',
  jobs: [{ start: '2021-01-01', title: 'Developer', unit: 'ICT', manager: '1001' }],
};
const piet: PersonSpec = {
  n: '1003',
  given: 'Piet',
  family: 'Smit',
  jobs: [{ start: '2019-01-01', manager: '1000' }],
};
const zoe: PersonSpec = {
  n: '1004',
  given: 'Zoë',
  family: "d'Hondt",
  jobs: [{ start: '2026-12-01', manager: '1000' }],
};
// A surname with a comma, quotes, a plus and a # (and an accent in the given name): all end up in the cn.
const rene: PersonSpec = {
  n: '1005',
  given: 'René',
  family: 'Dijk, "Bob"+#1',
  jobs: [{ start: '2018-01-01' }],
};
const dup: PersonSpec = { n: '1007', given: 'Dubbel', family: 'Persoon', jobs: [{ start: '2018-01-01' }] };

const ADDRESS = '127.0.0.81';

describe('Active Directory target on a real Samba domain controller', () => {
  let domain: TestDomain;
  let stack: DirectoryStack;
  let staff: string;
  let disabled: string;

  before(async () => {
    domain = await startTestDomain(ADDRESS);
    const base = domain.domain.baseDn;
    staff = `OU=Staff,${base}`;
    disabled = `OU=Disabled,${base}`;
    for (const ou of [staff, `OU=ICT,${staff}`, `OU=Finance,${staff}`, disabled])
      await addOu(domain.admin, ou);
    // Names a new "Jan Jansen" would want: a user holds janjansen, a group holds jjansen.
    await addUser(domain.admin, `CN=Jan Jansen (old),CN=Users,${base}`, { sAMAccountName: 'janjansen' });
    await addGroup(domain.admin, `CN=Team JJ,CN=Users,${base}`, 'jjansen');
    // Two accounts claim employee 1007: a conflict, never a guess.
    await addUser(domain.admin, `CN=Dubbel 1,CN=Users,${base}`, {
      sAMAccountName: 'dubbel1',
      employeeID: '1007',
    });
    await addUser(domain.admin, `CN=Dubbel 2,CN=Users,${base}`, {
      sAMAccountName: 'dubbel2',
      employeeID: '1007',
    });
    stack = await startDirectoryStack(company([boss, jan, eva, piet, zoe, rene, dup]), domain, (c) => ({
      ...c,
      mapping: c.mapping.map((rule) =>
        rule.target === 'parentDistinguishedName'
          ? {
              ...rule,
              type: 'expression' as const,
              source: `IIF([Lifecycle]="gone", "${disabled}", Switch([Organisatorische_eenheid_code], "${staff}", "ICT", "OU=ICT,${staff}", "Financiën", "OU=Finance,${staff}"))`,
            }
          : rule,
      ),
      thresholds: { ...c.thresholds, maxDisableDeletePercent: null },
    }));
  });
  after(async () => {
    await stack?.close();
    await domain?.dispose();
  });

  const account = async (employeeId: string) => {
    const all = await users(domain.admin, domain.domain.baseDn, [
      'employeeID',
      'userAccountControl',
      'pwdLastSet',
      'title',
      'department',
      'manager',
      'accountExpires',
      'userPrincipalName',
      'mail',
      'displayName',
      'cn',
    ]);
    const found = [...all.values()].filter((u) => u.employeeID === employeeId);
    return { found, one: found[0] as Record<string, unknown> & { dn: string } };
  };

  test('a simulation shows the plan and writes nothing to the directory', async () => {
    const before = await userUsn(domain);
    const outcome = await stack.run('simulation');
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    assert.equal(outcome.actionCounts.create, 6);
    assert.equal(outcome.actionCounts.conflict, 1);
    assert.equal(await userUsn(domain), before);
    assert.equal((await account('1001')).found.length, 0);
  });

  test('joiners: created disabled, password set over TLS, enabled; a pre-hire stays disabled; managers after', async () => {
    const outcome = await stack.run('sync');
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    const failed = outcome.items.filter((i) => i.status === 'failed');
    assert.deepEqual(
      failed.map((i) => [i.employeeNumber, i.error?.code]),
      [['1007', 'HRS_MATCH_AMBIGUOUS']],
      JSON.stringify(failed),
    );
    const j = (await account('1001')).one;
    assert.equal(
      j.sAMAccountName,
      'jajansen',
      'janjansen is a user and jjansen a group: the third candidate',
    );
    assert.equal(j.userPrincipalName, 'jajansen@hrsync.test');
    assert.equal(j.userAccountControl, '512', 'enabled, with a password (Windows refuses 512 without one)');
    assert.equal(j.pwdLastSet, '0', 'must change the password at first sign-in');
    assert.equal(j.dn, `CN=Jan Jansen,OU=ICT,${staff}`);
    const m = (await account('1000')).one;
    assert.equal(j.manager, m.dn, 'manager is the manager’s DN, set in the second pass');
    assert.equal((await account('1002')).one.manager, j.dn, 'a chain: Eva → Jan → Marieke');
    const z = (await account('1004')).one;
    assert.equal(z.userAccountControl, '514', 'a pre-hire is created disabled');
    assert.equal(z.sAMAccountName, 'zoedhondt');
    const r = (await account('1005')).one;
    assert.equal(r.cn, 'René Dijk, "Bob"+#1');
    assert.equal(r.displayName, 'René Dijk, "Bob"+#1');
    const dubbel = outcome.items.find((i) => i.employeeNumber === '1007');
    assert.equal(dubbel?.action, 'conflict');
    assert.equal((await account('1007')).found.length, 2, 'no third account for a conflicted person');
  });

  test('a second run with no change in AFAS makes zero writes (incremental read)', async () => {
    const before = await userUsn(domain);
    const outcome = await stack.run('sync');
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    assert.equal(
      outcome.actionCounts['no-change'],
      6,
      JSON.stringify(outcome.items.map((i) => [i.employeeNumber, i.action, i.changes])),
    );
    assert.equal(await userUsn(domain), before, 'nothing was written');
    const state = await stack.store.getState();
    assert.match(state.targetCursor ?? '', /"usn":"\d+"/);
  });

  test('mover (title, department, OU move), marriage (rename), start date, leaver, renamed manager', async () => {
    await stack.setAfas(
      company([
        boss,
        {
          ...jan,
          family: 'Jansen-Smit',
          jobs: [{ start: '2020-03-01', title: 'Senior adviseur', unit: 'Financiën', manager: '1000' }],
        },
        { ...eva, partner: { family: 'Vries', prefix: 'de', code: 1 } },
        { ...piet, jobs: [{ start: '2019-01-01', end: '2026-11-20', manager: '1000' }] },
        zoe,
        rene,
        dup,
      ]),
    );
    const janGuid = (await account('1001')).one.objectGUID as Buffer;
    const outcome = await stack.run('sync', { now: '2026-12-01T08:00:00Z' });
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error ?? outcome.blockedReason));
    const actions = Object.fromEntries(outcome.items.map((i) => [i.employeeNumber, [i.action, i.status]]));
    assert.deepEqual(actions['1001'], ['update', 'success']);
    assert.deepEqual(actions['1002'], ['update', 'success']);
    assert.deepEqual(actions['1003'], ['disable', 'success']);
    assert.deepEqual(actions['1004'], ['enable', 'success']);
    const j = (await account('1001')).one;
    assert.equal(guidToString(j.objectGUID as Buffer), guidToString(janGuid), 'the same object');
    assert.equal(j.title, 'Senior adviseur');
    assert.equal(j.department, 'Financiën');
    assert.equal(j.dn, `CN=Jan Jansen-Smit,OU=Finance,${staff}`, 'renamed and moved in one ModifyDN');
    assert.equal(j.sAMAccountName, 'jajansen', 'sAMAccountName is create-only');
    const e = (await account('1002')).one;
    assert.equal(e.displayName, 'Eva de Vries - van den Boele');
    assert.equal(e.cn, 'Eva de Vries - van den Boele', 'marriage renames the cn');
    assert.equal(e.manager, j.dn, 'the manager reference follows the renamed, moved manager');
    const p = (await account('1003')).one;
    assert.equal(p.userAccountControl, '514', 'a leaver is disabled');
    // Last day 20-11-2026 ends at local midnight: 2026-11-20T23:00Z in ticks.
    assert.equal(
      p.accountExpires,
      String((BigInt(Date.parse('2026-11-20T23:00:00Z')) + 11_644_473_600_000n) * 10_000n),
    );
    assert.equal(p.dn, `CN=Piet Smit,${disabled}`, 'moved to the disabled-accounts container');
    assert.equal((await account('1004')).one.userAccountControl, '512', 'enabled on the start date');
  });

  test('a rehire gets the same objectGUID back: enabled, moved back, expiry cleared', async () => {
    const before = (await account('1003')).one.objectGUID as Buffer;
    await stack.setAfas(
      company([
        boss,
        {
          ...jan,
          family: 'Jansen-Smit',
          jobs: [{ start: '2020-03-01', title: 'Senior adviseur', unit: 'Financiën', manager: '1000' }],
        },
        { ...eva, partner: { family: 'Vries', prefix: 'de', code: 1 } },
        {
          ...piet,
          jobs: [
            { start: '2019-01-01', end: '2026-11-20' },
            { start: '2027-01-04', unit: 'ICT', manager: '1000' },
          ],
        },
        zoe,
        rene,
        dup,
      ]),
    );
    const outcome = await stack.run('sync', { now: '2027-01-04T07:00:00Z' });
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome.error));
    const { found, one } = await account('1003');
    assert.equal(found.length, 1, 'no second account');
    assert.equal(guidToString(one.objectGUID as Buffer), guidToString(before));
    assert.equal(one.userAccountControl, '512');
    assert.equal(one.accountExpires, '0', 'never expires again');
    assert.equal(one.dn, `CN=Piet Smit,OU=ICT,${staff}`);
  });

  test('Windows rules Samba does not enforce: a 21-character sAMAccountName fails in the simulation and is never sent', async () => {
    const long: PersonSpec = {
      n: '1009',
      given: 'Maximiliaan',
      family: 'Oosterhuisbeek',
      jobs: [{ start: '2018-01-01' }],
    };
    await stack.setAfas(company([boss, long]));
    const store = new MemoryEngineStore();
    const original = stack.config;
    await stack.reconfigure((c) => ({
      ...c,
      mapping: c.mapping.map((r) =>
        r.target === 'sAMAccountName' ? { ...r, source: 'ToLower(Join("", [Roepnaam], [Geboortenaam]))' } : r,
      ),
    }));
    try {
      const simulated = await stack.run('simulation', { store, now: '2027-01-04T07:00:00Z' });
      const item = simulated.items.find((i) => i.employeeNumber === '1009');
      assert.equal(item?.status, 'failed');
      assert.equal(item?.error?.code, 'HRS_TARGET_VALUE_INVALID');
      assert.match(item?.error?.message ?? '', /sAMAccountName.*25.*20/);
      const synced = await stack.run('sync', { store, now: '2027-01-04T07:00:00Z' });
      assert.equal(synced.items.find((i) => i.employeeNumber === '1009')?.status, 'failed');
      assert.equal((await account('1009')).found.length, 0, 'nothing was sent to the directory');
    } finally {
      await stack.reconfigure(() => original);
    }
  });

  test('a crash between the add and storing the link: the next run re-matches, no duplicate', async () => {
    const newcomer: PersonSpec = {
      n: '1010',
      given: 'Kees',
      family: 'Kras',
      jobs: [{ start: '2018-01-01' }],
    };
    await stack.setAfas(company([newcomer]));
    const store = new MemoryEngineStore();
    const crashing = Object.create(store) as MemoryEngineStore;
    crashing.putLink = async (link: Link) => {
      throw new Error(`crash while storing the link of ${link.employeeNumber}`);
    };
    await assert.rejects(
      stack.run('sync', { store: crashing, now: '2027-01-04T07:00:00Z' }),
      /crash while storing/,
    );
    assert.equal((await account('1010')).found.length, 1, 'the add happened');
    const outcome = await stack.run('sync', { store, now: '2027-01-04T07:00:00Z' });
    const item = outcome.items.find((i) => i.employeeNumber === '1010');
    assert.equal(item?.status, 'success', JSON.stringify(item));
    assert.equal((await account('1010')).found.length, 1, 'taken over, not created again');
    assert.equal((await store.links()).length, 1);
  });

  test('controllers fail over in order; a controller that dies mid-run fails the run cleanly, the next run completes', async () => {
    const more = [1, 2, 3, 4, 5, 6].map(
      (i): PersonSpec => ({
        n: `20${i}0`,
        given: `Test${i}`,
        family: 'Uitval',
        jobs: [{ start: '2018-01-01' }],
      }),
    );
    await stack.setAfas(company(more));
    const store = new MemoryEngineStore();
    const original = stack.config;
    // The first URL answers nothing (no controller on that address): the second is used.
    await stack.reconfigure((c) => ({
      ...c,
      target: { ...c.target, urls: ['ldaps://127.0.0.2', ...c.target.urls] },
    }));
    try {
      let killed: Promise<void> | null = null;
      const outcome = await stack.run('sync', {
        store,
        now: '2027-01-04T07:00:00Z',
        onProgress: (p) => {
          if (p.phase === 'apply' && killed === null) killed = domain.dc().stop(0);
        },
      });
      await killed;
      assert.equal(
        stack.target.controllerUrl === null || stack.target.controllerUrl === domain.domain.url,
        true,
      );
      const failedItems = outcome.items.filter((i) => i.status === 'failed');
      assert.ok(outcome.status === 'failed' || failedItems.length > 0, 'the outage is reported');
      for (const i of failedItems) assert.match(i.error?.message ?? '', /controller|connection/);
      if (outcome.status === 'failed') assert.equal(outcome.error?.code, 'HRS_TARGET_UNAVAILABLE');
      await domain.start();
      const again = await stack.run('sync', { store, now: '2027-01-04T07:00:00Z' });
      assert.equal(again.status, 'succeeded', JSON.stringify(again.error));
      assert.equal(
        again.statusCounts.failed,
        0,
        JSON.stringify(again.items.filter((i) => i.status === 'failed')),
      );
      for (const p of more) assert.equal((await account(p.n)).found.length, 1, `one account for ${p.n}`);
    } finally {
      await stack.reconfigure(() => original);
    }
  });

  test('ldap:// is upgraded with StartTLS before anything else is sent; a closed connection is opened again the same way, never in clear', async () => {
    // A TCP relay to the controller's port 389 that keeps each connection's first bytes from hrsync.
    const firstBytes: Buffer[] = [];
    const open = new Set<Socket>();
    const relay = createServer((from) => {
      const to = connect(389, ADDRESS);
      for (const s of [from, to]) {
        open.add(s);
        s.on('error', () => {});
        s.on('close', () => open.delete(s));
      }
      from.once('data', (d) => firstBytes.push(Buffer.from(d)));
      from.pipe(to).pipe(from);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const url = `ldap://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    const connection = new DirectoryConnection({
      urls: [url],
      ca: domain.domain.ca,
      tlsServerName: domain.domain.serverName,
      bindUser: domain.domain.adminUpn,
      bindPassword: domain.domain.adminPassword,
    });
    const rootDse = (c: Client) => c.search('', { scope: 'base', attributes: ['defaultNamingContext'] });
    const STARTTLS = '1.3.6.1.4.1.1466.20037';
    try {
      // Samba requires an encrypted connection for a simple bind: this works only after StartTLS.
      const found = await connection.run(rootDse, { idempotent: true });
      assert.equal(found.searchEntries.length, 1);
      assert.equal(firstBytes.length, 1);
      assert.ok(firstBytes[0]?.includes(STARTTLS), 'the first request on the connection is StartTLS');
      const upgraded = await connection.client();
      assert.equal(connection.connected, true);

      // The controller's side closes the connection between two operations (as AD does after
      // MaxConnIdleTime). DirectoryConnection connects afresh: StartTLS, the bind, then the operation.
      for (const s of open) s.destroy();
      await waitFor(() => !connection.connected, 'the connection is seen closed');
      const again = await connection.run(rootDse, { idempotent: true });
      assert.equal(again.searchEntries.length, 1);
      assert.notEqual(await connection.client(), upgraded);
      assert.equal(firstBytes.length, 2);
      assert.ok(firstBytes[1]?.includes(STARTTLS), 'the new connection starts with StartTLS too');
    } finally {
      await connection.close();
      for (const s of open) s.destroy();
      await new Promise((resolve) => relay.close(resolve));
    }
  });

  test('hrsync init --directory-url writes a hybrid configuration; simulate and sync work on it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hrsync-cli-ad-'));
    try {
      await stack.setAfas(
        company([{ n: '3001', given: 'Noor', family: 'Visser', jobs: [{ start: '2021-01-01' }] }]),
      );
      await writeFile(join(dir, 'ca.pem'), domain.domain.ca);
      const env = { AFAS_TOKEN: stack.afas.token.xml, BIND_PASSWORD: domain.domain.adminPassword };
      const file = join(dir, 'conn.json');
      const init = await hrsync(
        [
          'init',
          '--out',
          file,
          '--afas-url',
          stack.afas.baseUrl,
          '--afas-token-env',
          'AFAS_TOKEN',
          '--directory-url',
          `ldaps://127.0.0.4,${domain.domain.url}`,
          '--bind-user',
          domain.domain.adminUpn,
          '--bind-password-env',
          'BIND_PASSWORD',
          '--container',
          staff,
          '--disabled-container',
          disabled,
          '--ca-file',
          join(dir, 'ca.pem'),
          '--tls-server-name',
          domain.domain.serverName,
          '--domain',
          'hrsync.test',
        ],
        env,
      );
      assert.equal(init.code, 0, init.err);
      const text = await readFile(file, 'utf8');
      assert.ok(!text.includes(domain.domain.adminPassword), 'the bind password is a reference');
      const config = JSON.parse(text);
      assert.equal(config.target.type, 'active-directory');
      assert.deepEqual(config.target.bindPassword, { env: 'BIND_PASSWORD' });
      assert.equal(config.uniqueness.scheme, 'samaccountname');
      const sim = await hrsync(['simulate', '--config', file], env);
      assert.equal(sim.code, 0, sim.err + sim.out);
      assert.match(sim.out, /Create 1/);
      assert.equal((await account('3001')).found.length, 0);
      const synced = await hrsync(['sync', '--config', file], env);
      assert.equal(synced.code, 0, synced.err + synced.out);
      const noor = (await account('3001')).one;
      assert.equal(noor.sAMAccountName, 'noorvisser');
      assert.equal(noor.dn, `CN=Noor Visser,${staff}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function hrsync(args: string[], env: Record<string, string>): Promise<CliRun> {
  return runCli(args, { env: { ...process.env, ...env } });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(condition(), what);
}
