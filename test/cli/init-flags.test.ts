/**
 * `hrsync init` driven by a clumsy hand: a mistyped option is named as mistyped (not as a missing
 * one), everything missing is listed at once, and options that contradict each other are refused
 * rather than one of them silently winning. Nothing is written when init refuses.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../support/run-cli.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-init-flags-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const init = (args: string[]) => runCli(['init', '--out', join(dir, 'conn.json'), ...args], { cwd: dir });
const nothingWritten = () => assert.rejects(readFile(join(dir, 'conn.json'), 'utf8'), { code: 'ENOENT' });

test('a mistyped option is named with the option meant, not reported as --domain missing', async () => {
  const run = await init(['--domian', 'contoso.nl']);
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(run.err, /^error: unknown option '--domian'\n\(Did you mean --domain\?\)$/m);
  assert.doesNotMatch(run.err, /--domain <domain>' not specified/);
  await nothingWritten();
});

test('init with no options lists everything it needs at once, --domain among them', async () => {
  const run = await init([]);
  assert.equal(run.code, 1, run.err + run.out);
  const lines = run.err.trim().split('\n');
  assert.ok(
    lines.includes(
      'hrsync init: give --domain, the verified domain (cloud) or UPN suffix (hybrid) for new accounts',
    ),
    run.err,
  );
  assert.ok(lines.includes('hrsync init: give --afas-url or --afas-environment'), run.err);
  assert.equal(lines.length, 5, run.err);
  await nothingWritten();
});

test('two sources for one secret, or a secret and a certificate, are refused instead of one silently winning', async () => {
  const run = await init([
    '--afas-environment',
    '12345',
    '--afas-token-env',
    'AFAS_TOKEN',
    '--afas-token-file',
    'afas-token.txt',
    '--tenant',
    '90928dfa-3bdb-4aac-8296-d33a5e2bdd0a',
    '--client-id',
    'f6fc453f-031b-478b-86e5-b10ad7627a66',
    '--client-secret-env',
    'GRAPH_SECRET',
    '--certificate',
    'app.pem',
    '--private-key',
    'app.key',
    '--domain',
    'contoso.nl',
  ]);
  assert.equal(run.code, 1, run.err + run.out);
  assert.deepEqual(run.err.trim().split('\n'), [
    'hrsync init: give one of --afas-token-env, --afas-token-file and --afas-token, not --afas-token-env and --afas-token-file',
    'hrsync init: give a client secret or a certificate, not both (--client-secret-env and --certificate)',
  ]);
  await nothingWritten();
});

test('directory options without --directory-url are refused: they would be left out of a cloud configuration', async () => {
  const run = await init([
    '--afas-environment',
    '12345',
    '--afas-token-env',
    'AFAS_TOKEN',
    '--tenant',
    '90928dfa-3bdb-4aac-8296-d33a5e2bdd0a',
    '--client-id',
    'f6fc453f-031b-478b-86e5-b10ad7627a66',
    '--client-secret-env',
    'GRAPH_SECRET',
    '--domain',
    'contoso.nl',
    '--container',
    'OU=Users,DC=example,DC=nl',
  ]);
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(
    run.err,
    /^hrsync init: --container is for a hybrid destination: give --directory-url too, or leave/m,
  );
  await nothingWritten();
});
