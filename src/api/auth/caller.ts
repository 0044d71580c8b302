import type { Access } from '../../contracts/index.ts';
import type { Role } from '../../core/index.ts';
import type { Actor, SessionAssurance } from '../../store/index.ts';

/** Who is calling, resolved once per request from the session cookie or the bearer token. */
export interface Caller {
  readonly organisationId: string;
  readonly role: Role;
  readonly actor: Actor;
  readonly via: 'session' | 'token';
  readonly userId: string | null;
  readonly user: { readonly id: string; readonly email: string; readonly name: string } | null;
  /** sha-256 of the session cookie, so sign-out can end exactly this session. */
  readonly sessionHash: string | null;
  /** How the session was established; null for API tokens. */
  readonly assurance: SessionAssurance | null;
  /**
   * The organisation requires admins to use a second factor and this admin's session has none: only
   * the enrolment (and who-am-I, sign-out) may be called until one is set up.
   */
  readonly mustEnrolSecondFactor: boolean;
}

const RANK: Readonly<Record<Role, number>> = { viewer: 1, operator: 2, admin: 3 };

export function allows(role: Role, access: Access): boolean {
  return access === 'public' || RANK[role] >= RANK[access];
}

/** The lesser of two roles. */
export const lowerRole = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);

/** A token may not carry more rights than its creator's role allowed. */
export const roleAtMost = (wanted: Role, ceiling: Role): boolean => RANK[wanted] <= RANK[ceiling];
