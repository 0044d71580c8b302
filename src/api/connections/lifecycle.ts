/** Activate and deactivate: the state table decides, activation also needs a current simulation. */
import { type ConnectionOperation, checkOperation, transition } from '../../contracts/index.ts';
import { type ConnectionState, HrsyncError } from '../../core/index.ts';
import { nextRunAt } from '../../jobs/schedule.ts';
import type { Connection, Store, Tenant } from '../../store/index.ts';
import { simulationCurrent } from '../dto/connections.ts';
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

export function assertActivatable(connection: Connection, tenant: Tenant | null): void {
  assertOperation('activate', connection);
  if (tenant === null)
    throw new HrsyncError('HRS_INVALID_STATE', 'Choose the destination tenant (step 2) first.');
  requireActiveSubscription(tenant);
  if (!simulationCurrent(connection, tenant)) {
    throw new HrsyncError(
      'HRS_INVALID_STATE',
      connection.simulatedConfigHash === null
        ? `Cannot activate "${connection.name}" in state "${connection.state}": run a simulation first.`
        : `Cannot activate "${connection.name}" in state "${connection.state}": the configuration changed since the last successful simulation; simulate again.`,
    );
  }
  assertTransition(connection.state, 'active');
}

export async function activate(
  store: Store,
  connection: Connection,
  tenant: Tenant | null,
): Promise<Connection> {
  assertActivatable(connection, tenant);
  const updated = await store.connections.update(connection.organisationId, connection.id, {
    state: 'active',
    progress: 5,
    nextRunAt: scheduledNext(connection, store.clock.now()),
  });
  return updated ?? connection;
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
