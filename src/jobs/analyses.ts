/**
 * Analyses that read but never change a connection: "Preview impact" (simulate the saved
 * configuration and a draft of it, and compare the two plans) and comparing two stored runs.
 *
 * A preview is two simulations through the one engine path (executeRun) with everything that could
 * write taken away: the engine store refuses links and state (no tenant cursor, no cache, no
 * "last source count" moves), the target refuses writes, the source refuses write-back. AFAS and the
 * tenant are read once and shared by both simulations. Nothing is stored: no run, no audit event,
 * so the connection's progress, state, activation gate and run history are exactly as before.
 *
 * The service runs these in their own thread (app/analysis-thread.ts), as it does runs.
 */
import type { ConnectionConfig, RunItem } from '../core/index.ts';
import { HrsyncError } from '../core/index.ts';
import { comparePlans, executeRun, type PlanDifference } from '../engine/index.ts';
import type { EngineStore, Source, Target } from '../engine/ports.ts';
import type { RunOutcome } from '../engine/run.ts';
import type { Store, StoredConfig } from '../store/index.ts';
import { type AgentTimings, DEFAULT_AGENT_TIMINGS } from './agent-timings.ts';
import { assembleConfig } from './connection-config.ts';
import type { Connectors } from './connectors.ts';
import { openAdapters } from './engine-executor.ts';

export interface PreviewTask {
  readonly organisationId: string;
  readonly connectionId: string;
  /** The draft: the step's sections as a save would store them (already validated). */
  readonly sections: Partial<StoredConfig>;
}

/** What one of the two simulations came to (its items are compared, not returned). */
export interface SimulationSummary {
  readonly status: RunOutcome['status'];
  readonly blockedReason: string | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  /** null when the simulation failed before it had the persons. */
  readonly sourceCount: number | null;
}

export interface PreviewOutcome {
  readonly saved: SimulationSummary;
  readonly draft: SimulationSummary;
  /** null when either simulation failed (its error says why). */
  readonly difference: PlanDifference | null;
}

export interface CompareTask {
  readonly organisationId: string;
  /** The earlier run ("before"). */
  readonly baseRunId: string;
  /** The later run ("after"). */
  readonly runId: string;
}

export interface Analyses {
  preview(task: PreviewTask, signal?: AbortSignal): Promise<PreviewOutcome>;
  compare(task: CompareTask, signal?: AbortSignal): Promise<PlanDifference>;
  close?(): Promise<void>;
}

const WRITE_METHOD = /^(put|set|remove|delete|add|record|save|update|mark|clear|release|quarantine)/;

/** The engine store with every write turned into nothing (reads pass through). */
export function readOnlyEngineStore(store: EngineStore): EngineStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && WRITE_METHOD.test(property)) return async () => {};
      return value.bind(target);
    },
  });
}

const refuse = (what: string) => async () => {
  throw new HrsyncError('HRS_INTERNAL', `a preview must not ${what}`);
};

/** The source read once for both simulations; write-back refused. */
function sharedSource(source: Source): Source {
  let read: ReturnType<Source['read']> | undefined;
  return new Proxy(source, {
    get(target, property, receiver) {
      if (property === 'read')
        return (options: Parameters<Source['read']>[0]) => {
          read ??= target.read(options);
          return read;
        };
      if (property === 'writeBack') return refuse('write back to AFAS');
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The tenant read once per attribute selection for both simulations; writes refused. */
function sharedTarget(target: Target): Target {
  const reads = new Map<string, ReturnType<Target['readAccounts']>>();
  return new Proxy(target, {
    get(t, property, receiver) {
      if (property === 'readAccounts')
        return (options: Parameters<Target['readAccounts']>[0]) => {
          const key = `${[...options.attributes].sort().join(',')}|${options.cursor ?? ''}`;
          let read = reads.get(key);
          if (read === undefined) {
            read = t.readAccounts(options);
            reads.set(key, read);
          }
          return read;
        };
      if (property === 'apply') return refuse('write to the tenant');
      const value = Reflect.get(t, property, receiver);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

const summary = (o: RunOutcome): SimulationSummary => ({
  status: o.status,
  blockedReason: o.blockedReason,
  error: o.error,
  sourceCount: o.sourceCount,
});

/** Previews a draft: the saved configuration's plan and the draft's, compared. Writes nothing. */
export async function previewDraft(
  deps: { readonly store: Store; readonly connectors: Connectors; readonly agentTimings?: AgentTimings },
  task: PreviewTask,
  signal?: AbortSignal,
): Promise<PreviewOutcome> {
  const { store, connectors } = deps;
  const connection = await store.connections.get(task.organisationId, task.connectionId);
  if (!connection)
    throw new HrsyncError(
      'HRS_NOT_FOUND',
      `Connection ${task.connectionId} was not found in your organisation.`,
    );
  const tenant =
    connection.tenantId === null
      ? null
      : await store.tenants.get(connection.organisationId, connection.tenantId);
  const saved = assembleConfig(connection, tenant);
  if (!saved.ok) {
    throw new HrsyncError(
      'HRS_INVALID_STATE',
      `Preview needs the source and destination (steps 1 and 2) saved first: ${saved.errors
        .slice(0, 3)
        .map((e) => `${e.path} ${e.message}`)
        .join('; ')}`,
    );
  }
  const draft = assembleConfig({ ...connection, config: { ...connection.config, ...task.sections } }, tenant);
  if (!draft.ok) {
    throw new HrsyncError(
      'HRS_CONFIG_INVALID',
      `The draft does not make a complete configuration: ${draft.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      { details: draft.errors },
    );
  }
  const adapters = await openAdapters(
    store,
    connectors,
    deps.agentTimings ?? DEFAULT_AGENT_TIMINGS,
    connection,
    tenant,
    saved.config,
  );
  const source = sharedSource(adapters.source);
  const target = sharedTarget(adapters.target);
  const engineStore = readOnlyEngineStore(store.engineStore(connection.id));
  const simulate = (config: ConnectionConfig) =>
    executeRun({
      kind: 'simulation',
      config,
      source,
      target,
      store: engineStore,
      clock: store.clock,
      ...(signal ? { signal } : {}),
    });
  try {
    const before = await simulate(saved.config);
    const after = await simulate(draft.config);
    return {
      saved: summary(before),
      draft: summary(after),
      difference:
        before.status === 'failed' || after.status === 'failed'
          ? null
          : comparePlans(before.items, after.items),
    };
  } finally {
    await adapters.target.close?.();
  }
}

/** Compares two stored runs of one connection (the caller checked both exist and are finished). */
export async function compareRuns(store: Store, task: CompareTask): Promise<PlanDifference> {
  const [base, run] = await Promise.all([
    store.runs.get(task.organisationId, task.baseRunId),
    store.runs.get(task.organisationId, task.runId),
  ]);
  if (!base || !run)
    throw new HrsyncError('HRS_NOT_FOUND', 'One of the two runs was not found in your organisation.');
  const items = async (r: typeof run): Promise<readonly RunItem[]> => store.runItems.all(r, {});
  const [before, after] = await Promise.all([items(base), items(run)]);
  return comparePlans(before, after);
}

/** Both analyses in the calling thread (the service's thread uses this; tests may too). */
export function inlineAnalyses(deps: {
  readonly store: Store;
  readonly connectors: Connectors;
  readonly agentTimings?: AgentTimings;
}): Analyses {
  return {
    preview: (task, signal) => previewDraft(deps, task, signal),
    compare: (task) => compareRuns(deps.store, task),
  };
}
