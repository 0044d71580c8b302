/**
 * What a finished run changes besides itself: a successful simulation records which configuration
 * was simulated (activation needs it), a successful sync sets the last sync time, and the audit log
 * gets the run's outcome.
 */
import { RUN_OUTCOME_INFO, runOutcome } from '../contracts/run-outcomes.ts';
import type { Actor, Run, Store } from '../store/index.ts';
import { assembleConfig } from './connection-config.ts';

export const WORKER_ACTOR: Actor = { type: 'system', id: null, name: 'worker' };

export async function applyRunEffects(store: Store, run: Run): Promise<void> {
  const connection = await store.connections.get(run.organisationId, run.connectionId);
  if (!connection) return;
  if (
    run.kind === 'simulation' &&
    // A blocked simulation simulated this configuration too: it shows the sync will wait for approval.
    (run.status === 'succeeded' || run.status === 'blocked') &&
    run.configHash !== null &&
    connection.progress >= 4
  ) {
    const tenant =
      connection.tenantId === null
        ? null
        : await store.tenants.get(connection.organisationId, connection.tenantId);
    const current = assembleConfig(connection, tenant);
    const isCurrent = current.ok && current.hash === run.configHash;
    await store.connections.update(connection.organisationId, connection.id, {
      simulatedConfigHash: run.configHash,
      ...(isCurrent ? { progress: 5 } : {}),
    });
  }
  if (run.kind === 'sync' && run.status === 'succeeded') {
    await store.connections.update(connection.organisationId, connection.id, { lastSyncAt: run.finishedAt });
  }
  // The audit log speaks the same outcome vocabulary as the API, the CLI and the console.
  const runResult = runOutcome(run.status, run.counts?.statuses) ?? 'failed';
  const info = RUN_OUTCOME_INFO[runResult];
  const outcome = info.audit;
  const action =
    run.status === 'blocked' ? 'run.blocked' : run.status === 'cancelled' ? 'run.cancelled' : 'run.finished';
  const summary =
    run.status === 'blocked'
      ? `${run.kind} run blocked: ${run.blockedReason ?? 'a safety threshold fired'}; nothing was applied`
      : run.status === 'failed'
        ? `${run.kind} run failed: ${run.error?.code} ${run.error?.message}`
        : `${run.kind} run: ${info.label.toLowerCase()}`;
  await store.audit.append({
    organisationId: run.organisationId,
    actor: WORKER_ACTOR,
    action,
    outcome,
    connectionId: connection.id,
    connectionName: connection.name,
    tenantId: connection.tenantId,
    runId: run.id,
    person: run.employeeNumber,
    message: summary,
    details: {
      kind: run.kind,
      status: run.status,
      outcome: runResult,
      counts: run.counts,
      attempt: run.attempt,
    },
  });
}
