import type {
  Action,
  AttributeChange,
  ItemStatus,
  PlannedWrite,
  RunItem,
  RunStep,
} from '../../core/index.ts';

/** What the planner decided for one person: the run item to show and the writes to apply. */
export interface PersonPlan {
  readonly item: RunItem;
  readonly writes: readonly PlannedWrite[];
  /** A new link to store (a matched account), even when nothing else is written. */
  readonly newLink: { readonly accountId: string } | null;
  /** A stale link to drop (its account no longer exists). */
  readonly dropLink: boolean;
  /** Values hrsync now owns for this account: stored as the link's `applied` after a successful apply. */
  readonly applied: Readonly<Record<string, import('../../core/index.ts').AttrValue>>;
  /** Groups and licences hrsync will have granted once the entitlement writes succeed. */
  readonly granted?: import('../../core/index.ts').GrantedEntitlements;
  /**
   * The quarantine fingerprint (configuration + mapped values), kept if the target refuses the person;
   * hashed on first call (only refused persons need it).
   */
  readonly fingerprint?: () => string;
}

/** One licence pool in this run: what is free, freed, wanted and short. */
export interface LicencePool {
  readonly skuId: string;
  readonly name: string;
  readonly enabled: number;
  readonly consumed: number;
  readonly freed: number;
  readonly wanted: number;
  readonly short: number;
}

export interface Plan {
  readonly persons: readonly PersonPlan[];
  /** Accounts the planner counts as managed (linked or matched): the base for percent thresholds. */
  readonly managedAccounts: number;
  readonly sourceCount: number;
  /** Licence pools the entitlement rules draw on (absent without licence rules). */
  readonly licencePools?: readonly LicencePool[];
}

export function item(
  employeeNumber: string,
  displayName: string,
  action: Action,
  status: ItemStatus,
  accountId: string | null,
  changes: readonly AttributeChange[],
  steps: readonly RunStep[],
  error: { code: string; message: string; accounts?: readonly string[] } | null = null,
) {
  return Object.freeze({ employeeNumber, displayName, action, status, accountId, changes, steps, error });
}
