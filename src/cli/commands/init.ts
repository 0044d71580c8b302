/**
 * `hrsync init`: writes a starter connection configuration from flags, with the default mapping
 * filled in. Secrets go by reference (`--afas-token-env NAME`) unless given inline on purpose.
 */
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { errorTitle } from '../../contracts/error-titles.ts';
import { specialFileKind } from '../../core/bounded-read.ts';
import { writeProblem } from '../../core/file-problem.ts';
import { isHrsyncError, type SecretRef } from '../../core/index.ts';
import { loadConfig, starterConfig } from '../../engine/index.ts';
import { hybridStarterConfig } from '../../targets/ldap/hybrid-defaults.ts';
import { hrsyncCommand } from '../command-table.ts';
import { refuseConfigUrls } from './config-urls.ts';
import { refusalLines } from './refusal-lines.ts';
import { wrapLines } from './wrap.ts';

interface InitFlags {
  out: string;
  force?: boolean;
  afasUrl?: string;
  afasEnvironment?: string;
  afasKind: 'production' | 'test' | 'accept';
  afasToken?: string;
  afasTokenEnv?: string;
  afasTokenFile?: string;
  tenant?: string;
  clientId?: string;
  directoryUrl?: string;
  bindUser?: string;
  bindPasswordEnv?: string;
  bindPasswordFile?: string;
  baseDn?: string;
  container?: string;
  disabledContainer?: string;
  tlsServerName?: string;
  clientSecret?: string;
  clientSecretEnv?: string;
  clientSecretFile?: string;
  certificate?: string;
  privateKey?: string;
  domain?: string;
  authorityHost?: string;
  graphUrl?: string;
  caFile?: string;
}

function secretRef(
  value: string | undefined,
  env: string | undefined,
  file: string | undefined,
): SecretRef | null {
  if (env) return { env };
  if (file) return { file };
  if (value) return { value };
  return null;
}

export function initCommand(): Command {
  return hrsyncCommand('init')
    .option('-o, --out <file>', 'where to write it', 'connection.json')
    .option('--force', 'overwrite an existing file')
    .option('--afas-url <url>', 'ProfitRestServices base URL (or use --afas-environment)')
    .option('--afas-environment <number>', 'AFAS environment number, e.g. 12345', (v: string) => {
      if (!/^[0-9]{5,6}$/.test(v)) {
        throw new InvalidArgumentError('An AFAS environment number has 5 or 6 digits, e.g. 12345.');
      }
      return v;
    })
    .addOption(
      new Option('--afas-kind <kind>', 'kind of AFAS environment (with --afas-environment)')
        .choices(['production', 'test', 'accept'])
        .default('production'),
    )
    .option('--afas-token <token>', 'AFAS App Connector token (stored inline: prefer --afas-token-env)')
    .option('--afas-token-env <name>', 'environment variable holding the AFAS token')
    .option('--afas-token-file <file>', 'file holding the AFAS token')
    .option('--tenant <id>', 'cloud: Microsoft Entra tenant id or verified domain')
    .option('--client-id <id>', 'cloud: application (client) id')
    .option('--client-secret <secret>', 'client secret (stored inline: prefer --client-secret-env)')
    .option('--client-secret-env <name>', 'environment variable holding the client secret')
    .option('--client-secret-file <file>', 'file holding the client secret')
    .option('--certificate <file>', 'PEM certificate registered on the app (with --private-key)')
    .option('--private-key <file>', 'PEM private key of that certificate')
    .option('--domain <domain>', 'verified domain (cloud) or UPN suffix (hybrid) for new UPNs and mail')
    .option('--directory-url <urls>', 'hybrid: domain controllers, ldaps://dc1,ldaps://dc2 (tried in order)')
    .option('--bind-user <name>', 'hybrid: bind identity (UPN, DOMAIN\\user or DN)')
    .option('--bind-password-env <name>', 'hybrid: environment variable holding the bind password')
    .option('--bind-password-file <file>', 'hybrid: file holding the bind password')
    .option('--base-dn <dn>', 'hybrid: where accounts are searched (default: the domain, from RootDSE)')
    .option('--container <dn>', 'hybrid: container (OU) for new accounts')
    .option('--disabled-container <dn>', 'hybrid: container leavers are moved to (optional)')
    .option('--tls-server-name <name>', 'hybrid: name on the controllers’ certificate when the URL is an IP')
    .option('--authority-host <url>', 'identity platform (an emulator: its https URL)')
    .option('--graph-url <url>', 'Microsoft Graph URL without /v1.0 (an emulator: its URL)')
    .option(
      '--ca-file <file>',
      'CA certificate to trust (hybrid: the controllers’ CA; cloud: the emulator’s)',
    )
    .action(async (flags: InitFlags) => {
      try {
        await init(filesFromTheConfiguration(flags));
      } catch (e) {
        if (!isHrsyncError(e)) throw e;
        for (const line of refusalLines(
          { code: e.code, message: e.message, details: e.details, title: errorTitle(e.code) },
          { topLevel: true },
        ))
          console.error(line);
        process.exitCode = 1;
      }
    });
}

// Checked with the other options, not by commander (requiredOption): commander reports a missing
// required option before an unknown one, so `--domian x` said "--domain not specified", hiding the typo.
const DOMAIN_MISSING = 'give --domain, the verified domain (cloud) or UPN suffix (hybrid) for new accounts';

/** Options that name a file: the configuration holds them relative to its own folder. */
const FILE_OPTIONS = [
  'afasTokenFile',
  'clientSecretFile',
  'bindPasswordFile',
  'certificate',
  'privateKey',
  'caFile',
] as const satisfies readonly (keyof InitFlags)[];

/**
 * The flags with each file, named relative to where init runs, made relative to the folder of the
 * configuration (--out), which is where simulate and sync look for it: `--out configs/a.json
 * --ca-file ca.pem` wrote "ca.pem", which they then looked for as configs/ca.pem.
 */
function filesFromTheConfiguration(flags: InitFlags): InitFlags {
  const folder = dirname(resolve(flags.out));
  const moved: InitFlags = { ...flags };
  for (const key of FILE_OPTIONS) {
    const file = flags[key];
    if (file !== undefined && !isAbsolute(file)) moved[key] = relative(folder, resolve(file)) || '.';
  }
  return moved;
}

/** Options that say the same thing in different ways: at most one of each group may be given. */
const ONE_OF: readonly (readonly (keyof InitFlags)[])[] = [
  ['afasUrl', 'afasEnvironment'],
  ['afasTokenEnv', 'afasTokenFile', 'afasToken'],
  ['clientSecretEnv', 'clientSecretFile', 'clientSecret'],
  ['bindPasswordEnv', 'bindPasswordFile'],
];
const CLIENT_SECRET: readonly (keyof InitFlags)[] = ['clientSecretEnv', 'clientSecretFile', 'clientSecret'];
const CERTIFICATE: readonly (keyof InitFlags)[] = ['certificate', 'privateKey'];
const HYBRID_ONLY: readonly (keyof InitFlags)[] = [
  'bindUser',
  'bindPasswordEnv',
  'bindPasswordFile',
  'baseDn',
  'container',
  'disabledContainer',
  'tlsServerName',
];
const CLOUD_ONLY: readonly (keyof InitFlags)[] = [
  'tenant',
  'clientId',
  ...CLIENT_SECRET,
  ...CERTIFICATE,
  'authorityHost',
  'graphUrl',
];

/** `afasTokenEnv` as the user typed it: `--afas-token-env`. */
const optionName = (key: keyof InitFlags) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Options that contradict each other or do not belong to the destination: refused, where one of
 * them used to win without a word (`--afas-token-env` over `--afas-token-file`) or was left out of
 * the file (`--container` in a cloud configuration).
 */
function conflictingOptions(flags: InitFlags): string[] {
  const given = (keys: readonly (keyof InitFlags)[]) => keys.filter((k) => flags[k] !== undefined);
  const problems: string[] = [];
  for (const group of ONE_OF) {
    const both = given(group);
    if (both.length > 1) {
      problems.push(
        `give one of ${group
          .map(optionName)
          .join(', ')
          .replace(/, ([^,]+)$/, ' and $1')}, not ${both.map(optionName).join(' and ')}`,
      );
    }
  }
  const secret = given(CLIENT_SECRET)[0];
  const certificate = given(CERTIFICATE)[0];
  if (secret !== undefined && certificate !== undefined) {
    problems.push(
      `give a client secret or a certificate, not both (${optionName(secret)} and ${optionName(certificate)})`,
    );
  }
  const hybrid = flags.directoryUrl !== undefined;
  const misplaced = given(hybrid ? CLOUD_ONLY : HYBRID_ONLY).map(optionName);
  if (misplaced.length > 0) {
    const list = misplaced.join(', ');
    problems.push(
      hybrid
        ? `${list} ${misplaced.length === 1 ? 'is' : 'are'} for a cloud destination: leave ${misplaced.length === 1 ? 'it' : 'them'} out with --directory-url`
        : `${list} ${misplaced.length === 1 ? 'is' : 'are'} for a hybrid destination: give --directory-url too, or leave ${misplaced.length === 1 ? 'it' : 'them'} out`,
    );
  }
  return problems;
}

async function init(flags: InitFlags): Promise<void> {
  const problems = conflictingOptions(flags);
  const token = secretRef(flags.afasToken, flags.afasTokenEnv, flags.afasTokenFile);
  if (flags.directoryUrl !== undefined) return initHybrid(flags, token, problems);
  const secret = secretRef(flags.clientSecret, flags.clientSecretEnv, flags.clientSecretFile);
  if (!flags.afasUrl && !flags.afasEnvironment) problems.push('give --afas-url or --afas-environment');
  if (!token) problems.push('give --afas-token-env, --afas-token-file or --afas-token');
  if (!flags.tenant || !flags.clientId) {
    problems.push(
      'give --tenant and --client-id (cloud), or --directory-url and the other directory flags (hybrid)',
    );
  }
  if (!secret && !(flags.certificate && flags.privateKey)) {
    problems.push(
      'give --client-secret-env/--client-secret-file/--client-secret, or --certificate with --private-key',
    );
  }
  if (!flags.domain) problems.push(DOMAIN_MISSING);
  if (problems.length > 0) {
    console.error(problems.map((p) => wrapLines(`hrsync init: ${p}`).join('\n')).join('\n'));
    process.exitCode = 1;
    return;
  }
  const config = starterConfig({
    environment: flags.afasUrl
      ? { baseUrl: flags.afasUrl }
      : { number: flags.afasEnvironment as string, kind: flags.afasKind },
    token: token as SecretRef,
    tenantId: flags.tenant as string,
    clientId: flags.clientId as string,
    credential: secret
      ? { type: 'secret', secret }
      : {
          type: 'certificate',
          certificate: { file: flags.certificate as string },
          privateKey: { file: flags.privateKey as string },
        },
    defaultDomain: flags.domain as string,
    ...(flags.authorityHost ? { authorityHost: flags.authorityHost } : {}),
    ...(flags.graphUrl ? { graphBaseUrl: flags.graphUrl } : {}),
    ...(flags.caFile ? { caFile: flags.caFile } : {}),
  });

  await write(flags, config);
}

/** A hybrid configuration: accounts in on-premises Active Directory over LDAPS. */
async function initHybrid(flags: InitFlags, token: SecretRef | null, problems: string[]): Promise<void> {
  if (!flags.afasUrl && !flags.afasEnvironment) problems.push('give --afas-url or --afas-environment');
  if (!token) problems.push('give --afas-token-env, --afas-token-file or --afas-token');
  if (!flags.bindUser) problems.push('give --bind-user');
  if (!flags.bindPasswordEnv && !flags.bindPasswordFile) {
    problems.push(
      'give --bind-password-env or --bind-password-file (the bind password is never written inline)',
    );
  }
  if (!flags.container) problems.push('give --container, the OU for new accounts');
  if (!flags.domain) problems.push(DOMAIN_MISSING);
  if (problems.length > 0) {
    console.error(problems.map((p) => wrapLines(`hrsync init: ${p}`).join('\n')).join('\n'));
    process.exitCode = 1;
    return;
  }
  const config = hybridStarterConfig({
    environment: flags.afasUrl
      ? { baseUrl: flags.afasUrl }
      : { number: flags.afasEnvironment as string, kind: flags.afasKind },
    token: token as SecretRef,
    directory: {
      urls: (flags.directoryUrl ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''),
      bindUser: flags.bindUser as string,
      bindPassword: flags.bindPasswordEnv
        ? { env: flags.bindPasswordEnv }
        : { file: flags.bindPasswordFile as string },
      container: flags.container as string,
      defaultDomain: flags.domain as string,
      upnSuffixes: [(flags.domain as string).toLowerCase()],
      ...(flags.baseDn ? { baseDn: flags.baseDn } : {}),
      ...(flags.disabledContainer ? { disabledContainer: flags.disabledContainer } : {}),
      ...(flags.caFile ? { caFile: flags.caFile } : {}),
      ...(flags.tlsServerName ? { tlsServerName: flags.tlsServerName } : {}),
    },
  });
  await write(flags, config);
}

async function write(
  flags: InitFlags,
  config: ReturnType<typeof starterConfig> | ReturnType<typeof hybridStarterConfig>,
) {
  refuseConfigUrls(loadConfig(config));
  // A folder "exists", but --force would not help: say what it is and what to give instead.
  const existing = await stat(flags.out).catch(() => null);
  if (existing?.isDirectory()) {
    console.error(
      `hrsync init: cannot write ${flags.out}: it is a folder, not a file; name the file, e.g. ${join(flags.out, 'connection.json')}`,
    );
    process.exitCode = 1;
    return;
  }
  // --force renames a new file over the old one: over /dev/null or a FIFO that would put a file
  // where the device or pipe was.
  const kind = existing ? specialFileKind(existing) : undefined;
  if (kind !== undefined) {
    console.error(`hrsync init: cannot write ${flags.out}: it is ${kind}, not a file; name a file to write`);
    process.exitCode = 1;
    return;
  }
  const text = `${JSON.stringify(config, null, 2)}\n`;
  try {
    // Without --force the file is created only if it does not exist ('wx'), in the one call that
    // writes it: a file that appears after a check and before the write is not overwritten either.
    if (flags.force) await replaceFile(flags.out, text);
    else await writeFile(flags.out, text, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      console.error(`hrsync init: ${flags.out} exists; use --force to overwrite`);
      process.exitCode = 1;
      return;
    }
    console.error(`hrsync init: cannot write ${flags.out}: ${writeProblem(e)}`);
    process.exitCode = 1;
    return;
  }
  console.log(`wrote ${flags.out}; next: hrsync simulate --config ${flags.out}`);
}

/**
 * Writes `text` over `path` whole or not at all: into a new file beside it, flushed to disk, then
 * renamed over it. Written in place, a crash or a full disk half way lost the configuration the user
 * had. A link is followed, so it keeps pointing at the new file; the new file is the owner's only
 * (0600), as a new configuration is, since it may hold a secret given inline.
 */
async function replaceFile(path: string, text: string): Promise<void> {
  const target = await realpath(path).catch(() => resolve(path));
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
