/**
 * A demo-like hrsync service for the CLI suites: `hrsync demo` started in process by its own
 * composition root (src/app startDemo: the service with its worker, both emulators, a generated
 * Dutch company and one connection configured through step 4) on a free port, with a temp data
 * folder. API tokens are created through the API by the demo admin, the way an administrator does.
 * The CLI under test runs as a child process, `node bin/hrsync …`, with HRSYNC_URL and HRSYNC_TOKEN.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig, type RunningDemo, startDemo } from '../../../src/app/index.ts';
import { type ApiClient, createApiClient } from '../../../src/cli/api-client/index.ts';
import {
  createApiToken,
  getConnection,
  pathFor,
  type ResponseOf,
  signIn,
} from '../../../src/contracts/index.ts';
import type { Role } from '../../../src/core/index.ts';

const HRSYNC = join(import.meta.dirname, '..', '..', '..', 'bin', 'hrsync');

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface CliOptions {
  /** The HRSYNC_TOKEN to use: a role's token (default admin), any text, or null for none. */
  readonly token?: Role | { readonly value: string } | null;
  readonly url?: string;
}

export interface CliStack {
  readonly url: string;
  readonly dataDir: string;
  readonly connection: ResponseOf<typeof getConnection>;
  /** The demo's pilot connection (one employee, synced at start-up) and the employee it quarantined. */
  readonly pilot: { readonly connectionId: string; readonly quarantinedEmployee: string };
  readonly tokens: Readonly<Record<Role, string>>;
  /** The API as the demo admin's token, for setting up and checking what the CLI did. */
  readonly api: ApiClient;
  /**
   * Runs `hrsync <args>`. Every call also checks that no token — the stack's or one the test made
   * up — appears in stdout or stderr.
   */
  hrsync(args: readonly string[], options?: CliOptions): Promise<CliResult>;
  /** A token-shaped value the service has never issued. */
  unknownToken(): string;
  close(): Promise<void>;
}

export async function startCliStack(options: { readonly persons?: number } = {}): Promise<CliStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hrsync-cli-'));
  // An empty environment: the suite must not depend on the machine's HRSYNC_* variables.
  const config = {
    ...loadServiceConfig({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent' }, {}),
    pollMs: 100,
    // A heartbeat a second (a quarter of the lease), so a cancelled run stops within the test.
    leaseMs: 4000,
  };
  const demo: RunningDemo = await startDemo(config, {
    print: () => {},
    persons: options.persons ?? 60,
    seed: 2026,
  });
  const url = demo.service.url;

  const login = await fetch(url + pathFor(signIn), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demo.signIn),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const asAdmin = createApiClient({ baseUrl: url, headers: { cookie } });
  const token = async (role: Role) =>
    (await asAdmin.call(createApiToken, { body: { name: `cli ${role}`, role } })).token;
  const tokens = {
    admin: await token('admin'),
    operator: await token('operator'),
    viewer: await token('viewer'),
  };
  const api = createApiClient({ baseUrl: url, headers: { authorization: `Bearer ${tokens.admin}` } });
  const connection = await api.call(getConnection, { params: { id: demo.connectionId } });

  const secrets = new Set<string>(Object.values(tokens));
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('HRSYNC_')),
  );

  const hrsync = (args: readonly string[], o: CliOptions = {}): Promise<CliResult> => {
    const who = o.token === undefined ? 'admin' : o.token;
    const value = who === null ? undefined : typeof who === 'string' ? tokens[who] : who.value;
    if (value) secrets.add(value);
    const env = { ...environment, HRSYNC_URL: o.url ?? url, ...(value ? { HRSYNC_TOKEN: value } : {}) };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [HRSYNC, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.on('error', reject);
      child.on('close', (code) => {
        // Also the tokens passed with --token: they are in argv, so the CLI has them to leak.
        for (const arg of args) if (arg.startsWith('hrs_')) secrets.add(arg);
        const command = args.map((a) => (a.startsWith('hrs_') ? 'hrs_…' : a)).join(' ');
        for (const secret of secrets) {
          assert.ok(!out.includes(secret), `a token appeared in stdout of hrsync ${command}`);
          assert.ok(!err.includes(secret), `a token appeared in stderr of hrsync ${command}`);
        }
        resolve({ code: code ?? -1, out, err });
      });
    });
  };

  return {
    url,
    dataDir,
    connection,
    pilot: { connectionId: demo.pilotConnectionId, quarantinedEmployee: demo.quarantinedEmployee },
    tokens,
    api,
    hrsync,
    unknownToken: () => `hrs_${randomBytes(32).toString('base64url')}`,
    async close() {
      await demo.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
