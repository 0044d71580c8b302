import { randomUUID } from 'node:crypto';
import type { UserEntity } from '../../directory/entities.ts';
import { checkSensitiveWrite } from '../../directory/privileged-roles.ts';
import type { PropertySpec } from '../../directory/user-properties.ts';
import {
  bodyProperties,
  prepareNewUser,
  prepareUserChanges,
  syncedObjectError,
} from '../../directory/user-writes.ts';
import { parseExpand, parseSelect } from '../../odata/select.ts';
import { notFound } from '../graph-error.ts';
import { PERMISSIONS, type Principal, requirePermission } from '../principal.ts';
import type { GraphRoute, RouteContext } from '../route-types.ts';
import { checkReadable, usersContext, viewUser, withManager } from '../user-view.ts';

export function findUserOr404(context: RouteContext, key = 'id'): UserEntity {
  const idOrUpn = context.params[key]!;
  const user = context.directory.findUser(idOrUpn);
  if (!user) throw notFound(idOrUpn);
  return user;
}

/** Writing the leave date needs User-LifeCycleInfo.ReadWrite.All; everything else User.ReadWrite.All. */
function checkWritable(principal: Principal, properties: Map<PropertySpec, unknown>): void {
  const specs = [...properties.keys()];
  if (specs.length === 0 || specs.some((spec) => !spec.lifecycle))
    requirePermission(principal, PERMISSIONS.writeUsers);
  if (specs.some((spec) => spec.lifecycle)) requirePermission(principal, PERMISSIONS.writeLifecycle);
}

export const userRoutes: readonly GraphRoute[] = [
  {
    method: 'POST',
    template: '/users',
    handle(context) {
      const properties = bodyProperties(context.request.body);
      checkWritable(context.principal, properties);
      const select = parseSelect(context.request.query.get('$select'));
      const user = prepareNewUser(properties, context.directory, randomUUID(), context.state.now());
      context.directory.addUser(user);
      return {
        status: 201,
        headers: { Location: `${context.graphBase}/users/${user.id}` },
        body: { '@odata.context': usersContext(context.graphBase, select, true), ...viewUser(user, select) },
      };
    },
  },
  {
    method: 'GET',
    template: '/users/{id}',
    handle(context) {
      const select = parseSelect(context.request.query.get('$select'));
      checkReadable(context.principal, select);
      const expand = parseExpand(context.request.query.get('$expand'));
      const user = findUserOr404(context);
      const view = viewUser(user, select);
      return {
        status: 200,
        body: {
          '@odata.context': usersContext(context.graphBase, select, true),
          ...(expand ? withManager(view, user, context.directory, expand.select) : view),
        },
      };
    },
  },
  {
    method: 'PATCH',
    template: '/users/{id}',
    handle(context) {
      const properties = bodyProperties(context.request.body);
      checkWritable(context.principal, properties);
      const user = findUserOr404(context);
      checkSensitiveWrite(context.directory, user, properties);
      const changes = prepareUserChanges(properties, user, context.directory);
      context.directory.updateUser(user, changes);
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    template: '/users/{id}',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.writeUsers);
      const user = findUserOr404(context);
      if (user.onPremisesSyncEnabled === true) throw syncedObjectError();
      checkSensitiveWrite(context.directory, user, 'delete');
      context.directory.softDelete(user);
      return { status: 204 };
    },
  },
];
