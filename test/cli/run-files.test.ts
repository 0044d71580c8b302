/**
 * The files `hrsync simulate` / `sync` read and write besides the tenant: the run items (--out) and
 * the run state (--state). A file the command cannot use is refused in words, before anything is
 * read from AFAS or written to the tenant, with exit code 1 and no stack trace; a file the user
 * needs (the configuration, the run state) is never overwritten with run items.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type RunningAfasEmulator, startAfasEmulator } from '../../emulators/afas/index.ts';
import { type RunningGraphEmulator, startGraphEmulator } from '../../emulators/graph/index.ts';
import { company, type PersonSpec, tenant } from '../engine/company.ts';
import { type CliRun, cloudInitOptions, runCli, STACK_FRAME } from '../support/run-cli.ts';

const people: PersonSpec[] = [
  { n: '3001', given: 'Noor', family: 'Jansen', jobs: [{ start: '2021-01-01' }] },
  { n: '3002', given: 'Daan', family: 'Bruijn', prefix: 'de', jobs: [{ start: '2022-05-01' }] },
];

describe('hrsync simulate / sync and the files around a run', () => {
  let dir: string;
  let config: string;
  let configText: string;
  let afas: RunningAfasEmulator;
  let graph: RunningGraphEmulator;
  let env: Record<string, string>;
  const hrsync = (args: string[]): Promise<CliRun> =>
    runCli(args, { env: { ...process.env, ...env }, cwd: dir });
  const noStackTrace = (run: CliRun) => {
    assert.doesNotMatch(run.err + run.out, STACK_FRAME, run.err);
    assert.doesNotMatch(run.err + run.out, /ENOENT|EISDIR/, run.err);
  };
  const accounts = () => graph.state.directory.snapshot().users.length;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hrsync-run-files-'));
    config = join(dir, 'conn.json');
    afas = await startAfasEmulator({ dataset: company(people) });
    graph = await startGraphEmulator({
      tenant: tenant(),
      port: null,
      httpsPort: 0,
      tlsDir: join(dir, 'tls'),
    });
    const cloud = cloudInitOptions(afas, graph);
    env = cloud.env;
    const init = await hrsync(['init', '--out', config, ...cloud.options]);
    assert.equal(init.code, 0, init.err);
    configText = await readFile(config, 'utf8');
  });
  // Each test starts from the configuration init wrote (a failing one may have overwritten it).
  beforeEach(async () => {
    await writeFile(config, configText);
  });
  after(async () => {
    await Promise.all([afas?.close(), graph?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('--out naming the configuration or the run state is refused, and neither file is touched', async () => {
    const before = await readFile(config, 'utf8');
    const onConfig = await hrsync(['simulate', '--config', config, '--out', config]);
    assert.equal(onConfig.code, 1, onConfig.err + onConfig.out);
    assert.equal(
      onConfig.err.trim(),
      `cannot write the run items to ${config}: it is the connection configuration; name another file with --out`,
    );
    assert.equal(await readFile(config, 'utf8'), before, 'the configuration is as it was');

    const state = join(dir, 'kept.state.json');
    await writeFile(state, '{"version":1,"links":{},"state":{}}');
    // The same file by another name (./kept.state.json) is still the run state.
    const onState = await hrsync(['simulate', '-c', config, '--state', state, '-o', './kept.state.json']);
    assert.equal(onState.code, 1, onState.err + onState.out);
    assert.match(onState.err, /it is the run state \(--state\); name another file with --out$/m);
    assert.equal(await readFile(state, 'utf8'), '{"version":1,"links":{},"state":{}}');
    assert.equal(afas.state.requests.total, 0, 'AFAS was not read');
  });

  test('a sync whose --out cannot be written is refused before anything is applied', async () => {
    const out = join(dir, 'no-such-folder', 'items.csv');
    const sync = await hrsync(['sync', '--config', config, '--out', out]);
    assert.equal(accounts(), 0, 'nothing was created');
    assert.equal(sync.code, 1, sync.err + sync.out);
    assert.equal(
      sync.err.trim(),
      `cannot write the run items to ${out}: a folder in the path does not exist`,
    );
    noStackTrace(sync);

    await mkdir(join(dir, 'a-folder'));
    const folder = await hrsync(['sync', '--config', config, '--out', 'a-folder']);
    assert.equal(folder.code, 1, folder.err + folder.out);
    assert.equal(folder.err.trim(), 'cannot write the run items to a-folder: it is a folder, not a file');
    assert.equal(accounts(), 0, 'nothing was created');
  });

  test('a run state that cannot be read is refused in words and left as it was, before AFAS is read', async () => {
    const cases: [string, string | null, RegExp][] = [
      [
        'broken.state.json',
        '{"version":1,"links":{',
        /the run state broken\.state\.json is not valid JSON: .* at line 1, column 23\./,
      ],
      [
        'other.state.json',
        '{"version":2}',
        /the run state other\.state\.json is not one this version of hrsync wrote/,
      ],
      ['list.state.json', '[]', /the run state list\.state\.json is not one this version of hrsync wrote/],
      ['folder.state', null, /cannot read the run state folder\.state: it is a folder, not a file\./],
    ];
    for (const [name, content, message] of cases) {
      if (content === null) await mkdir(join(dir, name));
      else await writeFile(join(dir, name), content);
      const run = await hrsync(['simulate', '--config', config, '--state', name]);
      assert.equal(run.code, 1, run.err + run.out);
      const printed = unwrapped(run.err + run.out);
      assert.match(printed, message);
      assert.match(printed, /Name another file with --state, or move this one aside to start without it/);
      noStackTrace(run);
      if (content !== null) assert.equal(await readFile(join(dir, name), 'utf8'), content, `${name} is kept`);
    }
    assert.equal(afas.state.requests.total, 0, 'AFAS was not read');
  });

  // Last (with the one after it): it reads AFAS, which the tests above count as not read.
  test('a tenant whose certificate authority the configuration does not name fails at once, saying which setting names it', async () => {
    const without = JSON.parse(configText);
    delete without.target.caFile;
    await writeFile(config, JSON.stringify(without));
    const run = await hrsync(['simulate', '--config', config]);
    assert.equal(run.code, 1, run.err + run.out);
    assert.match(
      unwrapped(run.out + run.err),
      /Microsoft 365 cannot be reached at its address: .*not trusted; name its certificate authority in the configuration's target\.caFile \(hrsync init --ca-file\).*Not retried/,
    );
    noStackTrace(run);
  });

  test('--out on a full disk (/dev/full), the run state over the file-size limit: the file is named and the problem said in words', async () => {
    const full = await hrsync(['simulate', '--config', config, '--out', '/dev/full']);
    assert.equal(full.code, 1, full.err + full.out);
    assert.match(full.out, /^Succeeded/m, 'the summary above still stands');
    assert.equal(full.err.trim(), 'cannot write the run items to /dev/full: the disk is full');
    noStackTrace(full);
    assert.doesNotMatch(full.err, /ENOSPC/);

    // The run state is a few KB: a 512-byte file size limit stops its write half way (EFBIG), and
    // no half-written copy is left behind.
    const state = join(dir, 'limited.state.json');
    const cut = await runCli(['simulate', '--config', config, '--state', state], {
      env: { ...process.env, ...env },
      cwd: dir,
      launcher: ['prlimit', '--fsize=512'],
    });
    assert.equal(cut.code, 1, cut.err + cut.out);
    assert.equal(
      unwrapped(cut.err.trim()),
      `cannot write the run state ${state}: the file would be larger than the file-size limit allows (ulimit -f). Run again once it can be written, or name another file with --state.`,
    );
    noStackTrace(cut);
    assert.doesNotMatch(cut.err, /EFBIG/);
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.startsWith('limited.')),
      [],
    );
  });
});

/** The summary wraps at 80 columns, continuing indented: its lines joined back, to match words across them. */
function unwrapped(text: string): string {
  return text.replace(/\n +/g, ' ');
}
