/**
 * A configuration file someone edited by hand and broke: `hrsync simulate` says which file and where
 * in it (line and column, not a character offset), exits 1, and prints no stack trace. No service or
 * emulator is needed: the file is read before anything is contacted.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type CliRun, hybridInitOptions, runCli } from '../support/run-cli.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-config-file-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function simulate(config: string): Promise<CliRun> {
  return runCli(['simulate', '--config', config], { cwd: dir });
}

test('a configuration with a missing comma names the line and column where the JSON breaks', async () => {
  // What a hand edit leaves behind: the comma after "version" deleted.
  await writeFile(join(dir, 'broken.json'), '{\n  "version": 1\n  "timeZone": "Europe/Amsterdam"\n}\n');
  const run = await simulate('broken.json');
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(
    run.err,
    /^Some settings need attention: broken\.json is not valid JSON: .* at line 3, column 3$/m,
  );
  assert.doesNotMatch(run.err, /position \d+|\n\s+at /, 'a line and column, no offset and no stack trace');
});

test('an empty configuration file says it is empty and how to write one', async () => {
  await writeFile(join(dir, 'empty.json'), '\n');
  const run = await simulate('empty.json');
  assert.equal(run.code, 1, run.err + run.out);
  assert.equal(
    run.err.trim(),
    'Some settings need attention: empty.json is empty (write one with `hrsync init`)',
  );
});

test('a folder or a missing file given as --config says so in words, not ENOENT or EISDIR', async () => {
  const folder = await simulate(dir);
  assert.equal(folder.code, 1);
  assert.match(folder.err, /cannot read .*: it is a folder, not a file/);
  assert.doesNotMatch(folder.err, /EISDIR|\n\s+at /);
  const missing = await simulate(join(dir, 'nowhere.json'));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nowhere\.json: there is no such file \(write one with `hrsync init`/);
  assert.doesNotMatch(missing.err, /ENOENT/);
});

test('init --out into a folder that does not exist says so in words, with no stack trace', async () => {
  const out = join(dir, 'no-such-folder', 'hybrid.json');
  const run = await runCli(['init', '--out', out, '--afas-environment', '12345', ...hybridInitOptions()], {
    cwd: dir,
  });
  assert.equal(run.code, 1, run.err + run.out);
  assert.equal(run.err.trim(), `hrsync init: cannot write ${out}: a folder in the path does not exist`);
});

test('init refuses an AFAS environment number or kind it cannot use, naming the option', async () => {
  const hybrid = (afas: string[]) =>
    runCli(['init', '--out', join(dir, 'afas.json'), ...afas, ...hybridInitOptions()], { cwd: dir });
  for (const number of ['-5', '1', '99999999999999999999']) {
    const run = await hybrid(['--afas-environment', number]);
    assert.equal(run.code, 1, run.err + run.out);
    assert.match(
      run.err,
      new RegExp(
        `^error: option '--afas-environment <number>' argument '${number}' is invalid\\. An AFAS environment number has 5 or 6 digits, e\\.g\\. 12345\\.$`,
        'm',
      ),
    );
  }
  const kind = await hybrid(['--afas-environment', '12345', '--afas-kind', 'prod']);
  assert.equal(kind.code, 1, kind.err + kind.out);
  assert.match(
    kind.err,
    /^error: option '--afas-kind <kind>' argument 'prod' is invalid\. Allowed choices are production, test, accept\.$/m,
  );
});
