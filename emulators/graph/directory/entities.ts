import type { GraphUserRecord } from '../../demo-data/types.ts';

/** A stored user: the dataset's record plus any other Graph property a client has set. */
export interface UserEntity extends GraphUserRecord {
  [property: string]: unknown;
}

export interface DeletedUser {
  readonly user: UserEntity;
  readonly deletedDateTime: string;
}

/** Why a user disappears from a delta round: soft-deleted (`changed`) or purged (`deleted`). */
export type RemovalReason = 'changed' | 'deleted';

export interface DeltaChange {
  readonly id: string;
  /** Present when the user is gone (soft-deleted or purged) at the time of the call. */
  readonly removed?: RemovalReason;
}

/** `2025-02-01T00:00:00Z`: Graph renders DateTimeOffset values in UTC without fractions. */
export function graphDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
