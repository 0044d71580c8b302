/**
 * `hrsync demo --hybrid`: a real Samba Active Directory domain for the demo. It is provisioned afresh
 * in `<data folder>/demo/samba` (as the demo's database is), listens on a loopback address of its own
 * (LDAPS on 636), gets an OU for staff and one for leavers, and the demo's Microsoft 365 domain as a
 * UPN suffix of the forest (as a hybrid customer adds its routable domain). The demo then adds a
 * hybrid tenant and a connection to it. Without Samba it says how to install it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import {
  provisionSambaDomain,
  type RunningSambaDc,
  SAMBA_INSTALL_HINT,
  type SambaDomain,
  sambaInstalled,
  startSambaDc,
} from '../../emulators/samba/samba-dc.ts';
import { HrsyncError } from '../core/index.ts';

export const DEMO_SAMBA_ADDRESS = '127.0.0.90';

export interface DemoDirectory {
  readonly domain: SambaDomain;
  readonly container: string;
  readonly disabledContainer: string;
  readonly upnSuffix: string;
  stop(): Promise<void>;
}

/**
 * Provisions and starts the demo's domain controller. `upnSuffix` is added to the forest's UPN
 * suffixes, so the demo's accounts sign in as name@contoso.nl like its cloud accounts.
 */
export async function startDemoDirectory(options: {
  readonly demoDir: string;
  readonly address: string;
  readonly upnSuffix: string;
  readonly print: (line: string) => void;
}): Promise<DemoDirectory> {
  if (!(await sambaInstalled())) {
    throw new HrsyncError(
      'HRS_CONFIG_INVALID',
      `hrsync demo --hybrid runs a real Samba Active Directory domain controller. ${SAMBA_INSTALL_HINT} ` +
        '(plus samba-dsdb-modules and samba-vfs-modules on Debian 12), then start it again. ' +
        'Without --hybrid the demo runs with the Microsoft 365 emulator only.',
    );
  }
  const dir = join(options.demoDir, 'samba');
  rmSync(dir, { recursive: true, force: true });
  options.print(`Provisioning a Samba AD domain in ${dir} on ${options.address} (takes a few seconds)…`);
  const provisioned = await provisionSambaDomain({
    dir,
    address: options.address,
    realm: 'CONTOSO.LOCAL',
    netbiosDomain: 'CONTOSO',
  });
  let dc: RunningSambaDc;
  try {
    dc = await startSambaDc(provisioned);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new HrsyncError(
      'HRS_CONFIG_INVALID',
      `The demo's domain controller did not start on ${options.address}:636 (${message.split('\n')[0]}). ` +
        'Choose another loopback address with --samba-address, e.g. 127.0.0.95.',
    );
  }
  const domain = dc.domain;
  const container = `OU=Staff,${domain.baseDn}`;
  const disabledContainer = `OU=Disabled accounts,${domain.baseDn}`;
  const client = new Client({
    url: domain.url,
    tlsOptions: { ca: [domain.ca], servername: domain.serverName },
    timeout: 30_000,
    connectTimeout: 10_000,
  });
  try {
    await client.bind(domain.adminUpn, domain.adminPassword);
    for (const ou of [container, disabledContainer]) {
      await client.add(ou, { objectClass: ['top', 'organizationalUnit'] });
    }
    await client.modify(
      `CN=Partitions,CN=Configuration,${domain.baseDn}`,
      new Change({
        operation: 'add',
        modification: new Attribute({ type: 'uPNSuffixes', values: [options.upnSuffix] }),
      }),
    );
  } catch (error) {
    await dc.stop();
    throw error;
  } finally {
    await client.unbind().catch(() => {});
  }
  return {
    domain,
    container,
    disabledContainer,
    upnSuffix: options.upnSuffix,
    stop: () => dc.stop(),
  };
}
