/**
 * The agent's commands name the option whose file they could not read, in words, before they contact
 * anything: a mistyped --ca-file is "cannot read --ca-file …: there is no such file", not Node's
 * "ENOENT: no such file or directory, open '…'".
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../support/run-cli.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-agent-files-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('agent register with a --ca-file that does not exist names the option and the file', async () => {
  const ca = join(dir, 'no-such-ca.pem');
  const run = await runCli([
    'agent',
    'register',
    '--state-dir',
    join(dir, 'state'),
    '--server',
    'https://hrsync.example.nl',
    '--key',
    'hra_test',
    '--ca-file',
    ca,
  ]);
  assert.equal(run.code, 1, run.err + run.out);
  assert.equal(run.err.trim(), `cannot read --ca-file ${ca}: there is no such file`);
});

test('agent run with a --ca-file that is a folder names the option and says it is a folder', async () => {
  const run = await runCli(['agent', 'run', '--state-dir', join(dir, 'state'), '--ca-file', dir]);
  assert.equal(run.code, 1, run.err + run.out);
  assert.equal(run.err.trim(), `cannot read --ca-file ${dir}: it is a folder, not a file`);
});
