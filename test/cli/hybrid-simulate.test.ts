/**
 * `hrsync simulate` of a hybrid configuration whose domain controller cannot be reached: the summary
 * names the destination it could not reach — Active Directory, not Microsoft 365 — as the console
 * does (HYBRID_TARGET_TITLES), and exits 1 with no stack trace.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type RunningAfasEmulator, startAfasEmulator } from '../../emulators/afas/index.ts';
import { company } from '../engine/company.ts';
import { hybridInitOptions, runCli, STACK_FRAME } from '../support/run-cli.ts';

let dir: string;
let afas: RunningAfasEmulator;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hrsync-hybrid-cli-'));
  afas = await startAfasEmulator({
    dataset: company([{ n: '3001', given: 'Noor', family: 'Jansen', jobs: [{ start: '2021-01-01' }] }]),
  });
});
after(async () => {
  await afas?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A port that nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

test('an unreachable domain controller is reported as Active Directory not being available', async () => {
  const env = { ...process.env, AFAS_TOKEN: afas.token.xml, BIND_PASSWORD: 'not-used' };
  const config = join(dir, 'hybrid.json');
  const init = await runCli(
    [
      'init',
      '--out',
      config,
      '--afas-url',
      afas.baseUrl,
      ...hybridInitOptions(`ldaps://127.0.0.1:${await closedPort()}`),
    ],
    { env },
  );
  assert.equal(init.code, 0, init.err);
  const run = await runCli(['simulate', '--config', config], { env });
  assert.equal(run.code, 1, run.err + run.out);
  assert.match(run.out, /^ {2}Active Directory is not available: no domain controller could be reached/m);
  assert.doesNotMatch(run.out + run.err, /Microsoft 365/);
  assert.doesNotMatch(run.out + run.err, STACK_FRAME);
});
