/**
 * `hrsync init` driven by a clumsy hand: a mistyped option is named as mistyped (not as a missing
 * one), everything missing is listed at once, and options that contradict each other are refused
 * rather than one of them silently winning. Nothing is written when init refuses.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cloudInitArgs, runCli } from '../support/run-cli.ts';

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
  // One problem a paragraph, wrapped to 80 columns with its continuation lines indented.
  const problems = run.err
    .trim()
    .split(/\n(?! )/)
    .map((p) => p.replace(/\n {2}/g, ' '));
  assert.ok(
    problems.includes(
      'hrsync init: give --domain, the verified domain (cloud) or UPN suffix (hybrid) for new accounts',
    ),
    run.err,
  );
  assert.ok(problems.includes('hrsync init: give --afas-url or --afas-environment'), run.err);
  assert.equal(problems.length, 5, run.err);
  for (const line of run.err.trim().split('\n')) assert.ok(line.length <= 80, line);
  await nothingWritten();
});

test('two sources for one secret, or a secret and a certificate, are refused instead of one silently winning', async () => {
  const run = await init(
    cloudInitArgs({
      '--afas-token-file': 'afas-token.txt',
      '--certificate': 'app.pem',
      '--private-key': 'app.key',
    }),
  );
  assert.equal(run.code, 1, run.err + run.out);
  assert.deepEqual(run.err.trim().split('\n'), [
    'hrsync init: give one of --afas-token-env, --afas-token-file and --afas-token,',
    '  not --afas-token-env and --afas-token-file',
    'hrsync init: give a client secret or a certificate, not both',
    '  (--client-secret-env and --certificate)',
  ]);
  await nothingWritten();
});

test('directory options without --directory-url are refused: they would be left out of a cloud configuration', async () => {
  const run = await init(cloudInitArgs({ '--container': 'OU=Users,DC=example,DC=nl' }));
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(
    run.err,
    /^hrsync init: --container is for a hybrid destination: give --directory-url too,\n {2}or leave it out$/m,
  );
  await nothingWritten();
});

test('files named relative to where init runs are found from the configuration, wherever --out puts it', async () => {
  // The configuration's files are relative to its own folder (as simulate reads them): init wrote
  // --ca-file ca.pem as given, so a configuration in another folder named a file that is not there.
  await writeFile(join(dir, 'ca.pem'), 'not a certificate\n');
  await writeFile(join(dir, 'graph-secret.txt'), 'secret\n');
  const out = join('configs', 'customer.json');
  await mkdir(join(dir, 'configs'));
  const init = await runCli(
    [
      'init',
      '--out',
      out,
      ...cloudInitArgs({
        '--client-secret-env': null,
        '--client-secret-file': 'graph-secret.txt',
        '--ca-file': 'ca.pem',
      }),
    ],
    { cwd: dir },
  );
  assert.equal(init.code, 0, init.err + init.out);
  const config = JSON.parse(await readFile(join(dir, out), 'utf8'));
  assert.equal(config.target.caFile, join('..', 'ca.pem'));
  assert.deepEqual(config.target.credential.secret, { file: join('..', 'graph-secret.txt') });
  const env = {
    ...process.env,
    AFAS_TOKEN: 'C13A6B734F00D9D3B85341DA3DBC4460DEE0BDB904950E4E0A08F60254A19CA6',
  };
  const simulate = await runCli(['simulate', '--config', out], { cwd: dir, env });
  assert.equal(simulate.code, 1, simulate.err + simulate.out);
  // Both files found: the secret read, and the CA file refused for what is in it.
  assert.match(simulate.err, /the CA certificate .*ca\.pem \(\/target\/caFile\) holds no PEM certificate/);
});

test('--out naming a folder says it is a folder, not that it exists and --force would overwrite it', async () => {
  const args = cloudInitArgs();
  for (const force of [[], ['--force']]) {
    const run = await runCli(['init', '--out', '.', ...force, ...args], { cwd: dir });
    assert.equal(run.code, 1, run.err + run.out);
    assert.equal(
      run.err.trim(),
      `hrsync init: cannot write .: it is a folder, not a file; name the file, e.g. ${join('.', 'connection.json')}`,
    );
  }
});

test('--force replaces the file whole: a write that fails half way leaves the old configuration', async () => {
  const folder = join(dir, 'replace');
  await mkdir(folder);
  const out = join(folder, 'conn.json');
  const old = `${JSON.stringify({ the: 'configuration the user has' }, null, 2)}\n`;
  await writeFile(out, old);
  // The new configuration is a few KB: a 512-byte file size limit makes its write fail half way
  // (EFBIG), as a full disk or a crash would. In place, that left 512 bytes of the new file.
  const cut = await runCli(['init', '--out', out, '--force', ...cloudInitArgs()], {
    cwd: dir,
    launcher: ['prlimit', '--fsize=512'],
  });
  assert.equal(cut.code, 1, cut.err + cut.out);
  assert.equal(
    cut.err.trim(),
    `hrsync init: cannot write ${out}: the file would be larger than the file-size limit allows (ulimit -f)`,
  );
  assert.equal(await readFile(out, 'utf8'), old);
  assert.deepEqual(await readdir(folder), ['conn.json'], 'no half-written file is left beside it');
  // Without the limit it is replaced, readable by its owner only, and a link keeps pointing at it.
  await symlink('conn.json', join(folder, 'link.json'));
  const run = await runCli(['init', '--out', join(folder, 'link.json'), '--force', ...cloudInitArgs()], {
    cwd: dir,
  });
  assert.equal(run.code, 0, run.err + run.out);
  assert.match(await readFile(out, 'utf8'), /"timeZone": "Europe\/Amsterdam"/);
  assert.equal((await stat(out)).mode & 0o777, 0o600);
  assert.deepEqual((await readdir(folder)).sort(), ['conn.json', 'link.json']);
});

test('--force never replaces what is not a regular file (a FIFO, a device such as /dev/null)', async () => {
  const fifo = join(dir, 'conn.fifo');
  await new Promise<void>((resolve, reject) =>
    spawn('mkfifo', [fifo]).on('close', (code) => (code === 0 ? resolve() : reject(new Error('mkfifo')))),
  );
  const run = await runCli(['init', '--out', fifo, '--force', ...cloudInitArgs()], { cwd: dir });
  assert.equal(run.code, 1, run.err + run.out);
  assert.equal(
    run.err.trim(),
    `hrsync init: cannot write ${fifo}: it is a FIFO (named pipe), not a file; name a file to write`,
  );
  assert.ok((await stat(fifo)).isFIFO(), 'the FIFO is still there');
});
