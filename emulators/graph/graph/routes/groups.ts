/**
 * Groups as Graph serves them to hrsync: list (with `$filter` on displayName, `$select`, `$top`,
 * paging), one group (with `assignedLicenses` for group-based licensing), members with paging,
 * `members/$ref` add and remove with Graph's own errors, and delete.
 */
import type { GraphGroupRecord } from '../../../demo-data/types.ts';
import { joinGroupLicences, leaveGroupLicences } from '../../directory/group-licensing.ts';
import { parseSelect } from '../../odata/select.ts';
import { decodeSkipToken, type PageCursor } from '../../odata/skip-token.ts';
import { badRequest, GraphError, notFound } from '../graph-error.ts';
import { PERMISSIONS, requirePermission } from '../principal.ts';
import type { GraphRoute, RouteContext } from '../route-types.ts';
import { checkReadable, viewUser } from '../user-view.ts';
import { referencedId } from './manager.ts';
import { nextLink } from './user-list.ts';

function findGroupOr404(context: RouteContext): GraphGroupRecord {
  const id = context.params.groupId!;
  const group = context.directory.groups.get(id.toLowerCase());
  if (!group) throw notFound(id);
  return group;
}

const GROUP_PROPERTIES = [
  'id',
  'displayName',
  'description',
  'securityEnabled',
  'mailEnabled',
  'groupTypes',
  'assignedLicenses',
] as const;
const DEFAULT_GROUP_PROPERTIES = [
  'id',
  'displayName',
  'description',
  'securityEnabled',
  'mailEnabled',
  'groupTypes',
];

function groupSelect(text: string | null): readonly string[] {
  if (text === null) return DEFAULT_GROUP_PROPERTIES;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(GROUP_PROPERTIES as readonly string[]).includes(name))
      throw new GraphError(
        400,
        'BadRequest',
        `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.group'.`,
      );
  }
  return names.includes('id') ? names : ['id', ...names];
}

function groupView(group: GraphGroupRecord, select: readonly string[]): Record<string, unknown> {
  const full: Record<string, unknown> = {
    id: group.id,
    displayName: group.displayName,
    description: group.description ?? null,
    securityEnabled: group.securityEnabled ?? !(group.groupTypes ?? []).includes('Unified'),
    mailEnabled: group.mailEnabled ?? (group.groupTypes ?? []).includes('Unified'),
    groupTypes: [...(group.groupTypes ?? [])],
    assignedLicenses: (group.assignedLicenses ?? []).map((l) => ({
      skuId: l.skuId,
      disabledPlans: [...l.disabledPlans],
    })),
  };
  return Object.fromEntries(select.map((name) => [name, full[name]]));
}

/** `startswith(displayName,'Sa')` or `displayName eq 'Sales'`: what a group picker sends. */
function groupFilter(text: string | null): (g: GraphGroupRecord) => boolean {
  if (text === null || text.trim() === '') return () => true;
  const starts = /^\s*startswith\(\s*displayName\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(text);
  if (starts) {
    const prefix = starts[1]!.replaceAll("''", "'").toLowerCase();
    return (g) => g.displayName.toLowerCase().startsWith(prefix);
  }
  const eq = /^\s*displayName\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(text);
  if (eq) {
    const value = eq[1]!.replaceAll("''", "'").toLowerCase();
    return (g) => g.displayName.toLowerCase() === value;
  }
  throw new GraphError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
}

function pageSize(context: RouteContext, fallback: number, max: number): number {
  const top = context.request.query.get('$top');
  if (top === null) return fallback;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw badRequest(`Invalid page size specified: '${top}'. Must be between 1 and ${max} inclusive.`);
  return n;
}

function offsetOf(context: RouteContext): number {
  const token = context.request.query.get('$skiptoken');
  if (token === null) return 0;
  const cursor: PageCursor = decodeSkipToken(token);
  return 'offset' in cursor ? cursor.offset : cursor.position;
}

export const groupRoutes: readonly GraphRoute[] = [
  {
    method: 'GET',
    template: '/groups',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.readGroups);
      const select = groupSelect(context.request.query.get('$select'));
      const matches = groupFilter(context.request.query.get('$filter'));
      const all = [...context.directory.groups.values()]
        .filter(matches)
        .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
      const size = pageSize(context, 100, 999);
      const offset = offsetOf(context);
      const page = all.slice(offset, offset + size);
      const more = offset + size < all.length;
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#groups`,
          value: page.map((g) => groupView(g, select)),
          ...(more ? { '@odata.nextLink': nextLink(context, '/groups', { offset: offset + size }) } : {}),
        },
      };
    },
  },
  {
    method: 'GET',
    template: '/groups/{groupId}',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.readGroups);
      const select = groupSelect(context.request.query.get('$select'));
      const group = findGroupOr404(context);
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#groups/$entity`,
          ...groupView(group, select),
        },
      };
    },
  },
  {
    method: 'DELETE',
    template: '/groups/{groupId}',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.writeGroups);
      const group = findGroupOr404(context);
      for (const member of group.members) leaveGroupLicences(context.directory, group, member);
      context.directory.groups.delete(group.id.toLowerCase());
      return { status: 204 };
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
      // Graph pages members at 100 by default, at most 999.
      const size = pageSize(context, 100, 999);
      const offset = offsetOf(context);
      const more = offset + size < members.length;
      const path = `/groups/${group.id}/members`;
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#directoryObjects`,
          value: members.slice(offset, offset + size).map((user) => ({
            '@odata.type': '#microsoft.graph.user',
            ...viewUser(user, select),
          })),
          ...(more ? { '@odata.nextLink': nextLink(context, path, { offset: offset + size }) } : {}),
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
      joinGroupLicences(context.directory, group, user);
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
      leaveGroupLicences(context.directory, group, memberId);
      return { status: 204 };
    },
  },
];
