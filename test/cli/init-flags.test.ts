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
