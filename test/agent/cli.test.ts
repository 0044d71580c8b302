/**
 * The agent's commands as an administrator types them (issue 9, items 2, 3 and 6): `hrsync agents add`
 * prints the one-time key, `hrsync agent register` and `set-bind-password` set the agent up (the
 * password sealed in its state folder), `hrsync agent run` logs JSON lines to stdout and stops with
 * exit code 3 the moment it is revoked.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AgentStateDir } from '../../src/agent/index.ts';
import { listAgents, revokeAgent } from '../../src/contracts/index.ts';
import { until } from './support/graph-world.ts';
import { type AgentService, startAgentService } from './support/stack.ts';

const BIN = join(import.meta.dirname, '../../bin/hrsync');

function hrsync(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, output: () => stdout + stderr };
}

describe('hrsync agent / hrsync agents', () => {
  let svc: AgentService;
  let dir: string;
  before(async () => {
    svc = await startAgentService('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-cli-'));
    writeFileSync(join(dir, 'ca.pem'), svc.pki.caCertPem);
  });
  after(async () => {
    await svc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('add, register, set-bind-password, run, revoke', async () => {
    const env = {
      HRSYNC_URL: svc.url,
      HRSYNC_TOKEN: svc.adminToken,
      NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
    };
    const added = await hrsync(['agents', 'add', '--tenant', svc.tenantId, '--name', 'dc-agent-cli'], env)
      .done;
    assert.equal(added.code, 0, added.stderr);
    const key = /hra_[A-Za-z0-9_-]{43}/.exec(added.stdout)?.[0];
    assert.ok(key, added.stdout);
    // In the console's words, with who added it by name; not the API's raw status.
    const waiting = await hrsync(['agents', 'list', '--tenant', svc.tenantId], env).done;
    assert.equal(waiting.code, 0, waiting.stderr);
    assert.match(waiting.stdout, /^NAME\s+STATUS\s+.*\s+ADDED\s+ID$/m);
    assert.match(waiting.stdout, /dc-agent-cli\s+Waiting for registration\s/);
    assert.match(waiting.stdout, / \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} CES?T by \S/);
    assert.doesNotMatch(waiting.stdout, /awaiting-registration/);

    const stateDir = join(dir, 'state');
    const caFile = join(dir, 'ca.pem');
    const registered = await hrsync([
      'agent',
      'register',
      '--server',
      svc.url,
      '--key',
      key,
      '--state-dir',
      stateDir,
      '--ca-file',
      caFile,
    ]).done;
    assert.equal(registered.code, 0, registered.stderr);
    assert.match(registered.stdout, /Registered agent "dc-agent-cli"/);
    const again = await hrsync([
      'agent',
      'register',
      '--server',
      svc.url,
      '--key',
      key,
      '--state-dir',
      join(dir, 'other'),
      '--ca-file',
      caFile,
    ]).done;
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already used/);

    const password = 'Bind-Pa55word!only-on-the-agent';
    const set = await hrsync(
      ['agent', 'set-bind-password', '--state-dir', stateDir, '--password-env', 'BIND_PW'],
      {
        BIND_PW: password,
      },
    ).done;
    assert.equal(set.code, 0, set.stderr);
    assert.ok(!readFileSync(join(stateDir, 'secrets.json'), 'utf8').includes(password), 'sealed, not plain');
    assert.equal(new AgentStateDir(stateDir).secrets().bindPassword, password);

    const run = hrsync(['agent', 'run', '--state-dir', stateDir, '--ca-file', caFile]);
    const agentId = (await svc.call(listAgents, { params: { id: svc.tenantId } })).body.items[0].id as string;
    await until('the agent to connect', async () => {
      const listed = (await svc.call(listAgents, { params: { id: svc.tenantId } })).body.items[0];
      return listed.connected === true;
    });
    await until('the agent to log its connection', () =>
      run.output().includes('"msg":"connected to the hrsync service"'),
    );
    const listed = await hrsync(['agents', 'list', '--tenant', svc.tenantId], env).done;
    assert.match(listed.stdout, /dc-agent-cli\s+Connected\s/);

    const revoked = await svc.call(revokeAgent, { params: { id: agentId } });
    assert.equal(revoked.status, 200);
    const ended = await run.done;
    assert.equal(ended.code, 3, ended.stdout + ended.stderr);
    assert.match(ended.stdout, /refused this agent/);
    for (const text of [ended.stdout, ended.stderr, ...svc.logLines, ...svc.responses]) {
      assert.ok(!text.includes(password), 'the bind password appears nowhere on the service side or in logs');
      assert.ok(!text.includes(key.slice(4)) || text === added.stdout, 'the key is not logged');
    }
  });
});
