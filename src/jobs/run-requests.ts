/**
 * Queueing a run, for the API (simulate, sync, sync-person) and the scheduler alike: the state
 * table decides whether the connection may run, a sync needs an active subscription, and a
 * connection never has two queued or running runs.
 */
import { type ConnectionOperation, checkOperation } from '../contracts/index.ts';
import { HrsyncError, type RunKind } from '../core/index.ts';
import type { Actor, Connection, Run, Store } from '../store/index.ts';
import { assembleConfig, configProblems } from './connection-config.ts';

export const DEFAULT_MAX_ATTEMPTS = 3;

const OPERATION: Readonly<Record<RunKind, ConnectionOperation>> = {
  simulation: 'simulate',
  sync: 'sync',
  'on-demand': 'syncPerson',
};

export interface RunRequestInput {
  readonly connection: Connection;
  readonly kind: RunKind;
  readonly employeeNumber?: string | null;
  readonly actor: Actor;
  readonly maxAttempts?: number;
}

/** Call inside a transaction that holds the connection's row lock (see ConnectionRepository.get). */
export async function requestRun(store: Store, input: RunRequestInput): Promise<Run> {
  const { connection, kind, actor } = input;
  const allowed = checkOperation(OPERATION[kind], connection.state);
  if (!allowed.ok) throw new HrsyncError('HRS_INVALID_STATE', allowed.message);
  const tenant =
    connection.tenantId === null
      ? null
      : await store.tenants.get(connection.organisationId, connection.tenantId);
  if (kind !== 'simulation' && tenant !== null && !tenant.subscriptionActive) {
    throw new HrsyncError(
      'HRS_SUBSCRIPTION_INACTIVE',
      `Tenant "${tenant.name}" has no active User Management subscription; syncs cannot run.`,
    );
  }
  const assembled = assembleConfig(connection, tenant);
  if (!assembled.ok) {
    throw new HrsyncError(
      'HRS_INVALID_STATE',
      `The configuration of "${connection.name}" ${configProblems(assembled.errors)}`,
    );
  }
  const open = await store.runs.openForConnection(connection.id);
  if (open) {
    throw new HrsyncError(
      'HRS_CONFLICT',
      `A ${open.kind} run (${open.id}) of "${connection.name}" is already ${open.status}; wait for it to finish or cancel it.`,
    );
  }
  const run = await store.runs.enqueue({
    organisationId: connection.organisationId,
    connectionId: connection.id,
    kind,
    employeeNumber: input.employeeNumber ?? null,
    requestedBy: actor.name,
    configHash: assembled.hash,
    maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
  await store.audit.append({
    organisationId: connection.organisationId,
    actor,
    action: 'run.queued',
    outcome: 'success',
    connectionId: connection.id,
    connectionName: connection.name,
    tenantId: connection.tenantId,
    runId: run.id,
    person: run.employeeNumber,
    message: `${kind} run queued${run.employeeNumber ? ` for employee ${run.employeeNumber}` : ''}`,
    details: { kind },
  });
  return run;
}
