/** Runs `bin/hrsync` as a user would, in its own process, and collects what it printed. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const HRSYNC_BIN = join(import.meta.dirname, '..', '..', 'bin', 'hrsync');

/**
 * A line of a Node stack trace ("    at load (/app/src/x.ts:10:5)", "    at node:internal/…"). Not
 * just a line starting with "at": the run summary wraps at 80 columns, and a message such as
 * "… reached at 127.0.0.1:4080" may continue on a line that begins with "at".
 */
export const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$|node:internal/m;

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * `env` replaces the environment when given (tests that must not see the machine's HRSYNC_* set PATH
 * only); `launcher` runs the CLI through another program (`['prlimit', '--fsize=512']`).
 */
export function runCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; launcher?: readonly string[] } = {},
): Promise<CliRun> {
  const [program, ...before] = [...(options.launcher ?? []), process.execPath];
  return new Promise((resolve) => {
    const child = spawn(program as string, [...before, HRSYNC_BIN, ...args], {
      ...(options.env ? { env: options.env } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/**
 * `hrsync init`'s options for a hybrid destination (the example.nl forest, bind password and AFAS
 * token from the environment), after whichever AFAS options a test gives.
 */
export function hybridInitOptions(directoryUrl = 'ldaps://dc1.example.nl'): string[] {
  return [
    '--afas-token-env',
    'AFAS_TOKEN',
    '--directory-url',
    directoryUrl,
    '--bind-user',
    'EXAMPLE\\svc-hrsync',
    '--bind-password-env',
    'BIND_PASSWORD',
    '--domain',
    'example.nl',
    '--container',
    'OU=Users,DC=example,DC=nl',
  ];
}

/**
 * `hrsync init`'s options for a cloud connection that is written and not run — AFAS by environment number, the token and the
 * client secret from environment variables — with some changed: a value replaces an option's, null
 * leaves it out, a new option is added after the others.
 */
export function cloudInitArgs(changes: Readonly<Record<string, string | null>> = {}): string[] {
  const options: Record<string, string | null> = {
    '--afas-environment': '12345',
    '--afas-token-env': 'AFAS_TOKEN',
    '--tenant': '90928dfa-3bdb-4aac-8296-d33a5e2bdd0a',
    '--client-id': 'f6fc453f-031b-478b-86e5-b10ad7627a66',
    '--client-secret-env': 'GRAPH_SECRET',
    '--domain': 'contoso.nl',
    ...changes,
  };
  return Object.entries(options).flatMap(([option, value]) => (value === null ? [] : [option, value]));
}

/**
 * `hrsync init`'s options for a cloud destination on the two emulators (everything but `--out`), and
 * the environment the written configuration reads its AFAS token and client secret from.
 */
export function cloudInitOptions(
  afas: { readonly baseUrl: string; readonly token: { readonly xml: string } },
  graph: {
    readonly url: string;
    readonly tenantId: string;
    readonly caFile?: string | null;
    readonly apps: readonly { readonly clientId: string; readonly clientSecret: string }[];
  },
): { readonly options: string[]; readonly env: { AFAS_TOKEN: string; GRAPH_SECRET: string } } {
  const app = graph.apps[0];
  if (app === undefined || !graph.caFile) throw new Error('the Graph emulator has no app or no CA file');
  return {
    options: [
      '--afas-url',
      afas.baseUrl,
      '--afas-token-env',
      'AFAS_TOKEN',
      '--tenant',
      graph.tenantId,
      '--client-id',
      app.clientId,
      '--client-secret-env',
      'GRAPH_SECRET',
      '--domain',
      'contoso.nl',
      '--authority-host',
      graph.url,
      '--graph-url',
      graph.url,
      '--ca-file',
      graph.caFile,
    ],
    env: { AFAS_TOKEN: afas.token.xml, GRAPH_SECRET: app.clientSecret },
  };
}
