/**
 * URLs in a connection configuration that would leak or mislead: a user name and password written
 * into a URL (`https://admin:s3cret@…`) is refused by `hrsync init` and by `simulate` before anything
 * is contacted, naming the setting by its path and never echoing the password; so is a Microsoft Graph
 * URL with /v1.0 in it, which hrsync adds itself. No emulator is needed: the check comes before the
 * first request.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cloudInitArgs, runCli } from '../support/run-cli.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-config-urls-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const cloud = (afasUrl: string, more: string[] = []) => [
  ...cloudInitArgs({ '--afas-environment': null, '--afas-url': afasUrl }),
  ...more,
];
const env = {
  ...process.env,
  AFAS_TOKEN: 'C13A6B734F00D9D3B85341DA3DBC4460DEE0BDB904950E4E0A08F60254A19CA6',
  GRAPH_SECRET: 's',
};

test('init refuses a URL with a user name and password, naming the option and the path, and writes nothing', async () => {
  const out = join(dir, 'cred.json');
  const run = await runCli(
    [
      'init',
      '--out',
      out,
      ...cloud('https://admin:s3cret@12345.rest.afas.online/ProfitRestServices', [
        '--graph-url',
        'https://me:pw2@graph.microsoft.com',
      ]),
    ],
    { cwd: dir },
  );
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(
    run.err,
    /ProfitRestServices URL: may not contain a user name or password.* \(\/source\/environment\/baseUrl\)$/m,
  );
  assert.match(
    run.err,
    /Microsoft Graph endpoint: may not contain a user name or password.* \(\/target\/graphBaseUrl\)$/m,
  );
  assert.doesNotMatch(run.err + run.out, /s3cret|pw2|\n\s+at /);
  await assert.rejects(readFile(out, 'utf8'), { code: 'ENOENT' });
});

test('simulate refuses a hand-edited URL with a password before contacting anything, and never prints it', async () => {
  const out = join(dir, 'edited.json');
  const init = await runCli(
    ['init', '--out', out, ...cloud('https://12345.rest.afas.online/ProfitRestServices')],
    {
      cwd: dir,
    },
  );
  assert.equal(init.code, 0, init.err + init.out);
  const config = JSON.parse(await readFile(out, 'utf8'));
  // Port 9 (discard) on this machine: were it contacted, the error would name the URL it tried.
  config.source.environment.baseUrl = 'http://admin:s3cret@127.0.0.1:9/ProfitRestServices';
  await writeFile(out, JSON.stringify(config, null, 2));
  const run = await runCli(['simulate', '--config', out], { cwd: dir, env });
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(run.err, /edited\.json is not a connection configuration hrsync can use:/);
  assert.match(
    run.err,
    /ProfitRestServices URL: may not contain a user name or password.* \(\/source\/environment\/baseUrl\)$/m,
  );
  assert.doesNotMatch(run.err + run.out, /s3cret|\n\s+at /);
});

test('a Microsoft Graph URL with the version in it (what the emulator prints as "graph base") is refused, saying what to give', async () => {
  const out = join(dir, 'versioned.json');
  const run = await runCli(
    [
      'init',
      '--out',
      out,
      ...cloud('https://12345.rest.afas.online/ProfitRestServices', [
        '--graph-url',
        'https://127.0.0.1:7443/v1.0/',
      ]),
    ],
    { cwd: dir },
  );
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(
    run.err,
    /^ {2}Destination › Microsoft Graph endpoint: give it without "\/v1\.0\/": https:\/\/127\.0\.0\.1:7443 \(hrsync adds the version to every request\) \(\/target\/graphBaseUrl\)$/m,
  );
  await assert.rejects(readFile(out, 'utf8'), { code: 'ENOENT' });
});
