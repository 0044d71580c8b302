/**
 * Ctrl-C during `hrsync sync` stops the run the way an operator's cancel does in the service: the
 * summary says Cancelled and why, the exit code is 4 (README "Run outcomes"), no stack trace, the
 * links of accounts already created are on disk, and the next sync finishes the job without
 * creating anyone twice.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RunningAfasEmulator, startAfasEmulator } from '../../emulators/afas/index.ts';
import { type RunningGraphEmulator, startGraphEmulator } from '../../emulators/graph/index.ts';
import { company, type PersonSpec, tenant } from '../engine/company.ts';
import { cloudInitOptions, HRSYNC_BIN, runCli, STACK_FRAME } from '../support/run-cli.ts';

// A manager and two reports: the creates come first, the manager references in a later pass.
const people: PersonSpec[] = [
  { n: '3001', given: 'Noor', family: 'Jansen', jobs: [{ start: '2021-01-01' }] },
  {
    n: '3002',
    given: 'Daan',
    family: 'Bruijn',
    prefix: 'de',
    jobs: [{ start: '2022-05-01', manager: '3001' }],
  },
  { n: '3003', given: 'Sem', family: 'Visser', jobs: [{ start: '2022-05-01', manager: '3001' }] },
];

let dir: string;
let afas: RunningAfasEmulator;
let graph: RunningGraphEmulator;
let env: NodeJS.ProcessEnv;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-interrupt-'));
  afas = await startAfasEmulator({ dataset: company(people) });
  graph = await startGraphEmulator({ tenant: tenant(), port: null, httpsPort: 0, tlsDir: join(dir, 'tls') });
  const cloud = cloudInitOptions(afas, graph);
  env = { ...process.env, ...cloud.env };
  const init = await runCli(['init', '--out', join(dir, 'conn.json'), ...cloud.options], { env });
  assert.equal(init.code, 0, init.err);
});
after(async () => {
  await Promise.all([afas?.close(), graph?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('Ctrl-C during a sync: Cancelled, exit 4, links kept; the next sync creates no one twice', async () => {
  // Every Graph request takes a second, so the run is still going when the accounts appear.
  graph.state.faults.apply({ latencyMs: 1000 });
  const child = spawn(process.execPath, [HRSYNC_BIN, 'sync', '--config', 'conn.json'], { cwd: dir, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 60_000;
  while (graph.state.directory.snapshot().users.length < people.length) {
    assert.ok(Date.now() < deadline, `the accounts were never created: ${err}${out}`);
    await sleep(20);
  }
  child.kill('SIGINT');
  const { code, signal } = await exited;
  graph.state.faults.clear();
  assert.deepEqual({ code, signal }, { code: 4, signal: null }, err + out);
  assert.match(out, /^Cancelled — sync in /m);
  assert.match(out + err, /Stopped with Ctrl-C before the run finished\. Run it again to finish/);
  assert.doesNotMatch(out + err, /Error:/);
  assert.doesNotMatch(out + err, STACK_FRAME);
  const state = JSON.parse(await readFile(join(dir, 'conn.state.json'), 'utf8'));
  assert.deepEqual(Object.keys(state.links).sort(), ['3001', '3002', '3003'], 'the creates are linked');

  const again = await runCli(['sync', '--config', 'conn.json'], { cwd: dir, env });
  assert.equal(again.code, 0, again.err + again.out);
  assert.equal(graph.state.directory.snapshot().users.length, people.length, 'no account created twice');
});
