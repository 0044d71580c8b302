/** Activate and deactivate: the state table decides, activation also needs a current simulation. */
import { type ConnectionOperation, checkOperation, transition } from '../../contracts/index.ts';
import { type ConnectionState, HrsyncError } from '../../core/index.ts';
import { nextRunAt } from '../../jobs/schedule.ts';
import type { Connection, Store, Tenant } from '../../store/index.ts';
import { connectionGate } from '../dto/connections.ts';
import { DEFAULT_TIME_ZONE } from './defaults.ts';
import { requireActiveSubscription } from './load.ts';

export function assertOperation(operation: ConnectionOperation, connection: Connection): void {
  const check = checkOperation(operation, connection.state);
  if (!check.ok) throw new HrsyncError('HRS_INVALID_STATE', check.message);
}

function assertTransition(from: ConnectionState, to: ConnectionState): void {
  const moved = transition(from, to);
  if (!moved.ok) throw new HrsyncError('HRS_INVALID_STATE', moved.message);
}

export function scheduledNext(connection: Connection, now: string): string | null {
  if (connection.schedule === null) return null;
  return nextRunAt(connection.schedule, connection.config.timeZone ?? DEFAULT_TIME_ZONE, now);
}

/**
 * The activation gate: the state table, a tenant with an active subscription, and the latest
 * simulation of the current configuration. `anyway` is an admin's written reason to activate although
 * that simulation was blocked or had failed or conflicting persons; it never overrides a refusal.
 */
export async function assertActivatable(
  store: Store,
  connection: Connection,
  tenant: Tenant | null,
  anyway?: { readonly reason: string },
): Promise<{ readonly overridden: string | null; readonly simulationId: string | null }> {
  assertOperation('activate', connection);
  if (tenant === null)
    throw new HrsyncError('HRS_INVALID_STATE', 'Choose the destination tenant (step 2) first.');
  requireActiveSubscription(tenant);
  const { gate, simulation } = await connectionGate(store, connection, tenant);
  if (gate.kind === 'refused')
    throw new HrsyncError('HRS_INVALID_STATE', `Cannot activate "${connection.name}": ${gate.reason}`);
  if (gate.kind === 'needs-reason' && anyway === undefined)
    throw new HrsyncError('HRS_INVALID_STATE', `Cannot activate "${connection.name}": ${gate.reason}`);
  assertTransition(connection.state, 'active');
  return {
    overridden: gate.kind === 'needs-reason' ? gate.reason : null,
    simulationId: simulation?.runId ?? null,
  };
}

export async function activate(
  store: Store,
  connection: Connection,
  tenant: Tenant | null,
  anyway?: { readonly reason: string },
): Promise<{
  readonly connection: Connection;
  readonly overridden: string | null;
  readonly simulationId: string | null;
}> {
  const verdict = await assertActivatable(store, connection, tenant, anyway);
  const updated = await store.connections.update(connection.organisationId, connection.id, {
    state: 'active',
    progress: 5,
    nextRunAt: scheduledNext(connection, store.clock.now()),
  });
  return { connection: updated ?? connection, ...verdict };
}

export async function deactivate(store: Store, connection: Connection): Promise<Connection> {
  assertOperation('deactivate', connection);
  assertTransition(connection.state, 'deactivated');
  const updated = await store.connections.update(connection.organisationId, connection.id, {
    state: 'deactivated',
    nextRunAt: null,
  });
  return updated ?? connection;
}
