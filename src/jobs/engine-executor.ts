/**
 * The production run executor: the connection's current configuration, its decrypted secrets, the
 * real adapters and the engine's executeRun — one path for simulation, sync and on-demand.
 */
import { type ConnectionConfig, configPaths, isHrsyncError, runError } from '../core/index.ts';
import { executeRun } from '../engine/index.ts';
import type { Source, Target } from '../engine/ports.ts';
import type { Connection, Store, Tenant } from '../store/index.ts';
import { agentTarget, reachedThroughAgents } from './agent-target.ts';
import { type AgentTimings, DEFAULT_AGENT_TIMINGS } from './agent-timings.ts';
import { assembleConfig, configProblems, resolveRunSecrets, resolveToken } from './connection-config.ts';
import type { Connectors } from './connectors.ts';
import { countsOf, type ExecutionResult, failed, type RunExecutor } from './executor.ts';

/** The source and target adapters of a connection's configuration, with their secrets resolved. */
export async function openAdapters(
  store: Store,
  connectors: Connectors,
  timings: AgentTimings,
  connection: Connection,
  tenant: Tenant | null,
  config: ConnectionConfig,
): Promise<{ source: Source; target: Target }> {
  // Behind agents the directory's bind password is on the agent: only the AFAS token is needed here.
  if (reachedThroughAgents(tenant)) {
    return {
      source: connectors.source(
        config.source,
        await resolveToken(store, connection.organisationId, config.source),
      ),
      target: agentTarget(store, tenant, config.target, timings),
    };
  }
  const secrets = await resolveRunSecrets(store, connection.organisationId, config);
  return {
    source: connectors.source(config.source, secrets.token),
    target: connectors.target(config.target, secrets.credential),
  };
}

export function engineExecutor(deps: {
  readonly store: Store;
  readonly connectors: Connectors;
  readonly agentTimings?: AgentTimings;
}): RunExecutor {
  const { store, connectors } = deps;
  const timings = deps.agentTimings ?? DEFAULT_AGENT_TIMINGS;
  return async (run, context): Promise<ExecutionResult> => {
    const connection = await store.connections.get(run.organisationId, run.connectionId);
    if (!connection) return failed('HRS_NOT_FOUND', 'The connection was deleted before the run started.');
    // A sync queued while active must not run after a deactivation or a configuration change.
    if (run.kind !== 'simulation' && connection.state !== 'active') {
      return failed(
        'HRS_INVALID_STATE',
        `The connection is "${connection.state}", not active, so the ${run.kind} run did not start.`,
      );
    }
    const tenant =
      connection.tenantId === null
        ? null
        : await store.tenants.get(connection.organisationId, connection.tenantId);
    const assembled = assembleConfig(connection, tenant);
    if (!assembled.ok) {
      return failed(
        'HRS_CONFIG_INVALID',
        `The configuration ${configProblems(assembled.errors)}`,
        null,
        configPaths(assembled.errors),
      );
    }
    const { config, hash } = assembled;
    try {
      const { source, target } = await openAdapters(store, connectors, timings, connection, tenant, config);
      const outcome = await executeRun({
        kind: run.kind,
        config,
        source,
        target,
        store: store.engineStore(connection.id),
        clock: store.clock,
        ...(run.employeeNumber === null ? {} : { employeeNumber: run.employeeNumber }),
        ...(run.approval === null ? {} : { approved: { by: run.approval.by, reason: run.approval.reason } }),
        signal: context.signal,
        onProgress: (p) => context.onProgress({ phase: p.phase, done: p.done, total: p.total }),
        onWrite: (item) => context.onWrite(item),
      }).finally(() => target.close?.());
      const stats = (target as { stats?: { throttled?: number } }).stats;
      return {
        status: outcome.status,
        items: outcome.items,
        counts: {
          ...countsOf(outcome.actionCounts, outcome.statusCounts),
          ...(outcome.licencePools ? { licencePools: outcome.licencePools } : {}),
        },
        sourceCount: outcome.sourceCount,
        blockedReason: outcome.blockedReason,
        error: outcome.error,
        configHash: hash,
        throttled: stats?.throttled ?? 0,
      };
    } catch (error) {
      if (isHrsyncError(error)) return { ...failed(error.code, error.message, hash), error: runError(error) };
      throw error;
    }
  };
}
