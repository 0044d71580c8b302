import type {
  Action,
  AttributeChange,
  ItemError,
  ItemStatus,
  PlannedWrite,
  RunItem,
  RunStep,
} from '../../core/index.ts';

/** What the planner decided for one person: the run item to show and the writes to apply. */
export interface PersonPlan {
  readonly item: RunItem;
  readonly writes: readonly PlannedWrite[];
  /**
   * A new link to store (a matched account), even when nothing else is written: a flag, not the
   * account (the link is made from the item's account id), so the ~45,000 matched persons of a first
   * run do not each carry an object for it while the plan is made.
   */
  readonly newLink: boolean;
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

/** A run item, frozen. */
export function item(
  employeeNumber: string,
  displayName: string,
  action: Action,
  status: ItemStatus,
  accountId: string | null,
  changes: readonly AttributeChange[],
  steps: readonly RunStep[],
  error: ItemError | null = null,
): RunItem {
  return Object.freeze(
    draftItem(employeeNumber, displayName, action, status, accountId, changes, steps, error),
  );
}

/**
 * A run item the planner may still add to (the manager pass sets a manager in place rather than
 * copying the item, its plan and their lists); the planner freezes it when the plan is done.
 */
export function draftItem(
  employeeNumber: string,
  displayName: string,
  action: Action,
  status: ItemStatus,
  accountId: string | null,
  changes: readonly AttributeChange[],
  steps: readonly RunStep[],
  error: ItemError | null = null,
): RunItem {
  return { employeeNumber, displayName, action, status, accountId, changes, steps, error };
}

/** The `applied` values of a plan that keeps none (PlanInput.applies false): shared, frozen. */
export const NOT_KEPT: Readonly<Record<string, import('../../core/index.ts').AttrValue>> = Object.freeze({});

/** A plan with nothing to write. */
export function bare(runItem: RunItem, dropLink = false): PersonPlan {
  return { item: runItem, writes: [], newLink: false, dropLink, applied: {} };
}

/** A person's plan; the fingerprint is there only when there is one (see quarantine-plan.ts). */
export function personPlan(
  runItem: RunItem,
  writes: readonly PlannedWrite[],
  newLink: boolean,
  dropLink: boolean,
  applied: Readonly<Record<string, import('../../core/index.ts').AttrValue>>,
  fingerprint: (() => string) | undefined,
): PersonPlan {
  return fingerprint === undefined
    ? { item: runItem, writes, newLink, dropLink, applied }
    : { item: runItem, writes, newLink, dropLink, applied, fingerprint };
}
