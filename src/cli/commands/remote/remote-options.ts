/**
 * Where the service is and who calls it: `--url`/HRSYNC_URL and `--token`/HRSYNC_TOKEN, plus
 * `--json` for machine output. Shared by every command that drives a running service.
 */
import { type Command, Option } from 'commander';

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export interface RemoteFlags {
  readonly url?: string;
  readonly token?: string;
  readonly json?: boolean;
}

export interface RemoteSettings {
  readonly url: string;
  readonly token: string | undefined;
  readonly json: boolean;
}

export function withRemoteOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <url>', `the hrsync service (HRSYNC_URL, default ${DEFAULT_URL})`))
    .addOption(
      new Option(
        '--token <token>',
        'an API token, hrs_… (HRSYNC_TOKEN; prefer the variable: flags show in the process list)',
      ),
    )
    .option('--json', 'print JSON instead of a table');
}

/**
 * Flags win over the environment. The CLI reads HRSYNC_URL and HRSYNC_TOKEN itself: a client of a
 * remote service has no composition root in src/app, and the variable is how a token stays out of
 * shell history and `ps`.
 */
export function remoteSettings(flags: RemoteFlags, env: NodeJS.ProcessEnv = process.env): RemoteSettings {
  const token = flags.token ?? env.HRSYNC_TOKEN;
  return {
    url: flags.url ?? (env.HRSYNC_URL || DEFAULT_URL),
    token: token === undefined || token.trim() === '' ? undefined : token.trim(),
    json: flags.json === true,
  };
}
