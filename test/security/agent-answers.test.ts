/**
 * What a directory agent answers, seen by an attacker holding one customer's agent credentials: it can
 * neither reach nor learn of another tenant's operations (a stranger's id answers as a missing one),
 * and what it posts for its own is checked against what was asked — a page or a result that is not
 * one is a 400 saying where, the run waiting for it fails saying so (never succeeds on garbage), and
 * a read cannot grow past a bound however many pages the agent sends. Real service over HTTPS, real
 * signed requests, SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Agent as HttpAgent, fetch as undiciFetch } from 'undici';
import { AgentStateDir, registerAgentState, requestSigner } from '../../src/agent/index.ts';
import { newAgentKeyPair, type RequestSigner } from '../../src/agent/signing.ts';
import { sha256 } from '../../src/api/auth/credentials.ts';
import {
  AGENT_REGISTRATIONS_PER_ADDRESS,
  BAD_AGENT_SIGNATURES_PER_ADDRESS,
  BAD_AGENT_SIGNATURES_PER_AGENT,
} from '../../src/api/routes/agent-protocol.ts';
import { revokeAgent } from '../../src/contracts/index.ts';
import type { PlannedWrite } from '../../src/core/index.ts';
import { agentDispatch } from '../../src/jobs/index.ts';
import { GRAPH_CAPABILITIES } from '../../src/targets/graph/index.ts';
import {
  createRemoteTarget,
  MAX_PAGE_BYTES,
  MAX_READ_PAGES,
  READ_PAGE_SIZE,
} from '../../src/targets/remote/index.ts';
import { type AgentService, startAgentService } from '../agent/support/stack.ts';
import { DIALECTS } from '../service/support/databases.ts';

/** 401 for the first `limit` − 1 attempts (one attempt was counted before them), then 429 for every later one. */
function assertRefusedThenLimited(statuses: readonly number[], limit: number): void {
  assert.deepEqual([...new Set(statuses.slice(0, limit - 1))], [401], statuses.join(','));
  assert.deepEqual([...new Set(statuses.slice(limit - 1))], [429], statuses.join(','));
}

/** A POST to the service signed by `sign`, as an agent sends it. */
async function signedPost(url: string, http: HttpAgent, sign: RequestSigner, path: string, body: unknown) {
  const text = JSON.stringify(body);
  return undiciFetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Agent ${await sign('POST', path, text)}` },
    body: text,
    dispatcher: http,
  });
}

interface Sent {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the endpoint answered
  readonly body: any;
  readonly text: string;
}

interface Failure {
  readonly ok: boolean;
  readonly error: { readonly message: string };
}

interface SignedAgent {
  readonly id: string;
  readonly tenantId: string;
  post(path: string, body: unknown): Promise<Sent>;
}

const WRITES: readonly PlannedWrite[] = [
  { kind: 'create', employeeNumber: '1001', attributes: { displayName: 'Anna Visser' }, enabled: true },
  { kind: 'create', employeeNumber: '1002', attributes: { displayName: 'Bram Visser' }, enabled: true },
];

const account = (i: number) => ({ id: `guid-${i}`, attributes: { employeeId: String(i), displayName: 'x' } });

for (const dialect of DIALECTS) {
  describe(`what a directory agent answers, on ${dialect}`, () => {
    let svc: AgentService;
    let http: HttpAgent;
    let ours: SignedAgent;
    let theirs: SignedAgent;
    let theirOrganisationId: string;
    const dirs: string[] = [];

    /** Registers an agent with a key and returns one that signs each request as `hrsync agent` does. */
    async function agentWith(key: string): Promise<SignedAgent> {
      const dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-state-'));
      dirs.push(dir);
      const identity = await registerAgentState({
        server: svc.url,
        key,
        stateDir: dir,
        version: '0.1.0',
        ca: svc.pki.caCertPem,
        host: 'dc.example.local',
      });
      const sign = await requestSigner(identity.agentId, new AgentStateDir(dir).privateKey());
      return {
        id: identity.agentId,
        tenantId: identity.tenantId,
        async post(path, body) {
          const response = await signedPost(svc.url, http, sign, path, body);
          const answer = await response.text();
          let parsed: unknown;
          try {
            parsed = JSON.parse(answer);
          } catch {
            parsed = undefined;
          }
          return { status: response.status, body: parsed, text: answer };
        },
      };
    }

    /** An operation queued for the agent's tenant and claimed by its next poll. */
    async function claimed(agent: SignedAgent, organisationId: string, kind: string, payload: unknown) {
      const op = await svc.store.agentOperations.enqueue({
        organisationId,
        tenantId: agent.tenantId,
        kind,
        payload,
      });
      const work = await agent.post('/api/v1/agent/work', { working: [], capacity: 1, wait: false });
      assert.equal(work.status, 200, work.text);
      assert.deepEqual(
        work.body.operations.map((o: { id: string }) => o.id),
        [op.id],
      );
      return op;
    }

    before(async () => {
      svc = await startAgentService(dialect);
      http = new HttpAgent({ connect: { ca: svc.pki.caCertPem } });
      ours = await agentWith((await svc.newRegistration('dc-ours')).key);
      // Another organisation's hybrid tenant, with its own agent.
      const organisation = await svc.store.organisations.create('Other MSP');
      theirOrganisationId = organisation.id;
      const customer = await svc.store.customers.create(organisation.id, 'Gemeente Noord');
      const tenant = await svc.store.tenants.create(organisation.id, {
        customerId: customer.id,
        name: 'Gemeente Noord (hybrid)',
        type: 'hybrid',
        directoryId: 'noord.local',
        verifiedDomains: ['noord.nl'],
        clientId: null,
        credential: null,
        authorityHost: 'https://login.microsoftonline.com',
        graphBaseUrl: 'https://graph.microsoft.com',
        subscriptionActive: true,
      });
      const key = `hra_${randomBytes(32).toString('base64url')}`;
      await svc.store.agents.createRegistration({
        organisationId: organisation.id,
        tenantId: tenant.id,
        name: 'dc-theirs',
        createdBy: 'admin@other.test',
        keyHash: sha256(key),
        keyExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      theirs = await agentWith(key);
    });
    after(async () => {
      await http?.close();
      await svc?.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    test("another organisation's operation answers as a missing one, and stays untouched", async () => {
      const op = await claimed(theirs, theirOrganisationId, 'read', { attributes: [], cursor: null });
      const missing = '0190f0f0-0000-7000-8000-000000000000';
      const answers = async (id: string) => [
        await ours.post(`/api/v1/agent/operations/${id}/result`, {
          result: { ok: true, value: { outcomes: [] } },
        }),
        await ours.post(`/api/v1/agent/operations/${id}/pages`, { seq: 0, data: [account(1)] }),
      ];
      const theirAnswers = await answers(op.id);
      const missingAnswers = await answers(missing);
      for (const [i, a] of theirAnswers.entries()) {
        const b = missingAnswers[i] as Sent;
        assert.equal(a.status, 409, a.text);
        assert.equal(a.status, b.status);
        assert.equal(a.text.replaceAll(op.id, 'ID'), b.text.replaceAll(missing, 'ID'));
      }
      // Named among the operations it works on, it is not handed over either.
      const work = await ours.post('/api/v1/agent/work', { working: [op.id], capacity: 4, wait: false });
      assert.deepEqual(work.body.operations, []);
      const after = await svc.store.agentOperations.get(op.id);
      assert.equal(after?.state, 'claimed');
      assert.equal(after?.agentId, theirs.id);
      assert.deepEqual(await svc.store.agentOperations.pages(op.id), []);
      await svc.store.agentOperations.remove(op.id);
    });

    test('a result that is not an answer to what was asked is a 400 saying where, and recorded as a failure', async () => {
      const cases: readonly [string, unknown, string, unknown][] = [
        ['apply', { target: {}, writes: WRITES }, '/result', 5],
        ['apply', { target: {}, writes: WRITES }, '/result/ok', { ok: 'yes', value: {} }],
        [
          'apply',
          { target: {}, writes: WRITES },
          '/result/value/outcomes',
          { ok: true, value: { outcomes: [{ ok: true, accountId: 'guid-1' }] } },
        ],
        [
          'apply',
          { target: {}, writes: WRITES },
          '/result/value/outcomes/1/accountId',
          {
            ok: true,
            value: {
              outcomes: [
                { ok: true, accountId: 'guid-1' },
                { ok: true, accountId: 7 },
              ],
            },
          },
        ],
        [
          'apply',
          { target: {}, writes: WRITES },
          '/result/value/outcomes/0/applied/displayName',
          {
            ok: true,
            value: {
              outcomes: [
                { ok: true, accountId: 'guid-1', applied: { displayName: { $ne: 1 } } },
                { ok: true, accountId: 'guid-2' },
              ],
            },
          },
        ],
        [
          'find',
          { target: {}, attribute: 'employeeId', value: '1', attributes: [] },
          '/result/value/accounts/0/id',
          { ok: true, value: { accounts: [{ attributes: {} }] } },
        ],
        [
          'read',
          { target: {}, attributes: [], cursor: null },
          '/result/value/pages',
          { ok: true, value: { cursor: null, incremental: false, removedIds: [], pages: 3 } },
        ],
        [
          'test',
          { target: {} },
          '/result/value/surprise',
          { ok: true, value: { ok: true, message: 'fine', surprise: 1 } },
        ],
        [
          'test',
          { target: {} },
          '/result/error/code',
          { ok: false, error: { message: 'x', retryable: false } },
        ],
      ];
      for (const [kind, payload, path, result] of cases) {
        const op = await claimed(ours, svc.organisationId, kind, payload);
        const sent = await ours.post(`/api/v1/agent/operations/${op.id}/result`, { result });
        assert.equal(sent.status, 400, `${path}: ${sent.text}`);
        assert.equal(sent.body.error.code, 'HRS_VALIDATION');
        assert.ok(
          sent.body.error.details.some((d: { path: string }) => d.path === path),
          `${path}: ${sent.text}`,
        );
        // The run waiting for it is told, saying which agent sent what, not left waiting.
        const stored = await svc.store.agentOperations.get(op.id);
        assert.equal(stored?.state, 'done');
        const failure = stored?.result as Failure | undefined;
        assert.equal(failure?.ok, false);
        assert.match(String(failure?.error.message), new RegExp(`dc-ours.*${path}`));
        await svc.store.agentOperations.remove(op.id);
      }
    });

    test('a run waiting on a write batch fails when the agent answers it with garbage, never succeeds', async () => {
      const remote = createRemoteTarget({
        capabilities: GRAPH_CAPABILITIES,
        settings: {},
        dispatch: agentDispatch({
          store: svc.store,
          organisationId: svc.organisationId,
          tenantId: svc.tenantId,
          timings: svc.app.deps.agentTimings,
        }),
      });
      const applied = remote.apply(WRITES, {}).then(
        (outcomes) => ({ outcomes, error: null }),
        (error: Error) => ({ outcomes: null, error }),
      );
      let operations: { id: string }[] = [];
      while (operations.length === 0) {
        const work = await ours.post('/api/v1/agent/work', { working: [], capacity: 1, wait: true });
        operations = work.body.operations;
      }
      const [op] = operations as [{ id: string }];
      const garbage = { ok: true, value: { outcomes: [{ ok: true, accountId: 42 }, { ok: 1 }] } };
      const sent = await ours.post(`/api/v1/agent/operations/${op.id}/result`, { result: garbage });
      assert.equal(sent.status, 400, sent.text);
      const { outcomes, error } = await applied;
      assert.equal(outcomes, null, 'the batch did not succeed');
      assert.match(String(error?.message), /dc-ours.*\/result\/value\/outcomes\/0\/accountId/s);
    });

    test('a registration naming its host or version with control characters is a 400, and the key stays unused', async () => {
      const { key, agentId } = await svc.newRegistration('dc-forged');
      const publicKey = { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) };
      for (const [field, body] of [
        ['/host', { key, publicKey, host: 'dc1\n{"level":30,"msg":"forged"}', version: '0.1.0' }],
        ['/version', { key, publicKey, host: 'dc1', version: '0.1.0\u001b[2J' }],
      ] as const) {
        const response = await undiciFetch(`${svc.url}/api/v1/agent/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          dispatcher: http,
        });
        const text = await response.text();
        assert.equal(response.status, 400, text);
        assert.ok(
          (JSON.parse(text) as { error: { details: { path: string }[] } }).error.details.some(
            (d) => d.path === field,
          ),
          text,
        );
      }
      assert.equal((await svc.store.agents.find(agentId))?.registeredAt, null);
    });

    test('an agent revoked while holding a read is refused at once, and the read goes to another agent', async () => {
      const held = await agentWith((await svc.newRegistration('dc-revoked')).key);
      const spare = await agentWith((await svc.newRegistration('dc-spare')).key);
      const remote = createRemoteTarget({
        capabilities: GRAPH_CAPABILITIES,
        settings: {},
        dispatch: agentDispatch({
          store: svc.store,
          organisationId: svc.organisationId,
          tenantId: svc.tenantId,
          timings: svc.app.deps.agentTimings,
        }),
      });
      const read = remote.readAccounts({ attributes: ['employeeId'], cursor: null });
      const take = async (agent: SignedAgent) => {
        for (;;) {
          const work = await agent.post('/api/v1/agent/work', { working: [], capacity: 1, wait: true });
          assert.equal(work.status, 200, work.text);
          if (work.body.operations.length > 0) return work.body.operations[0] as { id: string };
        }
      };
      const first = await take(held);
      const revoked = await svc.call(revokeAgent, { params: { id: held.id } });
      assert.equal(revoked.status, 200, revoked.text);
      const late = await held.post(`/api/v1/agent/operations/${first.id}/pages`, {
        seq: 0,
        data: [account(9)],
      });
      assert.equal(late.status, 401, late.text);
      assert.equal(late.body.error.code, 'HRS_AGENT_REFUSED');
      const second = await take(spare);
      assert.equal(
        (await spare.post(`/api/v1/agent/operations/${second.id}/pages`, { seq: 0, data: [account(1)] }))
          .status,
        200,
      );
      const done = await spare.post(`/api/v1/agent/operations/${second.id}/result`, {
        result: { ok: true, value: { cursor: null, incremental: false, removedIds: [], pages: 1 } },
      });
      assert.equal(done.status, 200, done.text);
      const accounts = (await read).accounts;
      assert.deepEqual(
        accounts.map((a) => a.id),
        ['guid-1'],
        'the spare agent answered; nothing the revoked one sent was used',
      );
    });

    test('pages: each an array of at most a page of accounts, at most MAX_READ_PAGES of them, none after the result', async () => {
      const READ = { target: {}, attributes: [], cursor: null };
      const bad: readonly [number, unknown, string][] = [
        [0, 'x', '/data'],
        [0, [{ id: 'guid-1', attributes: { a: [1] } }], '/data/0/attributes/a/0'],
        [0, [{ id: '', attributes: {} }], '/data/0/id'],
        [0, Array.from({ length: READ_PAGE_SIZE + 1 }, (_, i) => ({ id: `g${i}`, attributes: {} })), '/data'],
        [MAX_READ_PAGES, [account(1)], '/seq'],
      ];
      for (const [seq, data, path] of bad) {
        const op = await claimed(ours, svc.organisationId, 'read', READ);
        const sent = await ours.post(`/api/v1/agent/operations/${op.id}/pages`, { seq, data });
        assert.equal(sent.status, 400, `${path}: ${sent.text.slice(0, 300)}`);
        assert.ok(
          sent.body.error.details.some((d: { path: string }) => d.path === path),
          `${path}: ${sent.text.slice(0, 300)}`,
        );
        assert.deepEqual(await svc.store.agentOperations.pages(op.id), [], 'no refused page was kept');
        // The read failed, saying why; the page sent again is not taken either.
        const stored = await svc.store.agentOperations.get(op.id);
        assert.equal(stored?.state, 'done');
        assert.match(
          String((stored?.result as Failure | undefined)?.error.message),
          /a page of its accounts/,
        );
        const again = await ours.post(`/api/v1/agent/operations/${op.id}/pages`, {
          seq: 0,
          data: [account(1)],
        });
        assert.equal(again.status, 409, again.text);
        await svc.store.agentOperations.remove(op.id);
      }
      const write = await claimed(ours, svc.organisationId, 'apply', { target: {}, writes: WRITES });
      const paged = await ours.post(`/api/v1/agent/operations/${write.id}/pages`, { seq: 0, data: [] });
      assert.equal(paged.status, 400, paged.text);
      assert.match(paged.body.error.message, /only a read's accounts come in pages/);
      assert.deepEqual(await svc.store.agentOperations.pages(write.id), []);
      await svc.store.agentOperations.remove(write.id);

      const op = await claimed(ours, svc.organisationId, 'read', READ);
      const page = (seq: number, data: unknown) =>
        ours.post(`/api/v1/agent/operations/${op.id}/pages`, { seq, data });
      assert.equal((await page(0, [account(1)])).status, 200);
      const done = await ours.post(`/api/v1/agent/operations/${op.id}/result`, {
        result: { ok: true, value: { cursor: null, incremental: false, removedIds: [], pages: 1 } },
      });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.outcome, 'accepted');
      // A page repeated after a lost response is acknowledged; a new one after the result is refused.
      assert.equal((await page(0, [account(1)])).body.outcome, 'duplicate');
      const late = await page(1, [account(2)]);
      assert.equal(late.status, 409, late.text);
      assert.equal((await svc.store.agentOperations.pages(op.id)).length, 1);
      await svc.store.agentOperations.remove(op.id);
    });
  });
}

describe('registration attempts from one address', () => {
  let svc: AgentService;
  let http: HttpAgent;
  before(async () => {
    svc = await startAgentService('sqlite');
    http = new HttpAgent({ connect: { ca: svc.pki.caCertPem } });
  });
  after(async () => {
    await http?.close();
    await svc?.close();
  });

  test('are bounded: past AGENT_REGISTRATIONS_PER_ADDRESS a 429, and a used key no longer fills the audit trail', async () => {
    const { key } = await svc.newRegistration('dc-used');
    const dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-state-'));
    try {
      await registerAgentState({
        server: svc.url,
        key,
        stateDir: dir,
        version: '0.1.0',
        ca: svc.pki.caCertPem,
        host: 'dc-used.example.local',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < AGENT_REGISTRATIONS_PER_ADDRESS + 5; i++) {
      const response = await undiciFetch(`${svc.url}/api/v1/agent/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          key,
          publicKey: { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) },
          host: 'attacker',
          version: '0.1.0',
        }),
        dispatcher: http,
      });
      statuses.push(response.status);
      last = await response.text();
    }
    // The one registration above counts too.
    assertRefusedThenLimited(statuses, AGENT_REGISTRATIONS_PER_ADDRESS);
    assert.equal(JSON.parse(last).error.code, 'HRS_RATE_LIMITED');
    assert.match(JSON.parse(last).error.message, /Too many agent registration attempts from your address/);
    const refusals = await svc.store.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'agent.registered')
      .where('outcome', '=', 'refused')
      .execute();
    assert.equal(refusals.length, AGENT_REGISTRATIONS_PER_ADDRESS - 1);
  });
});

describe('requests signed badly for a known agent', () => {
  let svc: AgentService;
  let http: HttpAgent;
  const dirs: string[] = [];
  before(async () => {
    svc = await startAgentService('sqlite');
    http = new HttpAgent({ connect: { ca: svc.pki.caCertPem } });
  });
  after(async () => {
    await http?.close();
    await svc?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A registered agent: its id, a signer with its own key, and one with a key that is not its own. */
  async function registered(name: string) {
    const { key } = await svc.newRegistration(name);
    const dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-state-'));
    dirs.push(dir);
    const identity = await registerAgentState({
      server: svc.url,
      key,
      stateDir: dir,
      version: '0.1.0',
      ca: svc.pki.caCertPem,
      host: `${name}.example.local`,
    });
    const { privateJwk } = await newAgentKeyPair();
    return {
      id: identity.agentId,
      own: await requestSigner(identity.agentId, new AgentStateDir(dir).privateKey()),
      forged: await requestSigner(identity.agentId, privateJwk),
    };
  }

  async function poll(sign: RequestSigner) {
    const path = '/api/v1/agent/work';
    const response = await signedPost(svc.url, http, sign, path, { working: [], capacity: 0, wait: false });
    const body = await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  }

  const limitedEvents = (agentId: string) =>
    svc.store.db
      .selectFrom('audit_events')
      .select(['message', 'outcome', 'details'])
      .where('action', '=', 'agent.requests-limited')
      .where('details', 'like', `%${agentId}%`)
      .execute();

  test('are limited per agent id: past BAD_AGENT_SIGNATURES_PER_AGENT a 429, audited once, and the agent itself still gets in', async () => {
    const victim = await registered('dc-victim');
    const answers: { status: number; retryAfter: string | null; body: string }[] = [];
    for (let i = 0; i < BAD_AGENT_SIGNATURES_PER_AGENT + 5; i++) answers.push(await poll(victim.forged));
    const statuses = answers.map((a) => a.status);
    assertRefusedThenLimited(statuses, BAD_AGENT_SIGNATURES_PER_AGENT);
    const last = answers.at(-1);
    assert.equal(JSON.parse(last?.body ?? '{}').error.code, 'HRS_RATE_LIMITED');
    assert.match(JSON.parse(last?.body ?? '{}').error.message, /did not verify/);
    const retryAfter = Number(last?.retryAfter);
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${last?.retryAfter}`);
    // One audit event for the window, not one per refused request; it names no secret.
    const events = await limitedEvents(victim.id);
    assert.equal(events.length, 1, JSON.stringify(events));
    assert.equal(events[0]?.outcome, 'refused');
    assert.match(String(events[0]?.message), /dc-victim/);
    // Requests the agent signed itself are never refused by the limit.
    const own = await poll(victim.own);
    assert.equal(own.status, 200, own.body);
  });

  test('are limited per client address, across agents: past BAD_AGENT_SIGNATURES_PER_ADDRESS a 429 before any signature is checked', async () => {
    const agents = [];
    for (
      let i = 0;
      agents.length * (BAD_AGENT_SIGNATURES_PER_AGENT - 1) < BAD_AGENT_SIGNATURES_PER_ADDRESS;
      i++
    )
      agents.push(await registered(`dc-spray-${i}`));
    const statuses: number[] = [];
    // The earlier test's refusals came from this address too.
    for (const agent of agents)
      for (let i = 0; i < BAD_AGENT_SIGNATURES_PER_AGENT - 1; i++)
        statuses.push((await poll(agent.forged)).status);
    // 401 until the address reached its limit (no agent reached its own), then 429.
    const first = statuses.indexOf(429);
    assert.ok(first > 0, statuses.join(','));
    assert.deepEqual([...new Set(statuses.slice(0, first))], [401], statuses.join(','));
    assert.deepEqual([...new Set(statuses.slice(first))], [429], statuses.join(','));
    const fresh = await registered('dc-fresh');
    const refused = await poll(fresh.forged);
    assert.equal(refused.status, 429, refused.body);
    assert.match(JSON.parse(refused.body).error.message, /your address/);
    assert.ok(Number(refused.retryAfter) > 0, `Retry-After ${refused.retryAfter}`);
    // Refused before its signature is checked: from this address, even an agent's own request waits.
    assert.equal((await poll(fresh.own)).status, 429);
  });
});

describe('requests naming no registered agent', () => {
  let svc: AgentService;
  let http: HttpAgent;
  before(async () => {
    svc = await startAgentService('sqlite');
    http = new HttpAgent({ connect: { ca: svc.pki.caCertPem } });
  });
  after(async () => {
    await http?.close();
    await svc?.close();
  });

  test('are limited per client address: past BAD_AGENT_SIGNATURES_PER_ADDRESS a 429, logged once, before any body is read', async () => {
    const path = '/api/v1/agent/work';
    const body = { working: [], capacity: 0, wait: false };
    const answers: { status: number; retryAfter: string | null; text: string }[] = [];
    for (let i = 0; i < BAD_AGENT_SIGNATURES_PER_ADDRESS + 5; i++) {
      // A new made-up agent id each time, signed with a key the service never saw, or none at all.
      const { privateJwk } = await newAgentKeyPair();
      const response =
        i % 5 === 4
          ? await undiciFetch(`${svc.url}${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
              dispatcher: http,
            })
          : await signedPost(svc.url, http, await requestSigner(randomUUID(), privateJwk), path, body);
      answers.push({
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        text: await response.text(),
      });
    }
    assertRefusedThenLimited(
      answers.map((a) => a.status),
      BAD_AGENT_SIGNATURES_PER_ADDRESS,
    );
    const last = JSON.parse(answers.at(-1)?.text ?? '{}');
    assert.equal(last.error.code, 'HRS_RATE_LIMITED');
    assert.match(last.error.message, /from your address .*named no registered agent/);
    assert.ok(Number(answers.at(-1)?.retryAfter) > 0, `Retry-After ${answers.at(-1)?.retryAfter}`);
    // Once per window in the service's log (no organisation's audit log owns an unknown id).
    const warnings = svc.logLines.filter((l) => l.includes('named no registered agent; every agent request'));
    assert.equal(warnings.length, 1, warnings.join(''));
    // Past the limit a page is refused before its body is read: a 4 MiB body costs the service nothing.
    const big = await signedPost(
      svc.url,
      http,
      await requestSigner(randomUUID(), (await newAgentKeyPair()).privateJwk),
      '/api/v1/agent/operations/00000000-0000-4000-8000-000000000000/pages',
      { seq: 0, data: 'x'.repeat(3 * 1024 * 1024) },
    );
    assert.equal(big.status, 429);
  });
});

describe('the bytes of a read', () => {
  const dirs: string[] = [];
  const services: AgentService[] = [];
  const agents: HttpAgent[] = [];
  after(async () => {
    for (const a of agents) await a.close();
    for (const s of services) await s.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A service, an agent of its tenant, and a read the agent has claimed. */
  async function claimedRead(options: { agentReadBytes?: number } = {}) {
    const svc = await startAgentService('sqlite', options);
    services.push(svc);
    const http = new HttpAgent({ connect: { ca: svc.pki.caCertPem } });
    agents.push(http);
    const dir = mkdtempSync(join(tmpdir(), 'hrsync-agent-state-'));
    dirs.push(dir);
    const identity = await registerAgentState({
      server: svc.url,
      key: (await svc.newRegistration('dc-bytes')).key,
      stateDir: dir,
      version: '0.1.0',
      ca: svc.pki.caCertPem,
      host: 'dc-bytes.example.local',
    });
    const sign = await requestSigner(identity.agentId, new AgentStateDir(dir).privateKey());
    const post = async (path: string, body: unknown) => {
      const response = await signedPost(svc.url, http, sign, path, body);
      return { status: response.status, text: await response.text() };
    };
    const remote = createRemoteTarget({
      capabilities: GRAPH_CAPABILITIES,
      settings: {},
      dispatch: agentDispatch({
        store: svc.store,
        organisationId: svc.organisationId,
        tenantId: svc.tenantId,
        timings: svc.app.deps.agentTimings,
      }),
    });
    const read = remote.readAccounts({ attributes: ['employeeId', 'displayName'], cursor: null }).then(
      (r) => ({ accounts: r.accounts.length, error: null }),
      (error: Error) => ({ accounts: null, error }),
    );
    let id = '';
    while (id === '') {
      const work = await post('/api/v1/agent/work', { working: [], capacity: 1, wait: true });
      assert.equal(work.status, 200, work.text);
      id = (JSON.parse(work.text).operations[0]?.id as string | undefined) ?? '';
    }
    const page = (seq: number, data: unknown) => post(`/api/v1/agent/operations/${id}/pages`, { seq, data });
    return { svc, id, post, page, read };
  }

  /** `count` accounts of about `bytes` bytes each as JSON. */
  const accounts = (count: number, bytes: number, from = 0) =>
    Array.from({ length: count }, (_, i) => ({
      id: `guid-${from + i}`,
      attributes: { employeeId: String(from + i), displayName: 'x'.repeat(bytes - 70) },
    }));

  test('one page: 500 accounts of 6 KB (past the 2 MiB other requests get) arrive; past MAX_PAGE_BYTES a 413 naming the limit', async () => {
    const { id, page, post, read, svc } = await claimedRead();
    const fits = accounts(READ_PAGE_SIZE, 6_000);
    assert.ok(JSON.stringify(fits).length > 2 * 1024 * 1024);
    const first = await page(0, fits);
    assert.equal(first.status, 200, first.text.slice(0, 300));
    const over = await page(
      1,
      accounts(READ_PAGE_SIZE, Math.ceil(MAX_PAGE_BYTES / READ_PAGE_SIZE) + 100, 500),
    );
    assert.equal(over.status, 413, over.text.slice(0, 300));
    assert.equal(JSON.parse(over.text).error.code, 'HRS_PAYLOAD_TOO_LARGE');
    assert.match(JSON.parse(over.text).error.message, /at most 4 MiB \(4,194,304 bytes\)/);
    assert.equal((await svc.store.agentOperations.pages(id)).length, 1);
    const done = await post(`/api/v1/agent/operations/${id}/result`, {
      result: { ok: true, value: { cursor: null, incremental: false, removedIds: [], pages: 1 } },
    });
    assert.equal(done.status, 200, done.text);
    assert.equal((await read).accounts, READ_PAGE_SIZE);
  });

  test('a whole read: past its byte limit the page is a 413, and the read fails naming the agent and the limit', async () => {
    const limit = 200_000;
    const { id, page, read, svc } = await claimedRead({ agentReadBytes: limit });
    const statuses: number[] = [];
    let last = '';
    for (let seq = 0; seq < 5; seq++) {
      const sent = await page(seq, accounts(100, 600, seq * 100));
      statuses.push(sent.status);
      last = sent.text;
      if (sent.status !== 200) break;
    }
    assert.deepEqual(statuses, [200, 200, 200, 413], last);
    assert.equal(JSON.parse(last).error.code, 'HRS_PAYLOAD_TOO_LARGE');
    assert.match(
      JSON.parse(last).error.message,
      /over the limit of 0\.19 MiB \(200,000 bytes\) for one read/,
    );
    const { error } = await read;
    assert.match(
      String(error?.message),
      /Directory agent "dc-bytes" sent more for the directory read than one read may hold: with page 3 .* over the limit of 0\.19 MiB \(200,000 bytes\)/,
    );
    // The run took the failure and let the operation go: nothing of this read is kept.
    assert.equal(await svc.store.agentOperations.get(id), null);
  });
});
