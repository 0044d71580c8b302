/**
 * The frame every remote command runs in: it builds the API client from the settings, runs the
 * command, and turns its outcome into an exit code — the command's own (0, or 2 for a run that
 * needs attention), or 1 with the error on stderr.
 */
import { type ApiClient, createApiClient } from '../../api-client/index.ts';
import { terminalSafe } from '../terminal-safe.ts';
import { CliError } from './cli-error.ts';
import { type RemoteFlags, remoteSettings } from './remote-options.ts';
import { errorJson, errorLines, redact } from './report-error.ts';

export interface Remote {
  readonly client: ApiClient;
  readonly json: boolean;
  /** Writes one line (or a JSON document) to stdout. */
  out(text: string): void;
}

export type ExitCode = 0 | 1 | 2 | 3 | 4;

export async function runRemote(
  flags: RemoteFlags,
  command: (remote: Remote) => Promise<ExitCode | undefined>,
): Promise<void> {
  const settings = remoteSettings(flags);
  const out = (text: string) => process.stdout.write(`${terminalSafe(redact(text, settings.token))}\n`);
  try {
    if (settings.token === undefined) {
      throw new CliError(
        'HRS_UNAUTHENTICATED',
        'No API token: set HRSYNC_TOKEN (or pass --token). An admin creates one in the console or with POST /api/v1/tokens.',
      );
    }
    if (!/^https?:\/\//i.test(settings.url)) {
      throw new CliError(
        'HRS_VALIDATION',
        `"${settings.url}" is not an http(s) address; set --url or HRSYNC_URL like ${'http://127.0.0.1:8080'}.`,
      );
    }
    // The API's own paths start with /api/v1, and the API docs show it: a --url copied with it
    // would ask for /api/v1/api/v1/… and get "Not found". Say which address to give instead.
    const apiPath = /\/api\/v1\/?$/i.exec(settings.url);
    if (apiPath) {
      const service = settings.url.slice(0, apiPath.index);
      throw new CliError(
        'HRS_VALIDATION',
        `"${settings.url}" ends in /api/v1; set --url or HRSYNC_URL to the service's address without it: ${service}`,
      );
    }
    const unsendable = unsendableSetting(settings);
    if (unsendable !== null) throw new CliError('HRS_VALIDATION', unsendable);
    const client = createApiClient({
      baseUrl: settings.url,
      headers: { authorization: `Bearer ${settings.token}` },
    });
    process.exitCode = (await command({ client, json: settings.json, out })) ?? 0;
  } catch (error) {
    const lines = settings.json ? [errorJson(error)] : errorLines(error);
    for (const line of lines) process.stderr.write(`${terminalSafe(redact(line, settings.token))}\n`);
    process.exitCode = 1;
  }
}

/**
 * What fetch would refuse to send, said as the setting to correct: fetch's own words ("Headers.append:
 * … is an invalid header value", "Cannot convert argument to a ByteString", "a URL that includes
 * credentials") were reported as "Cannot reach the hrsync service", which sends the reader to the
 * network. An API token is hrs_ and URL-safe ASCII; a line break, a space or a typographic dash
 * pasted into it is named by position, never by showing the token.
 */
function unsendableSetting(settings: {
  readonly url: string;
  readonly token: string | undefined;
}): string | null {
  const token = settings.token ?? '';
  const bad = [...token].findIndex((c) => c < '!' || c > '~');
  if (bad >= 0) {
    const code = token.codePointAt(bad) ?? 0;
    const what =
      code === 0x20
        ? 'a space'
        : code < 0x20 || code === 0x7f
          ? 'a control character (a line break, a tab, an escape)'
          : `U+${code.toString(16).toUpperCase().padStart(4, '0')}, which is not ASCII`;
    return `The API token (--token or HRSYNC_TOKEN) holds a character no API token has: character ${bad + 1} is ${what}. Copy the token again as it was shown when it was created.`;
  }
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    return `"${settings.url}" is not an http(s) address; set --url or HRSYNC_URL like http://127.0.0.1:8080.`;
  }
  if (url.username !== '' || url.password !== '') {
    url.username = '';
    url.password = '';
    return `--url or HRSYNC_URL holds a user name or password; hrsync signs in with the API token instead: set it to ${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
  }
  return null;
}
