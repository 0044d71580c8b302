import type { DeletedUser } from '../../directory/entities.ts';
import { parseSelect } from '../../odata/select.ts';
import { notFound } from '../graph-error.ts';
import { PERMISSIONS, requirePermission } from '../principal.ts';
import type { GraphRoute, RouteContext } from '../route-types.ts';
import { checkReadable, viewUser } from '../user-view.ts';

function findDeletedOr404(context: RouteContext): DeletedUser {
  const id = context.params.id!;
  const deleted = context.directory.findDeleted(id);
  if (!deleted) throw notFound(id);
  return deleted;
}

const deletedView = (deleted: DeletedUser, select: readonly string[] | undefined) => ({
  '@odata.type': '#microsoft.graph.user',
  ...viewUser(deleted.user, select),
  deletedDateTime: deleted.deletedDateTime,
});

/** Soft-deleted users: listed, restorable and purgeable like `/directory/deletedItems` in Entra. */
export const deletedItemRoutes: readonly GraphRoute[] = [
  {
    method: 'GET',
    template: '/directory/deletedItems/microsoft.graph.user',
    handle(context) {
      const select = parseSelect(context.request.query.get('$select'));
      checkReadable(context.principal, select);
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#directoryObjects/microsoft.graph.user`,
          value: [...context.directory.deletedUsers()].map((d) => deletedView(d, select)),
        },
      };
    },
  },
  {
    method: 'GET',
    template: '/directory/deletedItems/{id}',
    handle(context) {
      const select = parseSelect(context.request.query.get('$select'));
      checkReadable(context.principal, select);
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#directoryObjects/$entity`,
          ...deletedView(findDeletedOr404(context), select),
        },
      };
    },
  },
  {
    method: 'POST',
    template: '/directory/deletedItems/{id}/restore',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.writeUsers);
      const user = context.directory.restore(findDeletedOr404(context));
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#directoryObjects/$entity`,
          '@odata.type': '#microsoft.graph.user',
          ...viewUser(user, undefined),
        },
      };
    },
  },
  {
    method: 'DELETE',
    template: '/directory/deletedItems/{id}',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.writeUsers);
      context.directory.purge(findDeletedOr404(context));
      return { status: 204 };
    },
  },
];
