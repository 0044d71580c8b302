/**
 * A directory agent whose service address cannot work (a certificate the agent does not trust, a port
 * fetch refuses) stops at once with one line naming host:port and why, instead of retrying forever;
 * one that is merely refused (nothing listening yet) keeps retrying with its back-off. No service is
 * needed: the agent's state folder names the address. Each case waits for whichever comes first, the
 * agent stopping or its second retry, so neither outcome needs a timer.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createTestPki } from '../../emulators/shared/tls.ts';
import { AgentStateDir } from '../../src/agent/index.ts';
import { newAgentKeyPair } from '../../src/agent/signing.ts';
import { startAgent } from '../../src/app/agent.ts';
import { createLogger } from '../../src/app/logger.ts';
import { type CountingTlsServer, closedPort, startCountingTlsServer } from '../support/tls-server.ts';

const BIN = join(import.meta.dirname, '../../bin/hrsync');

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly reason?: string;
  readonly error?: string;
  readonly attempt?: number;
}

describe('an agent whose service cannot be reached', () => {
  let dir: string;
  let untrusted: CountingTlsServer;
  let privateD = '';
  let agents = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-unreachable-'));
    untrusted = await startCountingTlsServer(createTestPki({ hosts: ['127.0.0.1'] }));
  });
  after(async () => {
    await untrusted?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A registered agent's state folder whose service is `server`. */
  async function stateFor(name: string, server: string): Promise<string> {
    const stateDir = join(dir, name);
    const { privateJwk } = await newAgentKeyPair();
    privateD = String(privateJwk.d);
    new AgentStateDir(stateDir).saveIdentity(
      {
        agentId: '00000000-0000-4000-8000-000000000001',
        name: 'dc-agent',
        server,
        tenantId: '00000000-0000-4000-8000-000000000002',
        tenantName: 'Gemeente Zuid',
        registeredAt: new Date().toISOString(),
      },
      { ...privateJwk },
    );
    return stateDir;
  }

  /** Runs the agent until it stops by itself or asks for its second retry, whichever comes first. */
  async function runAgent(server: string) {
    const lines: LogLine[] = [];
    let secondRetry: () => void = () => {};
    const retriedTwice = new Promise<'retried twice'>((resolve) => {
      secondRetry = () => resolve('retried twice');
    });
    const destination = new Writable({
      write(chunk, _encoding, done) {
        const line = JSON.parse(String(chunk)) as LogLine;
        lines.push(line);
        if (line.msg === 'cannot reach the hrsync service; retrying' && (line.attempt ?? 0) >= 2)
          secondRetry();
        done();
      },
    });
    const agent = await startAgent({
      stateDir: await stateFor(`agent-${++agents}`, server),
      targetFactory: () => assert.fail('no operation was handed out'),
      logger: createLogger({ level: 'debug', destination }),
      backoff: { initialMs: 1, maxMs: 5 },
    });
    const first = await Promise.race([agent.done.then(() => 'stopped' as const), retriedTwice]);
    await agent.stop();
    return { first, reason: agent.runtime.stopReason, lines, text: lines.map((l) => JSON.stringify(l)) };
  }

  test('a certificate the agent does not trust stops it after one connection, naming host:port and why', async () => {
    const before = untrusted.connections();
    const run = await runAgent(untrusted.url);
    assert.equal(run.first, 'stopped', run.text.join('\n'));
    assert.equal(
      run.reason,
      `cannot reach the hrsync service at 127.0.0.1:${untrusted.port}: its TLS certificate was issued by a certificate authority that is not trusted; give the agent its certificate authority with --ca-file (or HRSYNC_AGENT_CA_FILE), or give the service a certificate from a trusted one (UNABLE_TO_VERIFY_LEAF_SIGNATURE); not retried: trying again cannot help`,
    );
    assert.equal(untrusted.connections() - before, 1, 'connected once');
    const stopped = run.lines.filter((l) => l.level >= 50);
    assert.deepEqual(
      stopped.map((l) => [l.msg, l.reason]),
      [['the hrsync service cannot be reached at this address; stopping', run.reason]],
    );
    assert.ok(!run.text.some((t) => t.includes(privateD) || /authorization|Agent ey/i.test(t)));
  });

  test('a port fetch refuses ("bad port") stops it at once', async () => {
    const run = await runAgent('https://127.0.0.1:1');
    assert.equal(run.first, 'stopped', run.text.join('\n'));
    assert.match(
      run.reason ?? '',
      /^cannot reach the hrsync service at 127\.0\.0\.1:1: fetch never connects to port 1 \("bad port"/,
    );
    assert.equal(run.lines.filter((l) => /retrying/.test(l.msg)).length, 0);
  });

  test('a refused connection is transient: retried with back-off, said in words, the agent keeps running', async () => {
    const port = await closedPort();
    const run = await runAgent(`https://127.0.0.1:${port}`);
    assert.equal(run.first, 'retried twice');
    assert.equal(run.reason, null);
    const retries = run.lines.filter((l) => l.msg === 'cannot reach the hrsync service; retrying');
    assert.equal(
      retries[0]?.error,
      `cannot reach the hrsync service at 127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    );
  });

  test('`hrsync agent run` exits with code 3 and says why in one line on stderr', async () => {
    const stateDir = await stateFor('cli', untrusted.url);
    const child = spawn(process.execPath, [BIN, 'agent', 'run', '--state-dir', stateDir], {
      env: { ...process.env, HRSYNC_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const retried = new Promise<'retried twice'>((resolve) => {
      child.stdout.on('data', (d) => {
        stdout += String(d);
        if (/"attempt":2\b/.test(stdout)) resolve('retried twice');
      });
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const first = await Promise.race([exited, retried]);
    if (first === 'retried twice') child.kill();
    assert.equal(first, 3, `${stdout}\n${stderr}`);
    assert.equal(
      stderr,
      `The agent stopped: cannot reach the hrsync service at 127.0.0.1:${untrusted.port}: its TLS certificate was issued by a certificate authority that is not trusted; give the agent its certificate authority with --ca-file (or HRSYNC_AGENT_CA_FILE), or give the service a certificate from a trusted one (UNABLE_TO_VERIFY_LEAF_SIGNATURE); not retried: trying again cannot help\n`,
    );
  });
});
