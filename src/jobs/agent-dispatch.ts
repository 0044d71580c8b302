/**
 * The service's side of the remote target: operations go into the database queue, one agent of the
 * tenant claims each (src/api/routes/agent-protocol.ts), and the run waits here for the answer — with
 * bounds: nobody takes it within `claimTimeoutMs`, or the agent that took it falls silent for
 * `silenceMs` (or is revoked), and the wait ends saying which agent it was.
 */
import { HrsyncError } from '../core/index.ts';
import type { Agent, Store } from '../store/index.ts';
import type {
  DispatchOutcome,
  OperationDispatch,
  OperationResult,
  SilentAgent,
} from '../targets/remote/index.ts';
import { signalAgentQueue, waitForAgentQueue } from './agent-signal.ts';
import type { AgentTimings } from './agent-timings.ts';

/** Fallback poll of the database, for agents connected to another process. */
const POLL_MS = 200;

const silentAgent = (a: Pick<Agent, 'id' | 'name' | 'host'>): SilentAgent => ({
  id: a.id,
  name: a.name,
  host: a.host,
});

export function agentDispatch(deps: {
  readonly store: Store;
  readonly organisationId: string;
  readonly tenantId: string;
  readonly timings: AgentTimings;
}): OperationDispatch {
  const { store, timings, organisationId, tenantId } = deps;
  const now = () => Date.parse(store.clock.now());

  return {
    async submit(kind, payload, options) {
      // Nobody can take the operation: say so now rather than after waiting out claimTimeoutMs.
      if ((await registeredAgents(store, organisationId, tenantId)).length === 0) {
        throw new HrsyncError('HRS_AGENT_UNAVAILABLE', NO_AGENT);
      }
      const op = await store.agentOperations.enqueue({
        organisationId,
        tenantId,
        kind,
        payload,
      });
      signalAgentQueue(`tenant:${tenantId}`);
      const claimBy = now() + timings.claimTimeoutMs;
      try {
        for (;;) {
          if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
          const row = await store.agentOperations.get(op.id);
          if (!row) throw new HrsyncError('HRS_AGENT_UNAVAILABLE', 'The directory operation was removed.');
          if (row.state === 'done') {
            const agent = row.agentId ? await store.agents.find(row.agentId) : null;
            const pages = kind === 'read' ? await store.agentOperations.pages(op.id) : [];
            return {
              state: 'done',
              result: row.result as OperationResult<typeof kind>,
              pages,
              agent: silentAgent(agent ?? { id: row.agentId ?? '', name: 'unknown', host: null }),
            } as DispatchOutcome<typeof kind>;
          }
          if (row.state === 'claimed' && row.agentId !== null) {
            const agent = await store.agents.find(row.agentId);
            const quiet = agent?.lastSeenAt ? now() - Date.parse(agent.lastSeenAt) : Number.POSITIVE_INFINITY;
            if (!agent || agent.revokedAt !== null || quiet > timings.silenceMs) {
              if (await store.agentOperations.markLost(op.id, row.agentId)) {
                if (agent) await store.agents.disconnected(agent.id);
                return {
                  state: 'lost',
                  agent: silentAgent(agent ?? { id: row.agentId, name: 'unknown', host: null }),
                };
              }
              continue;
            }
          }
          if (row.state === 'pending' && now() > claimBy) {
            throw new HrsyncError(
              'HRS_AGENT_UNAVAILABLE',
              await nobodyTookIt(store, deps, options.avoid ?? []),
            );
          }
          await waitForAgentQueue(`operation:${op.id}`, POLL_MS, options.signal);
        }
      } finally {
        await store.agentOperations.remove(op.id);
      }
    },
  };
}

const NO_AGENT =
  'No directory agent is registered for this tenant, so nothing can reach its domain controllers. Register an agent on the tenant page and start it with "hrsync agent run".';

/** The tenant's agents that could take an operation: registered and not revoked. */
const registeredAgents = async (store: Store, organisationId: string, tenantId: string) =>
  (await store.agents.list(organisationId, tenantId)).filter(
    (a) => a.registeredAt !== null && a.revokedAt === null,
  );

/** Says which agents the tenant has and when each was last heard from. */
async function nobodyTookIt(
  store: Store,
  deps: { readonly organisationId: string; readonly tenantId: string; readonly timings: AgentTimings },
  avoid: readonly string[],
): Promise<string> {
  const agents = await registeredAgents(store, deps.organisationId, deps.tenantId);
  const seconds = Math.round(deps.timings.claimTimeoutMs / 1000);
  if (agents.length === 0) {
    return `No directory agent is registered for this tenant, so nothing reached its domain controllers within ${seconds} s. Register an agent on the tenant page and start it with "hrsync agent run".`;
  }
  const list = agents
    .map(
      (a) =>
        `"${a.name}"${a.host ? ` on ${a.host}` : ''} (${avoid.includes(a.id) ? 'fell silent during this run' : a.lastSeenAt ? `last heard from ${a.lastSeenAt}` : 'never connected'})`,
    )
    .join(', ');
  return `No directory agent of the tenant took the operation within ${seconds} s: ${list}. Check that "hrsync agent run" is running and reaches the service.`;
}
