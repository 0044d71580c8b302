/**
 * Whether the signed-in role may call an endpoint, read from the endpoint's own `access`
 * declaration: the console hides exactly what the service would refuse with HRS_FORBIDDEN.
 * The ranking mirrors the server's (src/api/auth/caller.ts): viewer < operator < admin.
 */
import type { Access, Endpoint, Role } from '../api/contracts.ts';

const RANK: Readonly<Record<Role, number>> = { viewer: 1, operator: 2, admin: 3 };

export const allows = (role: Role, access: Access): boolean =>
  access === 'public' || RANK[role] >= RANK[access];

export const mayCall = (role: Role, e: Pick<Endpoint, 'access'>): boolean => allows(role, e.access);
