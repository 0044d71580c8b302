import type { GrantedEntitlements } from './entitlements.ts';
import type { Attributes } from './values.ts';

/** An account in the target (an Entra user or an AD user), with the attributes that were read. */
export interface Account {
  readonly id: string;
  readonly attributes: Attributes;
}

/** The remembered pair employee number ↔ account id, plus what hrsync last applied. */
export interface Link {
  readonly employeeNumber: string;
  readonly accountId: string;
  readonly applied: Attributes;
  readonly linkedAt: string;
  readonly updatedAt: string;
  /** Groups and licences hrsync granted this account (absent: none). */
  readonly granted?: GrantedEntitlements;
}
