import type { Directory } from '../../directory/directory.ts';
import type { UserEntity } from '../../directory/entities.ts';
import { indexedCandidates, matchesFilter } from '../../odata/filter-eval.ts';
import { matchesSearch } from '../../odata/search.ts';
import { decodeSkipToken, encodeSkipToken, type PageCursor } from '../../odata/skip-token.ts';
import { isEventual, parseUserListQuery, type UserListQuery } from '../../odata/user-query.ts';
import { badRequest } from '../graph-error.ts';
import type { GraphRoute, RouteContext } from '../route-types.ts';
import { checkReadable, usersContext, viewUser, withManager } from '../user-view.ts';

interface Page {
  readonly users: readonly UserEntity[];
  readonly next: PageCursor | undefined;
}

export const userListRoutes: readonly GraphRoute[] = [
  {
    method: 'GET',
    template: '/users',
    cost: 2,
    handle(context) {
      const query = parseUserListQuery(context.request.query, context.request.headers);
      checkReadable(context.principal, query.select);
      if (query.expandManager) checkReadable(context.principal, query.expandManager.select);
      const page = readPage(context.directory, query);
      const value = page.users.map((user) => {
        const view = viewUser(user, query.select);
        return query.expandManager
          ? withManager(view, user, context.directory, query.expandManager.select)
          : view;
      });
      return {
        status: 200,
        body: {
          '@odata.context': usersContext(context.graphBase, query.select),
          ...(query.count ? { '@odata.count': countMatches(context.directory, query) } : {}),
          ...(page.next ? { '@odata.nextLink': nextLink(context, '/users', page.next) } : {}),
          value,
        },
      };
    },
  },
  {
    method: 'GET',
    template: '/users/$count',
    handle(context) {
      if (!isEventual(context.request.headers)) throw badRequest('$count is not currently supported.');
      // The $count segment is itself an advanced query, so it counts as having `$count=true`.
      const params = new URLSearchParams(context.request.query);
      params.set('$count', 'true');
      const query = parseUserListQuery(params, context.request.headers);
      checkReadable(context.principal, undefined);
      return { status: 200, body: String(countMatches(context.directory, query)) };
    },
  },
];

function matcher(query: UserListQuery): (user: UserEntity) => boolean {
  const { filter, search } = query;
  return (user) => (!filter || matchesFilter(user, filter)) && (!search || matchesSearch(user, search));
}

function readPage(directory: Directory, query: UserListQuery): Page {
  const cursor: PageCursor = query.skipToken
    ? decodeSkipToken(query.skipToken)
    : query.orderBy
      ? { offset: 0 }
      : { position: 0 };
  const matches = matcher(query);
  if (query.orderBy || 'offset' in cursor) {
    const offset = 'offset' in cursor ? cursor.offset : 0;
    const sorted = sortedMatches(directory, query, matches);
    const users = sorted.slice(offset, offset + query.top);
    return { users, next: offset + query.top < sorted.length ? { offset: offset + query.top } : undefined };
  }
  const source = candidatesFrom(directory, query, cursor.position);
  const users: UserEntity[] = [];
  for (const [position, user] of source) {
    if (!matches(user)) continue;
    if (users.length === query.top) return { users, next: { position } };
    users.push(user);
  }
  return { users, next: undefined };
}

function* candidatesFrom(
  directory: Directory,
  query: UserListQuery,
  position: number,
): Generator<[number, UserEntity]> {
  const indexed = query.filter && indexedCandidates(directory, query.filter);
  if (!indexed) {
    yield* directory.activeFrom(position);
    return;
  }
  for (const user of indexed) {
    const at = directory.positionOf(user.id) ?? 0;
    if (at >= position) yield [at, user];
  }
}

function sortedMatches(
  directory: Directory,
  query: UserListQuery,
  matches: (u: UserEntity) => boolean,
): UserEntity[] {
  const users = [...candidatesFrom(directory, query, 0)].map(([, u]) => u).filter(matches);
  const order = query.orderBy;
  if (!order) return users;
  const key = (u: UserEntity) => String(u[order.property] ?? '').toLowerCase();
  const sign = order.descending ? -1 : 1;
  return users.sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
}

function countMatches(directory: Directory, query: UserListQuery): number {
  const matches = matcher(query);
  let count = 0;
  for (const [, user] of candidatesFrom(directory, query, 0)) if (matches(user)) count++;
  return count;
}

/** The same query with a new `$skiptoken`, as an absolute URL on the base the client used. */
export function nextLink(context: RouteContext, path: string, cursor: PageCursor): string {
  const parts: string[] = [];
  for (const [key, value] of context.request.query) {
    if (key.toLowerCase() !== '$skiptoken') parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(cursor)}`);
  return `${context.graphBase}${path}?${parts.join('&')}`;
}
