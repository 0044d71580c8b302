import { createHash } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { tenantDatasetIn } from '../demo-data/dataset-check.ts';
import { MAX_PERSONS } from '../demo-data/limits.ts';
import type { TenantDataset } from '../demo-data/types.ts';
import { numberBetween, toGuid, toPort, toSeed, wholeNumber } from '../shared/option-values.ts';
import { readDataFile, readTextFile, reportingStartProblems } from '../start-problem.ts';
import { certificatesIn, KNOWN_PERMISSIONS } from './identity/app-registration.ts';
import { type RunningGraphEmulator, startGraphEmulator } from './start.ts';

export interface GraphCommandOptions {
  readonly port: number;
  readonly httpsPort?: number;
  readonly host: string;
  readonly users: number;
  readonly seed: number;
  readonly tenant?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly certificate?: string;
  readonly permissions?: readonly string[];
  readonly timeScale: number;
  readonly data?: string;
  readonly tlsDir: string;
  /** Refuse a client assertion whose jti was seen before (off by default, as MSAL re-sends its cached one). */
  readonly rejectAssertionReplay?: boolean;
}

/** `hrsync emulator graph …`: a generated (or loaded) tenant behind Entra ID + Graph v1.0. */
export function graphCommand(): Command {
  return new Command('graph')
    .description('Run the Microsoft Entra ID + Graph v1.0 emulator with a generated tenant')
    .option('--port <port>', 'plain HTTP port', toPort, 7070)
    .option('--https-port <port>', 'HTTPS port (MSAL and the Graph SDKs need HTTPS)', toPort)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--users <n>', 'persons in the generated company', wholeNumber(1, MAX_PERSONS), 50)
    .option('--seed <n>', 'seed for the generated company', toSeed, 1)
    .option('--tenant <guid>', 'tenant id (default: the dataset’s)', toGuid)
    .option('--client-id <guid>', 'app registration client id (default: derived from the seed)', toGuid)
    .option('--client-secret <secret>', 'client secret (default: generated)')
    .option('--certificate <file>', 'PEM certificate whose key may sign client assertions')
    .option(
      '--permissions <list>',
      'comma-separated application permissions (default: what hrsync needs)',
      toPermissions,
    )
    .option(
      '--time-scale <x>',
      'multiply throttling windows (0.01 = 100× faster, same quotas)',
      numberBetween(0.0001, 10000),
      1,
    )
    .option('--data <file>', 'TenantDataset or DemoCompany JSON to serve instead of generating one')
    .option('--reject-assertion-replay', 'refuse a client assertion whose jti was seen before')
    .option(
      '--tls-dir <dir>',
      'where the test CA and server certificate are kept',
      '.data/graph-emulator-tls',
    )
    .action(
      reportingStartProblems('hrsync emulator graph', async (options: GraphCommandOptions) => {
        const running = await runGraphEmulator(options);
        printStartup(running, options, (line) => process.stdout.write(`${line}\n`));
        const stop = () => void running.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
}

export async function runGraphEmulator(options: GraphCommandOptions): Promise<RunningGraphEmulator> {
  const dataset = await loadTenant(options);
  const tenant = options.tenant ? { ...dataset, tenantId: options.tenant } : dataset;
  return startGraphEmulator({
    tenant,
    apps: [
      {
        clientId: options.clientId ?? derivedGuid(`hrsync-graph-client-${options.seed}`),
        ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
        ...(options.certificate ? { certificates: [readCertificate(options.certificate)] } : {}),
        ...(options.permissions ? { permissions: options.permissions } : {}),
      },
    ],
    timeScale: options.timeScale,
    rejectAssertionReplay: options.rejectAssertionReplay === true,
    port: options.port,
    host: options.host,
    tlsDir: options.tlsDir,
    ...(options.httpsPort === undefined ? {} : { httpsPort: options.httpsPort }),
  });
}

/** Lines are labelled with the option names, so what is printed can be passed back in. */
export function printStartup(
  running: RunningGraphEmulator,
  options: GraphCommandOptions,
  print: (line: string) => void,
) {
  const app = running.apps[0]!;
  const base = running.httpsUrl ?? running.httpUrl!;
  print('Microsoft Entra ID + Graph emulator is running');
  print(`  tenant:          ${running.tenantId}`);
  print(`  authority:       ${base}/${running.tenantId}`);
  print(`  token endpoint:  ${base}/${running.tenantId}/oauth2/v2.0/token`);
  print(`  graph base:      ${base}/v1.0`);
  if (running.httpsUrl && running.httpUrl) print(`  plain http:      ${running.httpUrl}`);
  print(`  client-id:       ${app.clientId}`);
  print(`  client-secret:   ${app.clientSecret}`);
  if (options.certificate) print(`  certificate:     ${options.certificate}`);
  print(`  permissions:     ${running.state.apps.get(app.clientId)?.permissions.join(',')}`);
  if (running.caFile) print(`  ca-file:         ${running.caFile}   (NODE_EXTRA_CA_CERTS=${running.caFile})`);
  print(`  users:           ${running.state.directory.userCount}`);
  print(`  time-scale:      ${options.timeScale}`);
  print(`  admin:           ${running.httpUrl ?? base}/__admin/state?users=false`);
}

async function loadTenant(options: GraphCommandOptions): Promise<TenantDataset> {
  if (options.data) {
    return tenantDatasetIn(readDataFile(options.data), `--data ${options.data}`);
  }
  // Loaded on demand: the generator is only needed when no dataset file is given.
  const { generateCompany } = await import('../demo-data/index.ts');
  return generateCompany({ persons: options.users, seed: options.seed }).tenant;
}

/** A stable GUID from a text, so the same seed always gives the same client id. */
function derivedGuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The --certificate file's text, named with what is wrong when it holds no usable certificate. */
function readCertificate(path: string): string {
  const text = readTextFile(path, '--certificate');
  try {
    certificatesIn(text);
  } catch (error) {
    throw new Error(`--certificate ${path}: ${(error as Error).message}`);
  }
  return text;
}

/** Application permissions, each one the emulator knows; empty items between commas are dropped. */
function toPermissions(value: string): readonly string[] {
  const permissions = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const unknown = permissions.filter((p) => !(KNOWN_PERMISSIONS as readonly string[]).includes(p));
  if (permissions.length === 0) throw new InvalidArgumentError('expected at least one permission');
  if (unknown.length > 0)
    throw new InvalidArgumentError(
      `unknown permission ${unknown.join(', ')}; known: ${KNOWN_PERMISSIONS.join(', ')}`,
    );
  return permissions;
}
