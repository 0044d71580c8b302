import type { StepReason } from './step-reasons.ts';
import type { Attributes, AttrValue } from './values.ts';
import type { Action, ItemStatus } from './vocabulary.ts';

export interface AttributeChange {
  readonly attribute: string;
  readonly old: AttrValue;
  readonly new: AttrValue;
}

/**
 * One write the planner wants. A tagged union on `kind`: simulation only records these, sync and
 * on-demand hand them to the target writer. Frozen once planned.
 */
export type PlannedWrite =
  | {
      readonly kind: 'create';
      readonly employeeNumber: string;
      readonly attributes: Attributes;
      readonly enabled: boolean;
    }
  | {
      readonly kind: 'update';
      readonly employeeNumber: string;
      readonly accountId: string;
      readonly changes: readonly AttributeChange[];
    }
  | { readonly kind: 'enable'; readonly employeeNumber: string; readonly accountId: string }
  | { readonly kind: 'disable'; readonly employeeNumber: string; readonly accountId: string }
  | { readonly kind: 'delete'; readonly employeeNumber: string; readonly accountId: string }
  | {
      readonly kind: 'set-manager';
      readonly employeeNumber: string;
      /** Null when the account is created in this run; resolved after the create. */
      readonly accountId: string | null;
      readonly managerEmployeeNumber: string | null;
      readonly managerAccountId: string | null;
      readonly oldManagerAccountId: string | null;
    }
  | {
      readonly kind: 'write-back';
      readonly employeeNumber: string;
      readonly changes: readonly AttributeChange[];
    }
  | EntitlementWrite;

/**
 * Group memberships and licences from entitlement rules (see engine/plan/entitlements.ts). The
 * account id is null when the account is created in this run; it is resolved after the create.
 */
export type EntitlementWrite =
  | {
      readonly kind: 'add-to-group' | 'remove-from-group';
      readonly employeeNumber: string;
      readonly accountId: string | null;
      readonly groupId: string;
      readonly groupName: string;
    }
  | {
      readonly kind: 'assign-licences';
      readonly employeeNumber: string;
      readonly accountId: string | null;
      readonly add: readonly LicenceAssignment[];
      /** SKU ids to take away. */
      readonly remove: readonly string[];
    };

export interface LicenceAssignment {
  readonly skuId: string;
  /** Service plans left off. */
  readonly disabledPlans: readonly string[];
}

export const ENTITLEMENT_WRITE_KINDS = ['add-to-group', 'remove-from-group', 'assign-licences'] as const;

export type PlannedWriteKind = PlannedWrite['kind'];

export const STEP_NAMES = ['read', 'scope', 'match', 'plan', 'guard', 'apply'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** One line of "what happened to this person", as the console's detail panel shows it. */
export interface RunStep {
  readonly step: StepName;
  readonly status: ItemStatus;
  /** The engine's own detail (what it compared and found): the raw text behind the words. */
  readonly message: string;
  /** Why, as a code and parameters; put into words where shown (contracts/item-reasons.ts). */
  readonly reason?: StepReason;
}

export interface ItemError {
  readonly code: string;
  readonly message: string;
  /** A conflict: the accounts the person could be linked to (the run page offers them). */
  readonly accounts?: readonly string[];
}

/** What happened to one person in one run. */
export interface RunItem {
  readonly employeeNumber: string;
  readonly displayName: string;
  readonly action: Action;
  readonly status: ItemStatus;
  readonly accountId: string | null;
  readonly changes: readonly AttributeChange[];
  readonly steps: readonly RunStep[];
  readonly error: ItemError | null;
}

export type ActionCounts = Readonly<Record<Action, number>>;
export type StatusCounts = Readonly<Record<ItemStatus, number>>;
