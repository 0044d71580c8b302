/**
 * `npm run bench` (issue 8, item 8), or alone with `BENCH_ONLY=directory`: hrsync against a real
 * Samba AD domain controller on 127.0.0.89.
 *
 * 1. simulation of 20,000 persons against a 20,000-account domain: wall time, and its ratio to a
 *    bare paged read (ldapts, pages of 1,000) of the same attributes from the same domain in the same
 *    run (goal ≤ 1.5). Both are measured warm (after one untimed run of each).
 * 2. initial sync of 2,000 creates into an empty OU: accounts per second.
 * 3. re-sync with no change: writes counted by the server (entries below the OU whose uSNChanged
 *    rose; goal 0).
 *
 * Seeding 20,000 users over LDAPS takes ~8 minutes (24 ms an add), so the domain is seeded once, with
 * the controller stopped, straight into its sam.ldb through Samba's own Python bindings
 * (bench/seed-samba-users.py), and the seeded folder is kept in `.data/bench/` for later runs.
 * Skipped with a message when Samba is missing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'ldapts';
import { startAfasEmulator } from '../emulators/afas/index.ts';
import { provisionSambaDomain, sambaInstalled, startSambaDc } from '../emulators/samba/samba-dc.ts';
import type { Target } from '../src/engine/index.ts';
import { executeRun, MemoryEngineStore } from '../src/engine/index.ts';
import { createAfasSource } from '../src/sources/afas/index.ts';
import { ldapAttributesFor } from '../src/targets/ldap/directory-attributes.ts';
import { createDirectoryTarget, hybridStarterConfig } from '../src/targets/ldap/index.ts';
import { company, type PersonSpec } from '../test/engine/company.ts';

const run = promisify(execFile);
const ACCOUNTS = Number(process.env.BENCH_AD_ACCOUNTS ?? 20_000);
const CREATES = Number(process.env.BENCH_AD_CREATES ?? 2_000);
const ADDRESS = process.env.BENCH_AD_ADDRESS ?? '127.0.0.89';
const NOW = '2026-11-24T09:00:00Z';
const GIVEN = ['Anna', 'Bram', 'Cor', 'Daan', 'Eva', 'Fleur', 'Gijs', 'Hanna', 'Iris', 'Joost'];

type Report = (name: string, value: string, goal: string, ratio: number, ok: boolean) => void;

const people = (count: number, first: number, family: string): PersonSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    n: String(first + i),
    given: GIVEN[i % GIVEN.length] as string,
    family: `${family}${i}`,
    jobs: [{ start: '2020-01-01', title: 'Adviseur' }],
  }));

const seconds = (started: number) => (performance.now() - started) / 1000;

export async function benchDirectory(report: Report): Promise<void> {
  if (!(await sambaInstalled())) {
    console.log(
      'directory benchmark skipped: Samba is not installed (apt-get install samba samba-ad-provision)',
    );
    return;
  }
  const dir = join(process.cwd(), '.data', 'bench', `samba-ad-${ACCOUNTS}`);
  const seeded = join(dir, 'seeded');
  const staff = (baseDn: string) => `OU=Staff,${baseDn}`;
  const persons = people(ACCOUNTS, 100_000, 'Jansen');
  if (!existsSync(seeded)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let started = performance.now();
    const domain = await provisionSambaDomain({ dir, address: ADDRESS });
    console.log(`# directory: provisioned a Samba domain in ${seconds(started).toFixed(1)} s`);
    const names = join(dir, 'names.json');
    writeFileSync(
      names,
      JSON.stringify(persons.map((p, i) => [p.given, p.family, `${p.given[0]}jansen${i}`.toLowerCase()])),
    );
    started = performance.now();
    await run(
      '/usr/bin/python3',
      [
        join(import.meta.dirname, 'seed-samba-users.py'),
        join(dir, 'dc', 'etc', 'smb.conf'),
        staff(domain.baseDn),
        String(ACCOUNTS),
        '100000',
        names,
      ],
      { timeout: 3_600_000, maxBuffer: 16 * 1024 * 1024 },
    );
    console.log(
      `# directory: seeded ${ACCOUNTS} users into sam.ldb in ${seconds(started).toFixed(1)} s (kept in ${dir})`,
    );
    writeFileSync(seeded, new Date().toISOString());
  } else {
    console.log(`# directory: reusing the seeded domain in ${dir}`);
  }
  const dc = await startSambaDc(await provisionSambaDomain({ dir, address: ADDRESS }));
  const d = dc.domain;
  const afas = await startAfasEmulator({ dataset: company(persons) });
  const admin = new Client({ url: d.url, tlsOptions: { ca: [d.ca], servername: d.serverName } });
  await admin.bind(d.adminUpn, d.adminPassword);
  const configFor = (ou: string) =>
    hybridStarterConfig({
      environment: { baseUrl: afas.baseUrl },
      token: { value: afas.token.xml },
      directory: {
        urls: [d.url],
        caCertificate: d.ca,
        tlsServerName: d.serverName,
        bindUser: d.adminUpn,
        bindPassword: { value: d.adminPassword },
        container: ou,
        baseDn: ou,
        defaultDomain: d.realm.toLowerCase(),
      },
    });
  try {
    // 1. simulation vs a bare paged read of the same attributes
    const config = configFor(staff(d.baseDn));
    const target = createDirectoryTarget(config.target, { bindPassword: d.adminPassword });
    let attributes: readonly string[] = [];
    const recording: Target = Object.assign(Object.create(target) as Target, {
      readAccounts: (options: Parameters<Target['readAccounts']>[0]) => {
        attributes = options.attributes;
        return target.readAccounts(options);
      },
    });
    const simulate = async () => {
      const started = performance.now();
      const outcome = await executeRun({
        kind: 'simulation',
        config,
        source: createAfasSource(config.source, { token: afas.token.xml }),
        target: recording,
        store: new MemoryEngineStore(),
        clock: { now: () => NOW },
      });
      if (outcome.status !== 'succeeded')
        throw new Error(`simulation ${outcome.status}: ${outcome.error?.message}`);
      return { seconds: seconds(started), outcome };
    };
    const bareRead = async () => {
      const started = performance.now();
      let count = 0;
      for await (const page of admin.searchPaginated(staff(d.baseDn), {
        scope: 'sub',
        filter: '(&(objectCategory=person)(objectClass=user))',
        attributes: ldapAttributesFor(attributes),
        explicitBufferAttributes: ['objectGUID'],
        paged: { pageSize: 1000 },
      })) {
        count += page.searchEntries.length;
      }
      return { seconds: seconds(started), count };
    };
    await simulate();
    await bareRead();
    const read = await bareRead();
    const sim = await simulate();
    await target.close?.();
    console.log(
      `# directory: simulation ${sim.outcome.sourceCount} persons, actions ${JSON.stringify(sim.outcome.actionCounts)}; bare read ${read.count} entries × ${ldapAttributesFor(attributes).length} attributes`,
    );
    report(
      `directory: simulation ${ACCOUNTS} vs ${read.count} accounts`,
      `${sim.seconds.toFixed(2)} s`,
      '(reported)',
      sim.seconds,
      true,
    );
    report(
      'directory: bare paged read, same attributes',
      `${read.seconds.toFixed(2)} s`,
      '(reported)',
      read.seconds,
      true,
    );
    const ratio = sim.seconds / read.seconds;
    report('directory: simulation ÷ bare read', ratio.toFixed(2), '≤ 1.5', ratio / 1.5, ratio <= 1.5);

    // 2. initial sync of 2,000 creates into an empty OU, with its own AFAS company
    const ou = `OU=Sync${Date.now()},${d.baseDn}`;
    await admin.add(ou, { objectClass: ['top', 'organizationalUnit'] });
    const joiners = await startAfasEmulator({ dataset: company(people(CREATES, 500_000, 'Visser')) });
    try {
      const syncConfig = {
        ...configFor(ou),
        source: { ...configFor(ou).source, environment: { baseUrl: joiners.baseUrl } },
      };
      const store = new MemoryEngineStore();
      const sync = async () => {
        const syncTarget = createDirectoryTarget(syncConfig.target, { bindPassword: d.adminPassword });
        const started = performance.now();
        const outcome = await executeRun({
          kind: 'sync',
          config: syncConfig,
          source: createAfasSource(syncConfig.source, { token: joiners.token.xml }),
          target: syncTarget,
          store,
          clock: { now: () => NOW },
        });
        await syncTarget.close?.();
        if (outcome.status !== 'succeeded')
          throw new Error(`sync ${outcome.status}: ${outcome.error?.message}`);
        return { seconds: seconds(started), outcome };
      };
      const first = await sync();
      const created = first.outcome.actionCounts.create ?? 0;
      report(
        `directory: initial sync, ${CREATES} creates`,
        `${first.seconds.toFixed(1)} s (${Math.round(created / first.seconds)}/s)`,
        '(reported)',
        first.seconds,
        created === CREATES,
      );
      // 3. re-sync with no change: what the server saw change below the OU
      const highest = await maxUsn(admin, ou);
      const again = await sync();
      const changed = await changedSince(admin, ou, highest);
      report(
        're-sync with no change: directory writes (uSNChanged)',
        String(changed),
        '0',
        changed,
        changed === 0,
      );
      report(
        're-sync with no change: wall time',
        `${again.seconds.toFixed(2)} s`,
        '(reported)',
        again.seconds,
        true,
      );
    } finally {
      await joiners.close();
    }
  } finally {
    await admin.unbind().catch(() => {});
    await afas.close();
    await dc.stop();
  }
}

async function maxUsn(client: Client, base: string): Promise<bigint> {
  let max = 0n;
  for await (const page of client.searchPaginated(base, {
    scope: 'sub',
    filter: '(objectClass=*)',
    attributes: ['uSNChanged'],
    paged: { pageSize: 1000 },
  })) {
    for (const e of page.searchEntries) {
      const usn = BigInt(String(e.uSNChanged));
      if (usn > max) max = usn;
    }
  }
  return max;
}

async function changedSince(client: Client, base: string, usn: bigint): Promise<number> {
  const { searchEntries } = await client.search(base, {
    scope: 'sub',
    filter: `(uSNChanged>=${usn + 1n})`,
    attributes: ['dn'],
    paged: { pageSize: 1000 },
  });
  return searchEntries.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchDirectory((name, value, goal, _ratio, ok) =>
    console.log(`${ok ? 'ok ' : 'NOT'} ${name}: ${value} (goal ${goal})`),
  );
}
