/**
 * The address a new user gives the remote commands: the API docs show paths under /api/v1, so a
 * --url copied with it is the likely mistake. It is refused before anything is sent, saying which
 * address to give instead, with exit 1 and no stack trace. No service is needed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CliRun, runCli } from '../support/run-cli.ts';

function hrsync(args: readonly string[]): Promise<CliRun> {
  // An empty environment: the machine's HRSYNC_* variables must not count.
  return runCli(args, { env: { PATH: process.env.PATH ?? '' } });
}

test('a --url that ends in /api/v1 is refused with the address to give instead', async () => {
  // Port 9 (discard) on this machine: were anything sent, the answer would be "Cannot reach".
  for (const url of ['http://127.0.0.1:9/api/v1', 'http://127.0.0.1:9/api/v1/']) {
    const r = await hrsync(['connections', 'list', '--url', url, '--token', 'hrs_not_a_real_token']);
    assert.equal(r.code, 1, r.err + r.out);
    assert.equal(r.out, '');
    assert.equal(
      r.err,
      `"${url}" ends in /api/v1; set --url or HRSYNC_URL to the service's address without it: http://127.0.0.1:9\n`,
    );
  }
});

test('a token or --url that fetch cannot send is refused as the setting to correct, not as "Cannot reach"', async () => {
  // Nothing listens there; fetch judges the headers before it connects.
  const url = 'http://127.0.0.1:59999';
  const cases: [string[], string][] = [
    [
      ['--url', url, '--token', 'hrs_abc\u001b[2Jdef'],
      'The API token (--token or HRSYNC_TOKEN) holds a character no API token has: character 8 is a control character (a line break, a tab, an escape). Copy the token again as it was shown when it was created.',
    ],
    [
      // A chat program's typographic dash in place of "-".
      ['--url', url, '--token', 'hrs_abc\u2013def'],
      'The API token (--token or HRSYNC_TOKEN) holds a character no API token has: character 8 is U+2013, which is not ASCII. Copy the token again as it was shown when it was created.',
    ],
    [
      ['--url', 'http://admin:hrs_secretpart@127.0.0.1:59999/', '--token', 'hrs_abcdef'],
      '--url or HRSYNC_URL holds a user name or password; hrsync signs in with the API token instead: set it to http://127.0.0.1:59999',
    ],
  ];
  for (const [args, message] of cases) {
    const r = await hrsync(['connections', 'list', ...args]);
    assert.equal(r.code, 1, r.err + r.out);
    assert.equal(r.err, `${message}\n`);
    assert.doesNotMatch(r.err, /Cannot reach|def|secretpart/, 'nothing of the token is shown');
  }
});
