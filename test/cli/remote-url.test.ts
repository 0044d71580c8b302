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
