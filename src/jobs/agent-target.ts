/**
 * A hybrid tenant whose domain controllers the service cannot reach: its directory operations go to
 * its directory agents through the remote target, and no bind password is needed here (the agent
 * holds it). Everything else — the engine, the plan, the capabilities — stays the same.
 */
import type { TargetConfig } from '../core/index.ts';
import type { Target } from '../engine/ports.ts';
import type { Store, Tenant } from '../store/index.ts';
import { DIRECTORY_CAPABILITIES } from '../targets/ldap/index.ts';
import { createRemoteTarget } from '../targets/remote/index.ts';
import { agentDispatch } from './agent-dispatch.ts';
import type { AgentTimings } from './agent-timings.ts';

export const reachedThroughAgents = (tenant: Tenant | null): tenant is Tenant =>
  tenant !== null && tenant.type === 'hybrid' && tenant.directoryViaAgents;

export function agentTarget(
  store: Store,
  tenant: Tenant,
  target: TargetConfig,
  timings: AgentTimings,
): Target {
  // The settings the agent builds its local target from: everything but the secret reference.
  const { bindPassword: _onTheAgent, ...settings } = target as TargetConfig & { bindPassword?: unknown };
  return createRemoteTarget({
    capabilities: DIRECTORY_CAPABILITIES,
    settings,
    dispatch: agentDispatch({ store, organisationId: tenant.organisationId, tenantId: tenant.id, timings }),
  });
}
