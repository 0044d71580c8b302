/**
 * `hrsync demo` (what `npm start` runs): the service plus both emulators with a generated Dutch demo
 * company, a demo organisation with an admin, a customer, a tenant whose app credentials point at the
 * Graph emulator, and one connection configured through step 4 (state `simulation`). The demo keeps
 * its own fresh SQLite database under `<data folder>/demo`; the emulators live in memory. With
 * `--hybrid` it also runs a real Samba AD domain (demo-hybrid.ts) with a hybrid tenant and connection.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAfasEmulator } from '../../emulators/afas/index.ts';
import { generateCompany } from '../../emulators/demo-data/index.ts';
import { startGraphEmulator } from '../../emulators/graph/index.ts';
import type { ServiceConfig } from './config.ts';
import { DEMO_SAMBA_ADDRESS, type DemoDirectory, startDemoDirectory } from './demo-hybrid.ts';
import { seedDemo } from './demo-seed.ts';
import { withShowcase } from './demo-showcase.ts';
import { DEMO_ENTRA_ADMIN, type DemoIdentity, linkDemoSignIn, startDemoIdentity } from './demo-sign-in.ts';
import { type RunningService, startService } from './serve.ts';

export interface DemoOptions {
  readonly print: (line: string) => void;
  readonly persons?: number;
  readonly seed?: number;
  /**
   * `--hybrid`: also a real Samba AD domain (in the data folder, on this loopback address) with a
   * hybrid tenant and connection. Fails with the install command when Samba is missing.
   */
  readonly hybrid?: { readonly address?: string };
}

export interface RunningDemo {
  readonly service: RunningService;
  readonly signIn: { readonly email: string; readonly password: string };
  readonly connectionId: string;
  /** The pilot connection (one employee, synced at start-up) and the employee it quarantined. */
  readonly pilotConnectionId: string;
  readonly quarantinedEmployee: string;
  /** With --hybrid: the connection to the Samba domain, and the domain itself. */
  readonly hybridConnectionId?: string;
  readonly directory?: DemoDirectory;
  /** The AFAS emulator, and the file holding its App Connector token (for a connection of one's own). */
  readonly afas: { readonly baseUrl: string; readonly tokenFile: string };
  /** The MSP's own Entra tenant (identity emulator) that "Sign in with Microsoft" uses. */
  readonly identity: DemoIdentity;
  /** Who signs in with Microsoft as an administrator (their Entra group maps to admin). */
  readonly microsoftSignIn: { readonly email: string };
  stop(): Promise<void>;
}

export async function startDemo(config: ServiceConfig, options: DemoOptions): Promise<RunningDemo> {
  const demoDir = join(config.dataDir, 'demo');
  for (const file of ['hrsync.sqlite', 'hrsync.sqlite-wal', 'hrsync.sqlite-shm']) {
    rmSync(join(demoDir, file), { force: true });
  }
  const { company, quarantine, onPremises } = withShowcase(
    generateCompany({ persons: options.persons ?? 150, seed: options.seed ?? 2026 }),
  );
  const afas = await startAfasEmulator({ dataset: company.afas });
  const graph = await startGraphEmulator({
    tenant: company.tenant,
    port: null,
    httpsPort: 0,
    tlsDir: join(demoDir, 'tls'),
  });
  // Started after the customer's emulator, so it finds and shares that emulator's test CA.
  const identity = await startDemoIdentity(demoDir).catch(async (error: unknown) => {
    await Promise.all([afas.close(), graph.close()]);
    throw error;
  });
  const app = graph.apps[0];
  if (!app || !graph.caCertPem)
    throw new Error('the Graph emulator started without an app registration or CA');
  const domains = company.tenant.domains.filter((d) => d.isVerified).map((d) => d.id);
  const address = options.hybrid?.address ?? DEMO_SAMBA_ADDRESS;
  let directory: DemoDirectory | undefined;
  if (options.hybrid) {
    try {
      directory = await startDemoDirectory({
        demoDir,
        address,
        upnSuffix: domains[0] ?? 'contoso.nl',
        print: options.print,
      });
    } catch (error) {
      await Promise.all([afas.close(), graph.close(), identity.close()]);
      throw error;
    }
  }
  const service = await startService(
    {
      ...config,
      dataDir: demoDir,
      databaseUrl: undefined,
      // The emulators listen on this machine; production allows only the official hosts.
      allowedEndpointHosts: [
        ...config.allowedEndpointHosts,
        '127.0.0.1',
        'localhost',
        ...(directory ? [address] : []),
      ],
    },
    { print: options.print, extraCa: graph.caCertPem, skipBootstrap: true },
  ).catch(async (error: unknown) => {
    await Promise.all([afas.close(), graph.close(), identity.close(), directory?.stop()]);
    throw error;
  });
  try {
    const seeded = await seedDemo(service, {
      afasBaseUrl: afas.baseUrl,
      afasToken: afas.token.xml,
      directoryId: graph.tenantId,
      domains,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      graphUrl: graph.url,
      ...(quarantine ? { quarantineEmployee: quarantine.employeeNumber } : {}),
      ...(directory
        ? {
            directory: {
              url: directory.domain.url,
              ca: directory.domain.ca,
              serverName: directory.domain.serverName,
              bindUser: directory.domain.adminUpn,
              bindPassword: directory.domain.adminPassword,
              container: directory.container,
              disabledContainer: directory.disabledContainer,
              upnSuffix: directory.upnSuffix,
            },
          }
        : {}),
    });
    await linkDemoSignIn(service, identity, { email: seeded.email, password: seeded.password });
    // A connection of one's own needs the AFAS token in step 1: kept in a file beside the demo's other
    // secrets (its secret key), not printed, as no secret is.
    const tokenFile = join(demoDir, 'afas-token.xml');
    writeFileSync(tokenFile, `${afas.token.xml}\n`, { mode: 0o600 });
    options.print('');
    options.print(`hrsync demo is running at ${service.url}`);
    options.print(`  sign in as ${seeded.email} with password ${seeded.password}`);
    options.print(
      `  or "Sign in with Microsoft" and pick ${DEMO_ENTRA_ADMIN} (the demo MSP's Entra tenant; their group maps to Administrator)`,
    );
    options.print(`  AFAS emulator: ${afas.baseUrl}   Microsoft 365 emulator: ${graph.url}`);
    options.print(`  API docs: ${service.url}/api/docs`);
    options.print(
      `  A connection of your own: the AFAS emulator's App Connector token is in ${tokenFile}; the demo's tenants (Customers and tenants) are ready to use.`,
    );
    options.print(
      '  The connection "Contoso — AFAS to Microsoft 365" is configured through step 4: simulate it, then activate.',
    );
    options.print(
      `  Its simulation shows a conflict to resolve, a name too long for Microsoft 365${onPremises ? `, an account on-premises AD owns (${onPremises.employeeNumber})` : ''}${quarantine ? `; the pilot connection has quarantined employee ${quarantine.employeeNumber}, an administrator Microsoft 365 will not let hrsync change` : ''}.`,
    );
    if (directory) {
      options.print(
        `  Samba AD domain ${directory.domain.realm}: ${directory.domain.url} (TLS name ${directory.domain.serverName}), ` +
          `bind ${directory.domain.adminUpn}, data in ${directory.domain.dir}`,
      );
      options.print(
        '  The connection "Contoso — AFAS to Active Directory" is configured through step 4 too: simulate it (the long name ' +
          'fails there as well: Active Directory allows a cn and sn of 64 characters), activate anyway with a reason, sync.',
      );
    }
    options.print('Press Ctrl+C to stop.');
    return {
      service,
      signIn: { email: seeded.email, password: seeded.password },
      connectionId: seeded.connectionId,
      pilotConnectionId: seeded.pilotConnectionId ?? '',
      quarantinedEmployee: quarantine?.employeeNumber ?? '',
      ...(seeded.hybridConnectionId ? { hybridConnectionId: seeded.hybridConnectionId } : {}),
      ...(directory ? { directory } : {}),
      identity,
      microsoftSignIn: { email: DEMO_ENTRA_ADMIN },
      afas: { baseUrl: afas.baseUrl, tokenFile },
      async stop() {
        await service.stop();
        await Promise.all([afas.close(), graph.close(), identity.close(), directory?.stop()]);
      },
    };
  } catch (error) {
    await service.stop();
    await Promise.all([afas.close(), graph.close(), identity.close(), directory?.stop()]);
    throw error;
  }
}
