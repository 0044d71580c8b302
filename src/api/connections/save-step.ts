/**
 * Saving one configuration step: validate just that step, compute what changed, move progress and
 * state by the rules in progress.ts and the transition table, and store it. Scheduling stops when a
 * change takes an active connection out of `active`.
 */
import { transition } from '../../contracts/index.ts';
import type { ConnectionState } from '../../core/index.ts';
import { HrsyncError } from '../../core/index.ts';
import type { Connection, Store, StoredConfig, Tenant } from '../../store/index.ts';
import { changedPaths } from './diff.ts';
import { afterStepSaved, canSaveStep } from './progress.ts';
import { type ConfigStep, validateStep } from './validate-step.ts';

export interface StepChange {
  readonly sections: Partial<StoredConfig>;
  readonly tenantId?: string | null;
  /** Secret fields that changed (named in the audit log, never shown). */
  readonly secretsChanged?: readonly string[];
}

export interface StepSaved {
  readonly connection: Connection;
  readonly changed: readonly string[];
  readonly stateBefore: ConnectionState;
  readonly stateAfter: ConnectionState;
}

export function assertStepOpen(connection: Connection, step: ConfigStep): void {
  const check = canSaveStep(connection.progress, step);
  if (!check.ok) throw new HrsyncError('HRS_INVALID_STATE', check.message);
}

/** The step's sections as stored, after validation filled in defaults. */
export function sectionsOf(
  step: ConfigStep,
  connection: Connection,
  tenant: Tenant | null,
): Partial<StoredConfig> {
  const config = validateStep(step, connection, tenant);
  switch (step) {
    case 1:
      return { source: config.source };
    case 2:
      return { destination: { defaultDomain: config.target.defaultDomain } };
    case 3:
      return {
        mapping: config.mapping,
        matching: config.matching,
        uniqueness: config.uniqueness,
        writeBack: config.writeBack,
        // No rules is stored as none at all: saving step 3 unchanged changes nothing.
        entitlements: config.entitlements?.length ? config.entitlements : undefined,
      };
    case 4:
      return {
        scope: config.scope,
        persons: config.persons,
        lifecycle: config.lifecycle,
        thresholds: config.thresholds,
        timeZone: config.timeZone,
      };
  }
}

export async function saveStep(
  store: Store,
  connection: Connection,
  step: ConfigStep,
  change: StepChange,
  tenant: Tenant | null,
): Promise<StepSaved> {
  assertStepOpen(connection, step);
  const candidate: Connection = {
    ...connection,
    tenantId: change.tenantId === undefined ? connection.tenantId : change.tenantId,
    config: { ...connection.config, ...change.sections },
  };
  const sections = sectionsOf(step, candidate, tenant);
  const before = Object.fromEntries(
    Object.keys(sections).map((k) => [k, connection.config[k as keyof StoredConfig]]),
  );
  const changed = [
    // A new secret id is reported as the secret's field (via secretsChanged), not as an id.
    ...changedPaths(before, sections).filter((p) => !p.endsWith('/stored')),
    ...(candidate.tenantId !== connection.tenantId ? ['/tenantId'] : []),
    ...(change.secretsChanged ?? []),
  ];
  const next = afterStepSaved(connection.state, connection.progress, step, changed.length > 0);
  if (next.state !== connection.state) {
    const moved = transition(connection.state, next.state);
    if (!moved.ok) throw new HrsyncError('HRS_INVALID_STATE', moved.message);
  }
  const updated = await store.connections.update(connection.organisationId, connection.id, {
    config: { ...connection.config, ...sections },
    tenantId: candidate.tenantId,
    progress: next.progress,
    state: next.state,
    ...(next.state !== 'active' && connection.state === 'active' ? { nextRunAt: null } : {}),
  });
  if (!updated) throw new HrsyncError('HRS_NOT_FOUND', `Connection ${connection.id} was not found.`);
  return { connection: updated, changed, stateBefore: connection.state, stateAfter: next.state };
}
