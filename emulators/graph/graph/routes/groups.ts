import type { GraphGroupRecord } from '../../../demo-data/types.ts';
import { parseSelect } from '../../odata/select.ts';
import { badRequest, notFound } from '../graph-error.ts';
import { PERMISSIONS, requirePermission } from '../principal.ts';
import type { GraphRoute, RouteContext } from '../route-types.ts';
import { checkReadable, viewUser } from '../user-view.ts';
import { referencedId } from './manager.ts';

function findGroupOr404(context: RouteContext): GraphGroupRecord {
  const id = context.params.groupId!;
  const group = context.directory.groups.get(id.toLowerCase());
  if (!group) throw notFound(id);
  return group;
}

const groupView = (group: GraphGroupRecord) => ({ id: group.id, displayName: group.displayName });

export const groupRoutes: readonly GraphRoute[] = [
  {
    method: 'GET',
    template: '/groups',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.readGroups);
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#groups`,
          value: [...context.directory.groups.values()].map(groupView),
        },
      };
    },
  },
  {
    method: 'GET',
    template: '/groups/{groupId}',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.readGroups);
      const group = findGroupOr404(context);
      return {
        status: 200,
        body: { '@odata.context': `${context.graphBase}/$metadata#groups/$entity`, ...groupView(group) },
      };
    },
  },
  {
    method: 'GET',
    template: '/groups/{groupId}/members',
    cost: 3,
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.readGroups);
      const select = parseSelect(context.request.query.get('$select'));
      checkReadable(context.principal, select);
      const group = findGroupOr404(context);
      const members = group.members
        .map((id) => context.directory.activeUser(id))
        .filter((u) => u !== undefined);
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#directoryObjects`,
          value: members.map((user) => ({
            '@odata.type': '#microsoft.graph.user',
            ...viewUser(user, select),
          })),
        },
      };
    },
  },
  {
    method: 'POST',
    template: '/groups/{groupId}/members/$ref',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.writeGroupMembers);
      const memberId = referencedId(context.request.body);
      const group = findGroupOr404(context);
      const user = context.directory.findUser(memberId);
      if (!user) throw notFound(memberId);
      if (group.members.includes(user.id)) {
        throw badRequest(
          "One or more added object references already exist for the following modified properties: 'members'.",
        );
      }
      group.members.push(user.id);
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    template: '/groups/{groupId}/members/{memberId}/$ref',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.writeGroupMembers);
      const group = findGroupOr404(context);
      const memberId = context.params.memberId!.toLowerCase();
      if (!group.members.includes(memberId)) throw notFound(context.params.memberId!);
      group.members = group.members.filter((id) => id !== memberId);
      return { status: 204 };
    },
  },
];
