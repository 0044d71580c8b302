import type { Static } from '@sinclair/typebox';
import type { ConnectionDetailsDto, ConnectionSummaryDto, StepStatusDto } from '../../contracts/index.ts';
import {
  type ActivationGate,
  activationGate,
  CONFIGURATION_STEPS,
  runOutcome,
  type SimulationVerdict,
} from '../../contracts/index.ts';
import { assembleConfig } from '../../jobs/connection-config.ts';
import type { Connection, ConnectionListEntry, Store, Tenant } from '../../store/index.ts';
import { DEFAULT_TIME_ZONE } from '../connections/defaults.ts';
import { placementWarning } from '../connections/placement-warning.ts';
import { sameTenantWarning } from '../connections/same-tenant.ts';
import { toRunDto } from './runs.ts';

type Summary = Static<typeof ConnectionSummaryDto>;
type Details = Static<typeof ConnectionDetailsDto>;

export function stepStatuses(progress: number): Static<typeof StepStatusDto>[] {
  return CONFIGURATION_STEPS.map((name, i) => {
    const number = i + 1;
    const status = number <= progress ? 'done' : number === progress + 1 ? 'current' : 'locked';
    return { number, name, status };
  });
}

export function toConnectionSummary(entry: ConnectionListEntry): Summary {
  const c = entry.connection;
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    state: c.state,
    sourceSystem: c.sourceSystem,
    destinationType: c.destinationType,
    progress: c.progress,
    tenant: c.tenantId === null ? null : { id: c.tenantId, name: entry.tenantName ?? '' },
    customer: entry.customerId === null ? null : { id: entry.customerId, name: entry.customerName ?? '' },
    lastSyncAt: c.lastSyncAt,
    nextRunAt: c.nextRunAt,
    timeZone: c.config.timeZone ?? DEFAULT_TIME_ZONE,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** The latest finished simulation of the connection, judged against the configuration saved now. */
export async function simulationVerdict(
  store: Store,
  connection: Connection,
  tenant: Tenant | null,
): Promise<SimulationVerdict | null> {
  const runs = await store.runs.listForConnection(connection.organisationId, connection.id, 1, 50);
  const run = runs.items.find(
    (r) => r.kind === 'simulation' && r.status !== 'queued' && r.status !== 'running',
  );
  if (run === undefined) return null;
  const assembled = assembleConfig(connection, tenant);
  return {
    runId: run.id,
    current: assembled.ok && run.configHash !== null && assembled.hash === run.configHash,
    outcome: runOutcome(run.status, run.counts?.statuses),
    failed: run.counts?.statuses.failed ?? 0,
    conflicts: run.counts?.actions.conflict ?? 0,
  };
}

export async function connectionGate(
  store: Store,
  connection: Connection,
  tenant: Tenant | null,
): Promise<{ gate: ActivationGate; simulation: SimulationVerdict | null }> {
  const simulation = await simulationVerdict(store, connection, tenant);
  return { gate: activationGate(connection.state, simulation), simulation };
}

/** True when the last successful simulation was of exactly the configuration saved now. */
export function simulationCurrent(connection: Connection, tenant: Tenant | null): boolean {
  if (connection.simulatedConfigHash === null) return false;
  const assembled = assembleConfig(connection, tenant);
  return assembled.ok && assembled.hash === connection.simulatedConfigHash;
}

export async function connectionDetails(store: Store, connection: Connection): Promise<Details> {
  const tenant =
    connection.tenantId === null
      ? null
      : await store.tenants.get(connection.organisationId, connection.tenantId);
  const customer =
    tenant === null ? null : await store.customers.get(connection.organisationId, tenant.customerId);
  const organisation = await store.organisations.get(connection.organisationId);
  const latest = await store.runs.latestForConnection(connection.organisationId, connection.id);
  const { gate, simulation } = await connectionGate(store, connection, tenant);
  const sameTenant = await sameTenantWarning(
    store,
    connection.organisationId,
    connection.id,
    connection.tenantId,
  );
  return {
    ...toConnectionSummary({
      connection,
      tenantName: tenant?.name ?? null,
      customerId: customer?.id ?? null,
      customerName: customer?.name ?? null,
    }),
    organisation: { id: connection.organisationId, name: organisation?.name ?? '' },
    schedule: connection.schedule,
    simulationCurrent: simulationCurrent(connection, tenant),
    latestRun: latest === null ? null : toRunDto(latest),
    activation: { kind: gate.kind, reason: gate.reason, simulationId: simulation?.runId ?? null },
    steps: stepStatuses(connection.progress),
    warnings: [sameTenant, placementWarning(connection, tenant)]
      .filter((w) => w !== null)
      .map((w) => ({ ...w, connections: [...w.connections] })),
  };
}
