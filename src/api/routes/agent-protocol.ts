/**
 * The agent-facing half of the protocol (issue 9). Agents connect outbound only: they register once,
 * then hold a work request open (long poll) and post pages and results. Every operation is claimed
 * by exactly one agent; a result is accepted once and a repeat (after a lost response) acknowledged.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  completeAgentOperation,
  type Endpoint,
  pollAgentWork,
  putAgentPage,
  registerAgent,
} from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import { signalAgentQueue, waitForAgentQueue } from '../../jobs/agent-signal.ts';
import { tenantTargetConfig } from '../../jobs/connection-config.ts';
import type { Agent, AgentOperation, Store } from '../../store/index.ts';
import {
  type AnswerProblem,
  OPERATION_KINDS,
  type OperationKind,
  pageProblems,
  resultProblems,
} from '../../targets/remote/index.ts';
import { recordAudit } from '../audit.ts';
import { authenticateAgent, badlySignedFor, namesNoAgent } from '../auth/agent-auth.ts';
import { sha256 } from '../auth/credentials.ts';
import { type RouteHandler, registerEndpoint } from '../route.ts';

const REFUSALS = {
  used: 'This registration key was already used; create a new registration for another agent.',
  expired: 'This registration key expired (keys are valid for an hour); create a new registration.',
  revoked: 'This agent registration was revoked; create a new registration.',
  unknown: 'This registration key is not known to the service; copy it again from the tenant page.',
} as const;

/** Per client address: an agent registers once; a leaked used key must not fill the audit trail. */
export const AGENT_REGISTRATIONS_PER_ADDRESS = 30;

/**
 * Requests for a registered agent whose signature is not that agent's (a key that is not its own,
 * made for another request, a replay), per window: per agent id, and per client address across agents;
 * requests naming no registered agent (unsigned, an unknown id) count against the address too.
 */
export const BAD_AGENT_SIGNATURES_PER_AGENT = 20;
export const BAD_AGENT_SIGNATURES_PER_ADDRESS = 50;
const BAD_SIGNATURE_WINDOW_MS = 15 * 60_000;

const actorOf = (agent: Agent) => ({ type: 'agent' as const, id: agent.id, name: `agent ${agent.name}` });

const toWire = (op: AgentOperation) => ({ id: op.id, kind: op.kind, payload: op.payload });

/** Aborts when the agent hangs up before the answer is sent. */
function hangUp(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

async function stillAllowed(store: Store, agent: Agent): Promise<void> {
  const now = await store.agents.find(agent.id);
  if (!now || now.revokedAt !== null) {
    throw new HrsyncError('HRS_AGENT_REFUSED', `Agent "${agent.name}" was revoked; register a new agent.`);
  }
}

export async function agentProtocolRoutes(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
  const limitAddress = app.rateLimit({
    max: AGENT_REGISTRATIONS_PER_ADDRESS,
    timeWindow: 15 * 60_000,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new HrsyncError(
        'HRS_RATE_LIMITED',
        `Too many agent registration attempts from your address; try again in ${context.after}.`,
      ),
  });
  // Requests for a registered agent signed with what is not its signature: per agent id and per client
  // address. Only such refusals count, so an agent's own requests are never refused by these.
  const claimed = new WeakMap<FastifyRequest, string>();
  const badForAgent = app.createRateLimit({
    max: BAD_AGENT_SIGNATURES_PER_AGENT,
    timeWindow: BAD_SIGNATURE_WINDOW_MS,
    keyGenerator: (request) => `agent:${claimed.get(request)}`,
  });
  const badFromAddress = app.createRateLimit({
    max: BAD_AGENT_SIGNATURES_PER_ADDRESS,
    timeWindow: BAD_SIGNATURE_WINDOW_MS,
    keyGenerator: (request) => request.ip,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST') return;
    const url = request.routeOptions.url;
    if (url === registerAgent.path) await limitAddress.call(app, request, reply);
    else if (url !== undefined && SIGNED_PATHS.has(url)) {
      // An address over its limit is refused before its body is read or any signature checked.
      const seen = await badFromAddress(request, { increment: false });
      if (!seen.isAllowed && seen.remaining === 0) throw limited(reply, seen.ttlInSeconds, 'address');
    }
  });
  /**
   * A request refused for its signature counted: against the agent it names when that one is registered
   * (`agent`), and against the client address either way — a request naming no agent (unsigned, an
   * unknown id) costs a store lookup and a body read as well. The refusal to answer it with: 429 once
   * over a limit.
   */
  const countBadSignature = async (
    request: FastifyRequest,
    reply: FastifyReply,
    agent: Agent | null,
    refusal: HrsyncError,
  ): Promise<HrsyncError> => {
    if (agent !== null) claimed.set(request, agent.id);
    const byAgent = agent === null ? null : await badForAgent(request);
    const byAddress = await badFromAddress(request);
    // The request that reached the agent's limit is audited: once per window, not once per request.
    if (agent !== null && byAgent && !byAgent.isAllowed && byAgent.remaining === 0 && !byAgent.isExceeded) {
      await recordAudit(app.deps.store, null, 'agent.requests-limited', {
        organisationId: agent.organisationId,
        actor: actorOf(agent),
        tenantId: agent.tenantId,
        outcome: 'refused',
        message: `${BAD_AGENT_SIGNATURES_PER_AGENT} requests in ${BAD_SIGNATURE_WINDOW_MS / 60_000} minutes named directory agent "${agent.name}" but were not signed by it (the last from ${request.ip}); further ones are refused for ${byAgent.ttlInSeconds} s. Its own requests still get in; if this continues, revoke the agent and register a new one.`,
        details: {
          agentId: agent.id,
          name: agent.name,
          address: request.ip,
          limit: BAD_AGENT_SIGNATURES_PER_AGENT,
          windowMinutes: BAD_SIGNATURE_WINDOW_MS / 60_000,
        },
      });
    }
    if (byAgent && !byAgent.isAllowed && byAgent.remaining === 0)
      return limited(reply, byAgent.ttlInSeconds, 'agent');
    if (!byAddress.isAllowed && byAddress.remaining === 0) {
      // An address names no organisation whose audit log could hold it: logged, once per window.
      if (!byAddress.isExceeded) {
        request.log.warn(
          {
            address: request.ip,
            limit: BAD_AGENT_SIGNATURES_PER_ADDRESS,
            windowMinutes: BAD_SIGNATURE_WINDOW_MS / 60_000,
          },
          `${BAD_AGENT_SIGNATURES_PER_ADDRESS} agent requests from ${request.ip} in ${BAD_SIGNATURE_WINDOW_MS / 60_000} minutes were not signed by the agent they named, or named no registered agent; every agent request from it is refused for ${byAddress.ttlInSeconds} s`,
        );
      }
      return limited(reply, byAddress.ttlInSeconds, 'address');
    }
    return refusal;
  };
  // Every route but registration is the agent's own: its signature is checked before anything about
  // the request's input is (route.ts), so a caller without one gets HRS_AGENT_REFUSED whatever it sends.
  const signedBy = new WeakMap<FastifyRequest, Agent>();
  // Only an endpoint the contracts declare `signedBy: 'agent'` (so OpenAPI names the agent's scheme).
  const agentEndpoint = <E extends Endpoint & { readonly signedBy: 'agent' }>(
    e: E,
    handler: RouteHandler<E>,
    options: { readonly bodyLimit?: number } = {},
  ) =>
    registerEndpoint(app, e, handler, {
      ...options,
      authenticate: async (request, reply) => {
        try {
          signedBy.set(request, await authenticateAgent(app.deps.store, request));
        } catch (error) {
          const agent = badlySignedFor(error) ?? (namesNoAgent(error) ? null : undefined);
          if (agent === undefined) throw error;
          throw await countBadSignature(request, reply, agent, error as HrsyncError);
        }
      },
    });
  const agentOf = (request: FastifyRequest): Agent => {
    const agent = signedBy.get(request);
    if (!agent) throw new Error('agent route reached without its signature checked');
    return agent;
  };

  registerEndpoint(app, registerAgent, async ({ store, body, request, audit }) => {
    const result = await store.agents.redeem(sha256(body.key), {
      publicKey: body.publicKey,
      host: body.host,
      version: body.version,
    });
    if (!result.ok) {
      if (result.reason !== 'unknown') {
        await audit('agent.registered', {
          organisationId: result.agent.organisationId,
          actor: actorOf(result.agent),
          tenantId: result.agent.tenantId,
          outcome: 'refused',
          message: `registration of directory agent "${result.agent.name}" from ${body.host} refused: the key was ${result.reason}`,
          details: {
            agentId: result.agent.id,
            name: result.agent.name,
            reason: result.reason,
            host: body.host,
          },
        });
      } else request.log.warn({ host: body.host }, 'agent registration with an unknown key refused');
      throw new HrsyncError('HRS_AGENT_REFUSED', REFUSALS[result.reason]);
    }
    const { agent } = result;
    const tenant = await store.tenants.get(agent.organisationId, agent.tenantId);
    await audit('agent.registered', {
      organisationId: agent.organisationId,
      actor: actorOf(agent),
      tenantId: agent.tenantId,
      message: `directory agent "${agent.name}" registered from ${body.host} (hrsync ${body.version})`,
      details: { agentId: agent.id, name: agent.name, host: body.host, version: body.version },
    });
    return { agentId: agent.id, tenantId: agent.tenantId, tenantName: tenant?.name ?? '', name: agent.name };
  });

  agentEndpoint(pollAgentWork, async ({ store, deps, body, request, reply, audit }) => {
    const agent = agentOf(request);
    const timings = deps.agentTimings;
    const { reconnected } = await store.agents.heard(agent.id, {
      ...(body.controllers ? { controllers: { ...body.controllers, checkedAt: deps.clock.now() } } : {}),
    });
    if (reconnected) {
      await audit('agent.connected', {
        organisationId: agent.organisationId,
        actor: actorOf(agent),
        tenantId: agent.tenantId,
        message: `directory agent "${agent.name}" connected${agent.host ? ` from ${agent.host}` : ''}`,
        details: { agentId: agent.id, host: agent.host, version: agent.version },
      });
    }
    // The directory settings without the secret reference, so the agent checks its controllers between
    // runs (and right after it is set up), not only when a run hands it an operation.
    const tenant = await store.tenants.get(agent.organisationId, agent.tenantId);
    const target = tenant?.directoryViaAgents ? tenantTargetConfig(tenant) : null;
    const { bindPassword: _onTheAgent, ...directory } = (target ?? {}) as Record<string, unknown>;
    const answer = (operations: readonly AgentOperation[]) => ({
      operations: operations.map(toWire),
      timings: {
        holdMs: timings.holdMs,
        heartbeatMs: timings.heartbeatMs,
        silenceMs: timings.silenceMs,
      },
      // The pages route's body limit, so the agent splits its reads to fit instead of being refused.
      limits: { pageBytes: deps.agentPageBytes },
      directory: target === null ? null : directory,
    });
    // Operations this agent took but does not mention never reached it (a dropped response): again.
    const undelivered = await store.agentOperations.unacknowledged(agent.id, body.working);
    if (undelivered.length > 0 || body.capacity === 0) return answer(undelivered);

    const gone = hangUp(reply);
    const holdUntil = Date.now() + (body.wait ? timings.holdMs : 0);
    let lastHeard = Date.now();
    for (;;) {
      await stillAllowed(store, agent);
      if (gone.aborted) return answer([]);
      const createdAfter = new Date(Date.parse(deps.clock.now()) - timings.claimTimeoutMs).toISOString();
      const claimed = await store.agentOperations.claim(
        agent.tenantId,
        agent.id,
        body.capacity,
        createdAfter,
      );
      const left = holdUntil - Date.now();
      if (claimed.length > 0 || left <= 0) {
        request.log.debug({ agent: agent.id, operations: claimed.length }, 'agent work');
        return answer(claimed);
      }
      if (Date.now() - lastHeard >= timings.heartbeatMs) {
        await store.agents.heard(agent.id, {});
        lastHeard = Date.now();
      }
      await waitForAgentQueue(`tenant:${agent.tenantId}`, Math.min(500, left), gone);
    }
  });

  agentEndpoint(
    putAgentPage,
    async ({ store, deps, params, body, request }) => {
      const agent = agentOf(request);
      await store.agents.heard(agent.id, {});
      const op = await store.agentOperations.get(params.id);
      if (!op || op.agentId !== agent.id) throw notYours(params.id);
      if (op.state === 'claimed') {
        const problems =
          op.kind === 'read'
            ? pageProblems(body.seq, body.data)
            : [
                {
                  path: '/seq',
                  message: `is not taken: only a read's accounts come in pages, not a ${op.kind}'s`,
                },
              ];
        await refuseUnless(store, agent, op, problems, 'a page of its accounts');
        await refuseOverLimit(store, agent, op, body.seq, body.data, deps.agentReadBytes);
      }
      const outcome = await store.agentOperations.putPage(params.id, agent.id, body.seq, body.data);
      if (outcome === 'not-yours') throw notYours(params.id);
      return { outcome };
    },
    { bodyLimit: app.deps.agentPageBytes },
  );

  agentEndpoint(completeAgentOperation, async ({ store, params, body, request, audit }) => {
    const agent = agentOf(request);
    await store.agents.heard(agent.id, {});
    const op = await store.agentOperations.get(params.id);
    if (!op || op.agentId !== agent.id) throw notYours(params.id);
    if (op.state === 'claimed' && isKind(op.kind)) {
      const problems = resultProblems(op.kind, op.payload, body.result);
      const value = (body.result as { value?: { pages?: unknown } }).value;
      if (problems.length === 0 && op.kind === 'read' && typeof value?.pages === 'number') {
        const { count, last } = await store.agentOperations.pageSpan(op.id);
        if (count !== value.pages || last !== count - 1) {
          problems.push({
            path: '/result/value/pages',
            message: `says ${value.pages} page(s), but ${count} arrived${count > 0 ? `, numbered up to ${last}` : ''}`,
          });
        }
      }
      await refuseUnless(store, agent, op, problems, 'its result');
    }
    const outcome = await store.agentOperations.complete(params.id, agent.id, body.result);
    if (outcome === 'not-yours') throw notYours(params.id);
    signalAgentQueue(`operation:${params.id}`);
    const writes = writeSummary(body.result);
    if (outcome === 'accepted' && writes !== null) {
      // Each account write is audited by the run; this records which agent carried the batch out.
      await audit('agent.operation-answered', {
        organisationId: agent.organisationId,
        actor: actorOf(agent),
        tenantId: agent.tenantId,
        message: `directory agent "${agent.name}" carried out ${writes.total} write(s), ${writes.failed} failed`,
        details: { agentId: agent.id, operationId: params.id, ...writes },
      });
    }
    return { outcome };
  });
}

/** The routes an agent signs (every agent route but registration). */
const SIGNED_PATHS: ReadonlySet<string> = new Set([
  pollAgentWork.path,
  putAgentPage.path,
  completeAgentOperation.path,
]);

/**
 * Past a limit on badly signed requests: 429 with Retry-After. It says nothing of the agent (the
 * signature is not proven), only which limit was reached.
 */
function limited(reply: FastifyReply, seconds: number, by: 'agent' | 'address'): HrsyncError {
  reply.header('retry-after', String(seconds));
  const minutes = BAD_SIGNATURE_WINDOW_MS / 60_000;
  return new HrsyncError(
    'HRS_RATE_LIMITED',
    by === 'agent'
      ? `Too many requests naming this agent had a signature that did not verify (${BAD_AGENT_SIGNATURES_PER_AGENT} in ${minutes} minutes); further ones are refused for ${seconds} s. Requests the agent signs itself are not affected.`
      : `Too many agent requests from your address had a signature that did not verify or named no registered agent (${BAD_AGENT_SIGNATURES_PER_ADDRESS} in ${minutes} minutes); every agent request from your address is refused for ${seconds} s.`,
  );
}

const isKind = (kind: string): kind is OperationKind => OPERATION_KINDS.includes(kind as OperationKind);

/** Details shown of a refused answer: enough to find the fault, not a copy of a huge one. */
const SHOWN_PROBLEMS = 20;

/**
 * An answer that is not one to what was asked is refused (400, saying where) and the operation ends
 * with that as its failure, so the run waiting for it stops saying which agent sent what, instead of
 * waiting on an agent that would send the same again.
 */
async function refuseUnless(
  store: Store,
  agent: Agent,
  op: AgentOperation,
  problems: readonly AnswerProblem[],
  what: string,
): Promise<void> {
  if (problems.length === 0) return;
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  const first = `${shown[0]?.path} ${shown[0]?.message}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
  await failOperation(
    store,
    agent,
    op,
    `Directory agent "${agent.name}" sent, as ${what} for the directory ${op.kind}, something that is not an answer to it: ${first}${more}. Nothing it sent for this operation was used; check that the agent runs an hrsync release the service supports.`,
  );
  throw new HrsyncError(
    'HRS_VALIDATION',
    `This is not ${what} for the directory ${op.kind} it answers: ${first}${more}. The operation failed with this as its reason.`,
    { details: shown },
  );
}

/** Ends a claimed operation with this failure, so the run waiting for it stops, saying why. */
async function failOperation(store: Store, agent: Agent, op: AgentOperation, message: string): Promise<void> {
  if (op.state !== 'claimed') return;
  const failure = {
    ok: false,
    error: {
      code: op.kind === 'apply' ? 'HRS_TARGET_WRITE_FAILED' : 'HRS_TARGET_READ_FAILED',
      message,
      retryable: false,
    },
  };
  if ((await store.agentOperations.complete(op.id, agent.id, failure)) === 'accepted') {
    signalAgentQueue(`operation:${op.id}`);
  }
}

const inMiB = (bytes: number) =>
  `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB (${bytes.toLocaleString('en')} bytes)`;

/**
 * A read whose pages would hold more than `limit` bytes in all is refused (413) and fails, naming the
 * agent and the limit: the service keeps a read's pages until the run takes them at once.
 */
async function refuseOverLimit(
  store: Store,
  agent: Agent,
  op: AgentOperation,
  seq: number,
  data: unknown,
  limit: number,
): Promise<void> {
  const total = (await store.agentOperations.pageBytes(op.id)) + Buffer.byteLength(JSON.stringify(data));
  if (total <= limit) return;
  await failOperation(
    store,
    agent,
    op,
    `Directory agent "${agent.name}" sent more for the directory read than one read may hold: with page ${seq} its pages came to ${inMiB(total)}, over the limit of ${inMiB(limit)}. Nothing it sent for this read was used; narrow the containers the directory reads, or ask for the limit to be raised.`,
  );
  throw new HrsyncError(
    'HRS_PAYLOAD_TOO_LARGE',
    `With this page the read's pages come to ${inMiB(total)}, over the limit of ${inMiB(limit)} for one read. The read failed with this as its reason.`,
  );
}

/** Counts of a write batch's outcomes; null for anything that is not a write batch's answer. */
function writeSummary(result: unknown): { total: number; failed: number } | null {
  const value = (result as { ok?: boolean; value?: { outcomes?: unknown } } | null)?.value;
  if (!Array.isArray(value?.outcomes)) return null;
  const outcomes = value.outcomes as { ok?: boolean }[];
  return { total: outcomes.length, failed: outcomes.filter((o) => o?.ok !== true).length };
}

const notYours = (id: string) =>
  new HrsyncError(
    'HRS_CONFLICT',
    `Operation ${id} is no longer this agent's: it went to another agent, or its run stopped waiting for it.`,
  );
