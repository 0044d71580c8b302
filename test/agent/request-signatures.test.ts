/**
 * An agent's request signature is let in once and before anything else: a captured request sent
 * again — to the same API process or another one on the same database — is refused, a token without
 * a unique id is told to update the agent, and a caller without a valid signature gets
 * HRS_AGENT_REFUSED whatever its body, never a validation error that teaches it the input rules.
 * Real service over HTTPS, real agent client, SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importJWK, type JWK, SignJWT } from 'jose';
import { Agent as HttpAgent, fetch as undiciFetch } from 'undici';
import {
  AgentClient,
  AgentRequestError,
  AgentStateDir,
  registerAgentState,
  requestSigner,
} from '../../src/agent/index.ts';
import { agentBodyDigest } from '../../src/agent/protocol-constants.ts';
import { DIALECTS } from '../service/support/databases.ts';
import { type AgentService, startAgentService } from './support/stack.ts';

interface Sent {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the endpoint answered
  readonly body: any;
  readonly text: string;
}

for (const dialect of DIALECTS) {
  describe(`agent request signatures on ${dialect}`, () => {
    let svc: AgentService;
    let http: HttpAgent;
    let agentId: string;
    let privateJwk: JWK;
    let client: AgentClient;
    const dirs: string[] = [];

    /** One HTTP request over real TLS, exactly as given: what a proxy's log or a tap would hold. */
    const send = async (
      base: string,
      request: { method: string; path: string; authorization?: string; body?: string },
    ): Promise<Sent> => {
      const response = await undiciFetch(`${base}${request.path}`, {
        method: request.method,
        headers: {
          'content-type': 'application/json',
          ...(request.authorization ? { authorization: request.authorization } : {}),
        },
        ...(request.body === undefined ? {} : { body: request.body }),
        dispatcher: http,
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.status, body, text };
    };

    /** A request signed as the agent signs it, captured whole. */
    const signed = async (method: string, path: string, body: string) => ({
      method,
      path,
      body,
      authorization: `Agent ${await (await requestSigner(agentId, privateJwk))(method, path, body)}`,
    });

    const WORK = '/api/v1/agent/work';
    /** The answer to a read of an empty directory (the service checks answers against what was asked). */
    const EMPTY_READ = { ok: true, value: { cursor: null, incremental: false, removedIds: [], pages: 0 } };
    const idle = JSON.stringify({ working: [], capacity: 0, wait: false });

    before(async () => {
      svc = await startAgentService(dialect);
      http = new HttpAgent({ connect: { ca: svc.pki.caCertPem } });
      const { key } = await svc.newRegistration('dc-agent-sig');
      const dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-state-'));
      dirs.push(dir);
      const identity = await registerAgentState({
        server: svc.url,
        key,
        stateDir: dir,
        version: '0.1.0',
        ca: svc.pki.caCertPem,
        host: 'dc-agent-sig.zuid.local',
      });
      agentId = identity.agentId;
      privateJwk = new AgentStateDir(dir).privateKey();
      client = new AgentClient(
        { server: svc.url, ca: svc.pki.caCertPem },
        await requestSigner(agentId, privateJwk),
      );
    });
    after(async () => {
      await client?.close();
      await http?.close();
      await svc?.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    /** A read operation queued for the tenant and handed to the agent by its next poll. */
    async function claimedOperation() {
      const op = await svc.store.agentOperations.enqueue({
        organisationId: svc.organisationId,
        tenantId: svc.tenantId,
        kind: 'read',
        payload: {},
      });
      const work = await client.work({ working: [], capacity: 1, wait: false });
      assert.deepEqual(
        work.operations.map((o) => o.id),
        [op.id],
      );
      return op;
    }

    test('a captured result post sent again is refused, saying it is a replay; the log warns without the token', async () => {
      const op = await claimedOperation();
      const captured = await signed(
        'POST',
        `/api/v1/agent/operations/${op.id}/result`,
        JSON.stringify({ result: EMPTY_READ }),
      );
      const first = await send(svc.url, captured);
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.outcome, 'accepted');

      const replay = await send(svc.url, captured);
      assert.equal(replay.status, 401, replay.text);
      assert.equal(replay.body.error.code, 'HRS_AGENT_REFUSED');
      assert.match(replay.body.error.message, /already received: each signature is let in once/);
      const token = captured.authorization.slice('Agent '.length);
      const warned = svc.logLines.filter((l) => l.includes('agent request replayed'));
      assert.equal(warned.length, 1, 'one warning for the one replay');
      assert.match(warned[0] as string, /"level":40/);
      assert.ok(
        svc.logLines.every((l) => !l.includes(token)),
        'the token is in no log line',
      );
    });

    test('a captured poll is let in once, by any API process sharing the database', async () => {
      const other = await svc.secondApi();
      const captured = await signed('POST', WORK, idle);
      const first = await send(svc.url, captured);
      assert.equal(first.status, 200, first.text);
      const elsewhere = await send(other.url, captured);
      assert.equal(elsewhere.status, 401, elsewhere.text);
      assert.match(elsewhere.body.error.message, /already received/);
      // The other way round too: first let in by the second process, replayed at the first.
      const second = await signed('POST', WORK, idle);
      assert.equal((await send(other.url, second)).status, 200);
      assert.equal((await send(svc.url, second)).status, 401);
      // Remembered until the token could no longer be valid (2 minutes after it was issued, or its
      // expiry if sooner, plus the minute of clock drift allowed), then forgotten by housekeeping.
      const claims = JSON.parse(
        Buffer.from(captured.authorization.split('.')[1] as string, 'base64url').toString(),
      ) as { jti: string; iat: number; exp: number };
      const row = await svc.store.db
        .selectFrom('agent_spent_tokens')
        .selectAll()
        .where('agent_id', '=', agentId)
        .where('jti', '=', claims.jti)
        .executeTakeFirstOrThrow();
      assert.equal(
        row.valid_until,
        new Date((Math.min(claims.exp, claims.iat + 121) + 60) * 1000).toISOString(),
      );
      const before = Date.parse(row.valid_until) - 1000;
      const atBefore = svc.store.withClock({ now: () => new Date(before).toISOString() });
      await atBefore.agentSpentTokens.deleteExpired();
      assert.ok(
        await svc.store.db
          .selectFrom('agent_spent_tokens')
          .select('jti')
          .where('jti', '=', claims.jti)
          .executeTakeFirst(),
        'kept while the token could still be let in',
      );
      const past = svc.store.withClock({
        now: () => new Date(Date.parse(row.valid_until) + 1000).toISOString(),
      });
      assert.ok((await past.agentSpentTokens.deleteExpired()) >= 1);
      assert.equal(
        await svc.store.db
          .selectFrom('agent_spent_tokens')
          .select('jti')
          .where('jti', '=', claims.jti)
          .executeTakeFirst(),
        undefined,
        'forgotten once it could not be let in anyway',
      );
    });

    test("a signature made longer ago than the agent's 2 minutes plus a minute of clock difference, or ahead of the service's clock, is refused saying so; within them it is let in", async () => {
      const key = await importJWK(privateJwk, 'EdDSA');
      const signedAt = async (iat: number, exp: number) =>
        `Agent ${await new SignJWT({ htm: 'POST', htu: WORK, bdh: agentBodyDigest(idle) })
          .setProtectedHeader({ alg: 'EdDSA', typ: 'hrsync-agent+jwt' })
          .setIssuer(agentId)
          .setAudience('hrsync-agent-protocol')
          .setIssuedAt(iat)
          .setExpirationTime(exp)
          .setJti(randomUUID())
          .sign(key)}`;
      const poll = async (iat: number, exp: number) =>
        send(svc.url, { method: 'POST', path: WORK, body: idle, authorization: await signedAt(iat, exp) });
      const now = Math.floor(Date.now() / 1000);
      // Each case is 20 s or more from the limit, so the seconds the requests take do not matter.
      const checkClock = /Check the clock of the agent's machine \(synchronise it with NTP/;
      const accepted =
        'a signature is accepted for 120 s after it was made, give or take 60 s of clock difference';
      const cases = [
        // As the agent signs (valid 2 minutes), made 200 s ago: expired 80 s ago.
        {
          iat: now - 200,
          exp: now - 80,
          says: /signed this request at .*, and the signature expired at .*, 8\d s ago by the service's clock/,
        },
        // Valid for longer than the agent makes it, made 200 s ago: too old.
        {
          iat: now - 200,
          exp: now + 600,
          says: /signed this request at .*, 20\d s ago by the service's clock \(.*\): too old/,
        },
        // Made 90 s ahead of the service's clock.
        {
          iat: now + 90,
          exp: now + 210,
          says: /signed this request at .*, \d\d s ahead of the service's clock \(.*\): the agent's clock is ahead/,
        },
      ];
      for (const { iat, exp, says } of cases) {
        const refused = await poll(iat, exp);
        assert.equal(refused.status, 401, refused.text);
        assert.equal(refused.body.error.code, 'HRS_AGENT_REFUSED');
        assert.match(refused.body.error.message, says);
        assert.match(refused.body.error.message, new RegExp(`^Agent "dc-agent-sig" .*; ${accepted}\\. `));
        assert.match(refused.body.error.message, checkClock);
        assert.match(refused.body.error.details[0]?.path ?? '', /^\/headers\/authorization\/(exp|iat)$/);
      }
      // Within the window: fresh, expired 30 s ago (a clock 30 s behind), made 30 s ahead.
      for (const [iat, exp] of [
        [now, now + 120],
        [now - 150, now - 30],
        [now + 30, now + 150],
      ] as const) {
        const fine = await poll(iat, exp);
        assert.equal(fine.status, 200, fine.text);
      }
      const warned = svc.logLines.filter((l) => l.includes('agent request refused: Agent'));
      assert.equal(warned.length, cases.length, 'each refusal is logged once, as a warning');
    });

    test("an agent whose machine's clock is off is told to check it, and keeps trying instead of stopping as when revoked", async () => {
      for (const offByMs of [-300_000, +120_000]) {
        const skewed = new AgentClient(
          { server: svc.url, ca: svc.pki.caCertPem },
          await requestSigner(agentId, privateJwk, () => Date.now() + offByMs),
        );
        try {
          await assert.rejects(skewed.work({ working: [], capacity: 0, wait: false }), (e: unknown) => {
            assert.ok(e instanceof AgentRequestError, String(e));
            assert.match(e.message, /^401 HRS_AGENT_REFUSED: Agent "dc-agent-sig" signed this request at /);
            assert.match(e.message, /Check the clock of the agent's machine/);
            assert.equal(e.kind, 'transient', `${offByMs} ms: retried with back-off, not a stop`);
            return true;
          });
        } finally {
          await skewed.close();
        }
      }
      // With the clock right again the same agent is let in.
      assert.deepEqual((await client.work({ working: [], capacity: 0, wait: false })).operations, []);
    });

    test('a token without a unique id (jti) is refused with the advice to update the agent', async () => {
      const token = await new SignJWT({ htm: 'POST', htu: WORK, bdh: agentBodyDigest(idle) })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'hrsync-agent+jwt' })
        .setIssuer(agentId)
        .setAudience('hrsync-agent-protocol')
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(await importJWK(privateJwk, 'EdDSA'));
      const refused = await send(svc.url, {
        method: 'POST',
        path: WORK,
        body: idle,
        authorization: `Agent ${token}`,
      });
      assert.equal(refused.status, 401, refused.text);
      assert.equal(refused.body.error.code, 'HRS_AGENT_REFUSED');
      assert.match(
        refused.body.error.message,
        /without a unique id \(jti\) each.*update hrsync on the agent's machine/,
      );
    });

    test('without a valid signature every agent route answers HRS_AGENT_REFUSED, whatever the body', async () => {
      const opPath = (id: string, what: 'pages' | 'result') => `/api/v1/agent/operations/${id}/${what}`;
      const routes = [
        { path: WORK, bad: '{"capacity":"lots","extra":1}' },
        { path: opPath('not-an-id', 'pages'), bad: '{"seq":-1}' },
        { path: opPath('not-an-id', 'result'), bad: '{"nothing":true}' },
      ];
      // Signed with another key, for the very request sent: it reads as the agent's, but is not.
      const { privateJwk: stranger } = await (await import('../../src/agent/signing.ts')).newAgentKeyPair();
      const forge = async (path: string, body: string) =>
        `Agent ${await (await requestSigner(agentId, stranger))('POST', path, body)}`;
      for (const { path, bad } of routes) {
        for (const body of [bad, '{"not json', '']) {
          for (const authorization of [undefined, 'Bearer hrs_not-an-agent', await forge(path, body)]) {
            const answer = await send(svc.url, {
              method: 'POST',
              path,
              ...(authorization ? { authorization } : {}),
              ...(body === '' ? {} : { body }),
            });
            const what = `${path} ${JSON.stringify(body)} ${authorization?.slice(0, 12) ?? 'unsigned'}`;
            assert.equal(answer.status, 401, `${what}: ${answer.text}`);
            assert.equal(answer.body.error.code, 'HRS_AGENT_REFUSED', what);
            assert.deepEqual(answer.body.error.details, [], what);
            assert.doesNotMatch(
              answer.body.error.message,
              /capacity|seq|working|propert|body|JSON/i,
              `${what} teaches nothing: ${answer.text}`,
            );
          }
        }
      }
      // The agent itself, signed as it should, still hears what is wrong with its input.
      const invalid = await send(svc.url, await signed('POST', WORK, routes[0]?.bad as string));
      assert.equal(invalid.status, 400, invalid.text);
      assert.equal(invalid.body.error.code, 'HRS_VALIDATION');
      const unreadable = await send(svc.url, await signed('POST', WORK, '{"not json'));
      assert.equal(unreadable.status, 400, unreadable.text);
      assert.match(unreadable.body.error.message, /not valid JSON/);
    });

    test('a retried request signs anew, so the agent is let in each time', async () => {
      // The same request twice, as the agent repeats a result whose answer it never got.
      const op = await claimedOperation();
      assert.deepEqual(await client.result(op.id, EMPTY_READ), { outcome: 'accepted' });
      assert.deepEqual(await client.result(op.id, EMPTY_READ), { outcome: 'duplicate' });
      for (let i = 0; i < 3; i++) {
        const again = await client.work({ working: [], capacity: 0, wait: false });
        assert.deepEqual(again.operations, []);
      }
    });
  });
}
