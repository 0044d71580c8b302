/**
 * A Samba AD domain controller for one test suite: provisioned in a temporary folder, listening on
 * a loopback address of the suite's own (so suites can run side by side on port 636), stopped by its
 * PID and removed afterwards. Missing Samba fails the suite with the install command; it never skips.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import {
  provisionSambaDomain,
  type RunningSambaDc,
  SAMBA_INSTALL_HINT,
  type SambaDomain,
  sambaInstalled,
  startSambaDc,
} from '../../../emulators/samba/samba-dc.ts';

export interface TestDomain {
  readonly domain: SambaDomain;
  /** A bound administrator client, for seeding and for looking at what hrsync wrote. */
  readonly admin: Client;
  /** The running controller; stop() and start() simulate an outage. */
  dc(): RunningSambaDc;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Loopback addresses per suite: 127.0.0.81 and up. Each suite file passes its own number, so two
 * files running at once never share an address.
 */
export async function startTestDomain(address: string): Promise<TestDomain> {
  if (!(await sambaInstalled())) throw new Error(SAMBA_INSTALL_HINT);
  const dir = mkdtempSync(join(tmpdir(), 'hrsync-samba-'));
  const provisioned = await provisionSambaDomain({ dir, address });
  let running = await startSambaDc(provisioned);
  const domain = running.domain;
  const admin = adminClient(domain);
  await admin.bind(domain.adminUpn, domain.adminPassword);
  return {
    domain,
    admin,
    dc: () => running,
    start: async () => {
      running = await startSambaDc(domain);
      // The old connection died with the controller; sign in again on a new one.
      await admin.unbind().catch(() => {});
      await admin.bind(domain.adminUpn, domain.adminPassword);
    },
    dispose: async () => {
      await admin.unbind().catch(() => {});
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function adminClient(domain: SambaDomain): Client {
  return new Client({
    url: domain.url,
    tlsOptions: { ca: [domain.ca], servername: domain.serverName },
    timeout: 30_000,
    connectTimeout: 10_000,
  });
}

export async function addOu(client: Client, dn: string): Promise<void> {
  await client.add(dn, { objectClass: ['top', 'organizationalUnit'] });
}

export async function addGroup(client: Client, dn: string, sAMAccountName: string): Promise<void> {
  await client.add(dn, { objectClass: ['top', 'group'], sAMAccountName });
}

/** A user as an administrator would make one by hand (disabled, no password). */
export async function addUser(
  client: Client,
  dn: string,
  attributes: Readonly<Record<string, string | string[]>>,
): Promise<void> {
  await client.add(dn, { objectClass: ['top', 'person', 'organizationalPerson', 'user'], ...attributes });
}

export async function setAttribute(
  client: Client,
  dn: string,
  type: string,
  values: string[],
): Promise<void> {
  await client.modify(
    dn,
    new Change({ operation: 'replace', modification: new Attribute({ type, values }) }),
  );
}

/** Users below the base, keyed by sAMAccountName (lower case). */
export async function users(
  client: Client,
  base: string,
  attributes: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const { searchEntries } = await client.search(base, {
    filter: '(&(objectCategory=person)(objectClass=user))',
    attributes: ['sAMAccountName', 'objectGUID', ...attributes],
    explicitBufferAttributes: ['objectGUID'],
    paged: { pageSize: 1000 },
  });
  return new Map(searchEntries.map((e) => [String(e.sAMAccountName).toLowerCase(), e]));
}
