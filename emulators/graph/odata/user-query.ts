import { badRequest, unsupportedQuery } from '../graph/graph-error.ts';
import type { FilterNode } from './filter-ast.ts';
import { parseFilter } from './filter-parser.ts';
import { advancedReason, advancedRequired, filterNeedsAdvanced } from './filter-support.ts';
import { parseSearch, type UserSearch } from './search.ts';
import { parseExpand, parseSelect } from './select.ts';

export interface UserOrder {
  readonly property: 'displayName' | 'userPrincipalName' | 'createdDateTime';
  readonly descending: boolean;
}

export interface UserListQuery {
  readonly select: readonly string[] | undefined;
  readonly filter: FilterNode | undefined;
  readonly search: UserSearch | undefined;
  readonly orderBy: UserOrder | undefined;
  readonly expandManager: { readonly select: readonly string[] | undefined } | undefined;
  readonly top: number;
  /** `$count=true` honoured: only together with `ConsistencyLevel: eventual`, else silently ignored. */
  readonly count: boolean;
  readonly skipToken: string | undefined;
}

const ORDERABLE = {
  displayname: { property: 'displayName', advanced: false },
  userprincipalname: { property: 'userPrincipalName', advanced: false },
  createddatetime: { property: 'createdDateTime', advanced: true },
} as const;

export function isEventual(headers: Readonly<Record<string, string>>): boolean {
  return headers.consistencylevel?.toLowerCase() === 'eventual';
}

/**
 * Parses the query options of `GET /users` and enforces Graph's advanced-query rule: `ne`, `not`,
 * `endsWith`, advanced-only properties, null checks and `$orderby` with `$filter` or `$search` need
 * `ConsistencyLevel: eventual` and `$count=true`; `$search` needs the header.
 */
export function parseUserListQuery(
  query: URLSearchParams,
  headers: Readonly<Record<string, string>>,
): UserListQuery {
  if (query.has('$skip')) throw badRequest("'$skip' is not supported by the service.");
  const eventual = isEventual(headers);
  const countText = query.get('$count');
  if (countText !== null && countText !== 'true' && countText !== 'false') {
    throw badRequest(`Invalid value '${countText}' for $count; use true or false.`);
  }
  const advancedParams = eventual && countText === 'true';

  const filterText = query.get('$filter');
  const filter = filterText === null || filterText.trim() === '' ? undefined : parseFilter(filterText);
  if (filter && filterNeedsAdvanced(filter) && !advancedParams)
    throw advancedRequired(advancedReason(filter));

  const searchText = query.get('$search');
  if (searchText !== null && !eventual) {
    throw unsupportedQuery(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  const search = searchText === null ? undefined : parseSearch(searchText);

  const orderBy = parseOrderBy(query.get('$orderby'));
  if (orderBy && (orderBy.advanced || filter || search) && !advancedParams) {
    throw advancedRequired(
      filter || search ? '$orderby together with $filter or $search' : `Sorting on '${orderBy.property}'`,
    );
  }

  const expandManager = parseExpand(query.get('$expand'));
  if (expandManager && advancedParams) {
    throw unsupportedQuery(
      '$expand is not supported together with advanced query parameters (ConsistencyLevel: eventual and $count).',
    );
  }

  return {
    select: parseSelect(query.get('$select')),
    filter,
    search,
    orderBy: orderBy && { property: orderBy.property, descending: orderBy.descending },
    expandManager,
    top: parseTop(query.get('$top')),
    count: advancedParams,
    skipToken: query.get('$skiptoken') ?? undefined,
  };
}

function parseTop(text: string | null): number {
  if (text === null) return 100;
  const top = Number(text);
  if (!Number.isInteger(top) || top < 1 || top > 999) {
    throw badRequest(`Invalid page size specified: '${text}'. Must be between 1 and 999 inclusive.`);
  }
  return top;
}

function parseOrderBy(text: string | null): (UserOrder & { advanced: boolean }) | undefined {
  if (text === null || text.trim() === '') return undefined;
  const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(text);
  const known = match && ORDERABLE[match[1]!.toLowerCase() as keyof typeof ORDERABLE];
  if (!match || !known) throw unsupportedQuery('Sorting not supported for current query.');
  return {
    property: known.property,
    advanced: known.advanced,
    descending: match[2]?.toLowerCase() === 'desc',
  };
}
