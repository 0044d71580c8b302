/**
 * A client that sends a request slowly — its headers, or its headers and then a body a byte at a time
 * (slowloris) — is answered 408 HRS_REQUEST_TIMEOUT in the API's error shape and its connection closed,
 * once the request has not arrived whole within the service's limit (`requestTimeoutMs`, here short).
 * The limit covers receiving the request, not answering it: an agent's held work request, answered
 * after several times the limit, still gets its answer. Raw requests go through a `net` socket, as an
 * attacker's would; each test waits for the service's answer and close, never for a clock.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AgentClient, AgentStateDir, registerAgentState, requestSigner } from '../../src/agent/index.ts';
import { type AgentService, startAgentService, TEST_TIMINGS } from '../agent/support/stack.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type Service, startService } from '../service/support/service.ts';
import { type RawAnswer, rawExchange } from './support/raw-http.ts';

/**
 * Short, so a late request is refused quickly; the tests wait for the refusal, not for this. Not
 * shorter: client and service share this process, and a request sent whole must not be refused because
 * the event loop stalled between its headers and its body (GC, a thread starting, or the whole suite
 * with its browsers and domain controllers sharing two cores).
 */
const LIMIT_MS = 2_000;

function assertTimedOut(answer: RawAnswer): void {
  assert.equal(answer.status, 408, JSON.stringify(answer));
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(answer.headers.connection, 'close');
  assert.deepEqual(answer.body, {
    error: {
      code: 'HRS_REQUEST_TIMEOUT',
      message: 'The request did not arrive whole in time; the connection is closed. Send it again.',
      retryable: true,
      details: [],
    },
  });
  assert.equal(answer.socketError, null, 'the service closes the connection without a reset');
}

for (const dialect of DIALECTS) {
  describe(`slow requests on ${dialect}`, () => {
    let svc: Service;
    let port: number;
    before(async () => {
      svc = await startService(dialect, { requestTimeoutMs: LIMIT_MS });
      await svc.app.listen({ host: '127.0.0.1', port: 0 });
      const address = svc.app.server.address();
      assert.ok(address !== null && typeof address === 'object');
      port = address.port;
    });
    after(async () => svc?.close());

    test('headers sent, the body never finished: 408 in the error shape, connection closed, nothing raw logged', {
      timeout: 60_000,
    }, async () => {
      const secret = 'p4ssw0rd-never-logged';
      const answer = await rawExchange(
        port,
        'POST /api/v1/session HTTP/1.1\r\nHost: hrsync.test\r\nContent-Type: application/json\r\n' +
          `Content-Length: 1000\r\n\r\n{"email":"a@b.c","password":"${secret}`,
      );
      assertTimedOut(answer);
      const logged = svc.logLines.filter((l) => l.includes('HRS_REQUEST_TIMEOUT'));
      assert.ok(logged.length >= 1, 'the refusal is logged');
      for (const line of logged) {
        const { msg } = JSON.parse(line) as { msg: string };
        assert.match(msg, /did not arrive whole in time/, line);
        assert.doesNotMatch(msg, /malformed/, line);
      }
      assert.ok(
        svc.logLines.every((l) => !l.includes(secret)),
        'the part of the body that came is in no log line',
      );
      // The service still answers on a new connection.
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    });

    test('headers never finished: 408 in the error shape, connection closed', {
      timeout: 60_000,
    }, async () => {
      const answer = await rawExchange(
        port,
        'GET /api/v1/connections HTTP/1.1\r\nHost: hrsync.test\r\nX-Slow: a',
      );
      assertTimedOut(answer);
    });

    test('a request sent whole in time is answered', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: svc.users.viewer.email, password: svc.users.viewer.password }),
      });
      assert.equal(res.status, 200, await res.text());
    });
  });

  describe(`an agent's held work request on ${dialect}`, () => {
    let svc: AgentService;
    let client: AgentClient;
    let dir: string;
    before(async () => {
      // Held for many times the request limit: answering is not receiving.
      svc = await startAgentService(dialect, {
        requestTimeoutMs: LIMIT_MS,
        timings: { ...TEST_TIMINGS, holdMs: 3 * LIMIT_MS },
      });
      const { key } = await svc.newRegistration('dc-agent-slow');
      dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-state-'));
      const identity = await registerAgentState({
        server: svc.url,
        key,
        stateDir: dir,
        version: '0.1.0',
        ca: svc.pki.caCertPem,
        host: 'dc-agent-slow.zuid.local',
      });
      client = new AgentClient(
        { server: svc.url, ca: svc.pki.caCertPem },
        await requestSigner(identity.agentId, new AgentStateDir(dir).privateKey()),
      );
    });
    after(async () => {
      await client?.close();
      await svc?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('is answered after the hold, longer than the request limit', { timeout: 60_000 }, async () => {
      const work = await client.work({ working: [], capacity: 1, wait: true });
      assert.deepEqual(work.operations, []);
      assert.equal(work.timings.holdMs, 3 * LIMIT_MS);
    });
  });
}
