import { HrsyncError } from '../../core/index.ts';
import type { Connection, Run, Store, Tenant } from '../../store/index.ts';
import type { Caller } from '../auth/caller.ts';

/**
 * Every lookup is scoped to the caller's organisation: another organisation's id is answered
 * exactly like an id that does not exist (invariant 7).
 */
export async function loadConnection(
  store: Store,
  caller: Caller,
  id: string,
  lock = false,
): Promise<Connection> {
  const connection = await store.connections.get(caller.organisationId, id, { lock });
  if (!connection)
    throw new HrsyncError('HRS_NOT_FOUND', `Connection ${id} was not found in your organisation.`);
  return connection;
}

export async function loadTenant(store: Store, caller: Caller, id: string): Promise<Tenant> {
  const tenant = await store.tenants.get(caller.organisationId, id);
  if (!tenant) throw new HrsyncError('HRS_NOT_FOUND', `Tenant ${id} was not found in your organisation.`);
  return tenant;
}

export async function loadRun(store: Store, caller: Caller, id: string): Promise<Run> {
  const run = await store.runs.get(caller.organisationId, id);
  if (!run) throw new HrsyncError('HRS_NOT_FOUND', `Run ${id} was not found in your organisation.`);
  return run;
}

export function requireActiveSubscription(tenant: Tenant): void {
  if (!tenant.subscriptionActive) {
    throw new HrsyncError(
      'HRS_SUBSCRIPTION_INACTIVE',
      `Tenant "${tenant.name}" has no active User Management subscription; activate it before creating or activating connections for this tenant.`,
    );
  }
}

/** Unique-name violations from the store become a 409 that names the clash. */
export function nameTaken(kind: string, name: string): HrsyncError {
  return new HrsyncError(
    'HRS_CONFLICT',
    `A ${kind} named "${name}" already exists in your organisation; choose another name.`,
  );
}
