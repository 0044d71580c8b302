/**
 * Sensitive actions on administrators. Graph lets an app with User.ReadWrite.All change
 * accountEnabled, businessPhones, mobilePhone, otherMails and passwordProfile — and delete the user —
 * only for users who hold no administrator role or one of a few limited roles; for anyone else the
 * app itself needs a higher privileged administrator role ("Who can perform sensitive actions" in
 * the Entra built-in roles; user-update's permission notes). The emulator's apps hold no
 * administrator role, so such a write is answered 403 Authorization_RequestDenied — the same answer
 * a missing permission gets, which is why a client can only tell the two apart by its own token.
 */
import { insufficientPrivileges } from '../graph/graph-error.ts';
import type { Directory } from './directory.ts';
import type { UserEntity } from './entities.ts';
import type { PropertySpec } from './user-properties.ts';

/** Roles whose holders an app with User.ReadWrite.All may still change (by role template id). */
const LIMITED_ROLES = new Set([
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', // Directory Readers
  '95e79109-95c0-4d8e-aee3-d01accf2d47b', // Guest Inviter
  '729827e3-9c14-49f7-bb1b-9608f156bbb8', // Helpdesk Administrator
  '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b', // Message Center Reader
  '4a5d8f65-41da-4de4-8968-e035b65339cf', // Reports Reader
]);

const SENSITIVE = new Set([
  'accountEnabled',
  'businessPhones',
  'mobilePhone',
  'otherMails',
  'passwordProfile',
]);

/** The privileged administrator role the user holds, if any. */
export function privilegedRoleOf(directory: Directory, user: UserEntity): string | undefined {
  const id = user.id.toLowerCase();
  return directory.directoryRoles.find((r) => !LIMITED_ROLES.has(r.roleTemplateId) && r.members.includes(id))
    ?.displayName;
}

/** Refuses a PATCH touching a sensitive property, or a DELETE, of a privileged administrator. */
export function checkSensitiveWrite(
  directory: Directory,
  user: UserEntity,
  properties: ReadonlyMap<PropertySpec, unknown> | 'delete',
): void {
  const sensitive = properties === 'delete' || [...properties.keys()].some((p) => SENSITIVE.has(p.name));
  if (sensitive && privilegedRoleOf(directory, user) !== undefined) throw insufficientPrivileges();
}
