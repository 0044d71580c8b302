/**
 * A real Samba Active Directory domain controller in a folder of its own: provisioned with
 * `samba-tool domain provision`, run as `samba -i -M single` (one process, stopped by its PID) on a
 * loopback address of its own, so several can run side by side on ports 389/636 (Samba has no port
 * setting for LDAP). Used by the Samba test suites, the benchmark and `hrsync demo --hybrid`.
 *
 * Not an emulator: Active Directory is never imitated (DESIGN.md §5). This only starts and stops the
 * real thing. Nothing outside the folder is touched: an empty `-s` configuration keeps
 * /etc/samba/smb.conf out, and every state, lock, pid and socket directory points inside the folder.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SambaDomainOptions {
  /** Folder that holds (or will hold) the domain; created when missing. */
  readonly dir: string;
  /** Loopback address the controller listens on, e.g. 127.0.0.81. */
  readonly address: string;
  readonly realm?: string;
  readonly netbiosDomain?: string;
  readonly adminPassword?: string;
}

export interface SambaDomain {
  readonly dir: string;
  readonly address: string;
  readonly realm: string;
  readonly netbiosDomain: string;
  /** e.g. DC=hrsync,DC=test */
  readonly baseDn: string;
  readonly url: string;
  /** Administrator@REALM */
  readonly adminUpn: string;
  readonly adminPassword: string;
  /** PEM of the controller's own certificate authority. */
  readonly ca: string;
  /** The certificate's subject name (it carries no IP address): `DC1.<realm>`. */
  readonly serverName: string;
}

export const SAMBA_INSTALL_HINT =
  'Samba is not installed. On Debian or Ubuntu: apt-get install samba samba-ad-provision ldap-utils';

/** True when `samba` and `samba-tool` are on the PATH. */
export async function sambaInstalled(): Promise<boolean> {
  try {
    await run('samba-tool', ['--version']);
    await run('samba', ['--version']);
    return true;
  } catch {
    return false;
  }
}

const domainOf = (realm: string) =>
  realm
    .toLowerCase()
    .split('.')
    .map((part) => `DC=${part}`)
    .join(',');

function describe(options: SambaDomainOptions): SambaDomain {
  const realm = options.realm ?? 'HRSYNC.TEST';
  const tls = join(options.dir, 'dc', 'private', 'tls', 'ca.pem');
  return {
    dir: options.dir,
    address: options.address,
    realm,
    netbiosDomain: options.netbiosDomain ?? 'HRSYNC',
    baseDn: domainOf(realm),
    url: `ldaps://${options.address}`,
    adminUpn: `Administrator@${realm}`,
    adminPassword: options.adminPassword ?? 'Passw0rd!Adm1n',
    ca: existsSync(tls) ? readFileSync(tls, 'utf8') : '',
    serverName: `DC1.${realm.toLowerCase()}`,
  };
}

const PROVISION_TIMEOUT_MS = 600_000;

/** Provisions the domain once; a folder that already holds one is reused as it is. */
export async function provisionSambaDomain(options: SambaDomainOptions): Promise<SambaDomain> {
  const domain = describe(options);
  const dc = join(options.dir, 'dc');
  const conf = join(dc, 'etc', 'smb.conf');
  if (existsSync(conf)) return domain;
  mkdirSync(join(dc, 'run'), { recursive: true });
  const empty = join(options.dir, 'empty.conf');
  writeFileSync(empty, '');
  const option = (text: string) => `--option=${text}`;
  try {
    await run(
      'samba-tool',
      [
        'domain',
        'provision',
        '-q',
        '-s',
        empty,
        `--realm=${domain.realm}`,
        `--domain=${domain.netbiosDomain}`,
        `--adminpass=${domain.adminPassword}`,
        '--server-role=dc',
        '--dns-backend=NONE',
        `--targetdir=${dc}`,
        '--host-name=dc1',
        `--host-ip=${options.address}`,
        option(`interfaces = ${options.address}/8`),
        option('bind interfaces only = yes'),
        option(`log file = ${dc}/log.%m`),
        option(`pid directory = ${dc}/run`),
        option(`ncalrpc dir = ${dc}/run/ncalrpc`),
        option(`winbindd socket directory = ${dc}/run/winbindd`),
        option('server services = ldap'),
      ],
      // A few seconds on a quiet machine; minutes when many suites share two cores.
      { timeout: PROVISION_TIMEOUT_MS },
    );
  } catch (error) {
    const e = error as { code?: string; stderr?: string; message: string; killed?: boolean };
    if (e.code === 'ENOENT') throw new Error(SAMBA_INSTALL_HINT);
    if (e.killed)
      throw new Error(`samba-tool domain provision did not finish within ${PROVISION_TIMEOUT_MS / 1000} s`);
    throw new Error(`samba-tool domain provision failed: ${(e.stderr ?? e.message).trim().slice(-2000)}`);
  }
  return domain;
}

export interface RunningSambaDc {
  readonly domain: SambaDomain;
  readonly pid: number;
  /** Stops the controller (SIGTERM to its PID, SIGKILL after `graceMs`; 0 kills at once) and waits for it to exit. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `samba -i -M single` for a provisioned domain and waits until LDAPS answers. */
export async function startSambaDc(
  domainOrOptions: SambaDomain | SambaDomainOptions,
  options: { readonly timeoutMs?: number; readonly maxRuntimeSeconds?: number } = {},
): Promise<RunningSambaDc> {
  const domain = 'baseDn' in domainOrOptions ? domainOrOptions : describe(domainOrOptions);
  const dc = join(domain.dir, 'dc');
  mkdirSync(join(dc, 'run'), { recursive: true });
  const out = openSync(join(domain.dir, 'samba.out'), 'a');
  const child: ChildProcess = spawn(
    'samba',
    [
      '-s',
      join(dc, 'etc', 'smb.conf'),
      '-i',
      '-M',
      'single',
      `--maximum-runtime=${options.maxRuntimeSeconds ?? 7200}`,
    ],
    { stdio: ['ignore', out, out] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(SAMBA_INSTALL_HINT);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  // Never leave a controller behind, even when a test process ends without cleaning up.
  const killOnExit = () => {
    if (!exited) process.kill(pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  const stop = async (graceMs = 10_000) => {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    child.kill(graceMs === 0 ? 'SIGKILL' : 'SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, graceMs);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  // The first start writes the TLS certificate, and LDAPS may answer before its CA is on disk (seen in
  // CI: ENOENT on ca.pem right after port 636 answered): wait for both.
  const caFile = join(dc, 'private', 'tls', 'ca.pem');
  while (!(await answers(domain.address, 636)) || caPem(caFile) === null) {
    if (exited || Date.now() > deadline) {
      await stop(1000);
      const log = existsSync(join(domain.dir, 'samba.out'))
        ? readFileSync(join(domain.dir, 'samba.out'), 'utf8').slice(-2000)
        : '';
      throw new Error(
        `samba did not start on ${domain.address}:636 with its TLS certificate (${exited ? 'it exited' : 'timeout'})\n${log}`,
      );
    }
    await delay(200);
  }
  return { domain: { ...domain, ca: caPem(caFile) as string }, pid, stop };
}

/** The CA certificate once it is written whole, or null before. */
function caPem(file: string): string | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  return text.includes('-----END CERTIFICATE-----') ? text : null;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
