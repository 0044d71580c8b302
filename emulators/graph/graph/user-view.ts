import type { Directory } from '../directory/directory.ts';
import type { UserEntity } from '../directory/entities.ts';
import { DEFAULT_USER_SELECT, userProperty } from '../directory/user-properties.ts';
import { PERMISSIONS, type Principal, requirePermission } from './principal.ts';

const EXTENSION_ATTRIBUTES = Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`);

/** A user as Graph returns it: the selected (or default) properties, unset ones as null or []. */
export function viewUser(user: UserEntity, select: readonly string[] | undefined): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const name of select ?? DEFAULT_USER_SELECT) view[name] = propertyValue(user, name);
  return view;
}

function propertyValue(user: UserEntity, name: string): unknown {
  const spec = userProperty(name);
  if (!spec || spec.writeOnly) return null;
  const value = user[spec.name];
  if (spec.name === 'onPremisesExtensionAttributes') {
    const set = (value ?? {}) as Record<string, unknown>;
    return Object.fromEntries(EXTENSION_ATTRIBUTES.map((key) => [key, set[key] ?? null]));
  }
  if (spec.kind === 'strings' || spec.kind === 'licenses')
    return Array.isArray(value) ? structuredClone(value) : [];
  if (value === undefined) return null;
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/** Adds `manager` for `$expand=manager`; Graph leaves it out when there is none. */
export function withManager(
  view: Record<string, unknown>,
  user: UserEntity,
  directory: Directory,
  select: readonly string[] | undefined,
): Record<string, unknown> {
  const manager = user.managerId ? directory.activeUser(user.managerId) : undefined;
  if (!manager) return view;
  return { ...view, manager: { '@odata.type': '#microsoft.graph.user', ...viewUser(manager, select) } };
}

/** Reading the leave date needs a lifecycle permission on top of reading users. */
export function checkReadable(principal: Principal, select: readonly string[] | undefined): void {
  requirePermission(principal, PERMISSIONS.readUsers);
  if (select?.includes('employeeLeaveDateTime')) requirePermission(principal, PERMISSIONS.readLifecycle);
}

export function usersContext(
  graphBase: string,
  select: readonly string[] | undefined,
  entity = false,
): string {
  const projection = select ? `(${select.join(',')})` : '';
  return `${graphBase}/$metadata#users${projection}${entity ? '/$entity' : ''}`;
}
