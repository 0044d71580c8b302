import { syncedObjectError } from '../../directory/user-writes.ts';
import { parseSelect } from '../../odata/select.ts';
import { badRequest, GraphError, notFound } from '../graph-error.ts';
import { PERMISSIONS, requirePermission } from '../principal.ts';
import type { GraphRoute } from '../route-types.ts';
import { checkReadable, viewUser } from '../user-view.ts';
import { findUserOr404 } from './users.ts';

const noManager = (): GraphError =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
  );

/** The object id in an `{"@odata.id": "https://graph.microsoft.com/v1.0/users/{id}"}` reference body. */
export function referencedId(body: unknown): string {
  const ref = body && typeof body === 'object' ? (body as Record<string, unknown>)['@odata.id'] : undefined;
  const match = typeof ref === 'string' ? /\/(?:users|directoryObjects)\/([^/?#]+)\/?$/i.exec(ref) : null;
  if (!match) {
    throw badRequest(`Invalid object identifier '${typeof ref === 'string' ? ref : ''}'.`, [
      { target: '@odata.id', code: 'InvalidValue' },
    ]);
  }
  return decodeURIComponent(match[1]!);
}

export const managerRoutes: readonly GraphRoute[] = [
  {
    method: 'GET',
    template: '/users/{id}/manager',
    handle(context) {
      const select = parseSelect(context.request.query.get('$select'));
      checkReadable(context.principal, select);
      const user = findUserOr404(context);
      const manager = user.managerId ? context.directory.activeUser(user.managerId) : undefined;
      if (!manager) throw noManager();
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#directoryObjects/$entity`,
          '@odata.type': '#microsoft.graph.user',
          ...viewUser(manager, select),
        },
      };
    },
  },
  {
    method: 'PUT',
    template: '/users/{id}/manager/$ref',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.writeUsers);
      const managerId = referencedId(context.request.body);
      const user = findUserOr404(context);
      const manager = context.directory.findUser(managerId);
      if (!manager) throw notFound(managerId);
      if (user.onPremisesSyncEnabled === true) throw syncedObjectError();
      if (manager.id === user.id) throw badRequest('A user cannot be their own manager.');
      if (user.managerId !== manager.id) context.directory.updateUser(user, { managerId: manager.id });
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    template: '/users/{id}/manager/$ref',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.writeUsers);
      const user = findUserOr404(context);
      if (!user.managerId) throw noManager();
      if (user.onPremisesSyncEnabled === true) throw syncedObjectError();
      context.directory.updateUser(user, { managerId: null });
      return { status: 204 };
    },
  },
];
