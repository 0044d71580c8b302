/**
 * The agent-facing half of the protocol (issue 9). Agents connect outbound only: they register once,
 * then hold a work request open (long poll) and post pages and results. Every operation is claimed
 * by exactly one agent; a result is accepted once and a repeat (after a lost response) acknowledged.
 */
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
import { authenticateAgent } from '../auth/agent-auth.ts';
import { sha256 } from '../auth/credentials.ts';
import { type RouteHandler, registerEndpoint } from '../route.ts';

const REFUSALS = {
  used: 'This registration key was already used; create a new registration for another agent.',
  expired: 'This registration key expired (keys are valid for an hour); create a new registration.',
  revoked: 'This agent registration was revoked; create a new registration.',
  unknown: 'This registration key is not known to the service; copy it again from the tenant page.',
} as const;

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
  // Every route but registration is the agent's own: its signature is checked before anything about
  // the request's input is (route.ts), so a caller without one gets HRS_AGENT_REFUSED whatever it sends.
  const signedBy = new WeakMap<FastifyRequest, Agent>();
  // Only an endpoint the contracts declare `signedBy: 'agent'` (so OpenAPI names the agent's scheme).
  const agentEndpoint = <E extends Endpoint & { readonly signedBy: 'agent' }>(
    e: E,
    handler: RouteHandler<E>,
  ) =>
    registerEndpoint(app, e, handler, {
      authenticate: async (request) => {
        signedBy.set(request, await authenticateAgent(app.deps.store, request));
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

  agentEndpoint(putAgentPage, async ({ store, params, body, request }) => {
    const agent = agentOf(request);
    await store.agents.heard(agent.id, {});
    const outcome = await store.agentOperations.putPage(params.id, agent.id, body.seq, body.data);
    if (outcome === 'not-yours') throw notYours(params.id);
    return { outcome };
  });

  agentEndpoint(completeAgentOperation, async ({ store, params, body, request, audit }) => {
    const agent = agentOf(request);
    await store.agents.heard(agent.id, {});
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
