import type { UserEntity } from '../../directory/entities.ts';
import type { FilterNode } from '../../odata/filter-ast.ts';
import { parseFilter } from '../../odata/filter-parser.ts';
import { parseSelect } from '../../odata/select.ts';
import { badRequest, unsupportedQuery } from '../graph-error.ts';
import type { GraphRoute, RouteContext } from '../route-types.ts';
import { checkReadable, usersContext, viewUser } from '../user-view.ts';

/** Everything a delta link must remember: Graph encodes the first call's options into its tokens. */
interface DeltaState {
  /** `$select` of the first call */
  readonly s: readonly string[] | null;
  /** ids from `$filter=id eq '…' or …` */
  readonly f: readonly string[] | null;
  /** changes after this directory sequence are reported; 0 = initial full round */
  readonly from: number;
  /** the sequence when this round started: the next round's `from` */
  readonly to: number;
  /** position in the directory's stable order where the next page starts */
  readonly pos: number;
  /** `manager` was selected */
  readonly m?: boolean;
}

/** The current manager as `manager@delta: [{id}]`; no manager as an empty list. */
function managerDelta(user: UserEntity): Record<string, unknown> {
  return {
    'manager@delta': user.managerId ? [{ '@odata.type': '#microsoft.graph.user', id: user.managerId }] : [],
  };
}

const DEFAULT_PAGE_SIZE = 200;

export const userDeltaRoutes: readonly GraphRoute[] = [
  {
    method: 'GET',
    template: '/users/delta',
    handle(context) {
      const state = deltaState(context);
      // `manager` in a delta $select is a navigation property: Graph answers it as `manager@delta`.
      const withManager = state.m === true;
      const select = state.s ?? undefined;
      checkReadable(context.principal, select);
      const pageSize = preferredPageSize(context.request.headers.prefer);
      const value: Record<string, unknown>[] = [];
      let nextPos: number | undefined;
      for (const entry of entries(context, state)) {
        if (value.length === pageSize) {
          nextPos = entry.position;
          break;
        }
        value.push(
          entry.user
            ? {
                ...viewUser(entry.user, select),
                id: entry.user.id,
                ...(withManager ? managerDelta(entry.user) : {}),
              }
            : { id: entry.id, '@removed': { reason: entry.removed } },
        );
      }
      const token = (next: Partial<DeltaState>) => encodeState({ ...state, ...next });
      const link =
        nextPos === undefined
          ? {
              '@odata.deltaLink': `${context.graphBase}/users/delta?$deltatoken=${token({ from: state.to, pos: 0 })}`,
            }
          : { '@odata.nextLink': `${context.graphBase}/users/delta?$skiptoken=${token({ pos: nextPos })}` };
      return {
        status: 200,
        body: { '@odata.context': usersContext(context.graphBase, select), ...link, value },
      };
    },
  },
];

interface DeltaEntry {
  readonly position: number;
  readonly id: string;
  readonly user?: UserEntity;
  readonly removed?: string;
}

function* entries(context: RouteContext, state: DeltaState): Generator<DeltaEntry> {
  const { directory } = context;
  const wanted = state.f && new Set(state.f);
  if (state.from === 0) {
    for (const [position, user] of directory.activeFrom(state.pos)) {
      if (!wanted || wanted.has(user.id)) yield { position, id: user.id, user };
    }
    return;
  }
  for (const change of directory.changesSince(state.from)) {
    const position = directory.positionOf(change.id) ?? 0;
    if (position < state.pos || (wanted && !wanted.has(change.id))) continue;
    const user = change.removed ? undefined : directory.activeUser(change.id);
    yield user
      ? { position, id: change.id, user }
      : { position, id: change.id, removed: change.removed ?? 'changed' };
  }
}

function deltaState(context: RouteContext): DeltaState {
  const { query } = context.request;
  const sequence = context.directory.sequence;
  const skipToken = query.get('$skiptoken');
  if (skipToken !== null) return decodeState(skipToken);
  // A delta link starts a new round: changes after the last round, up to now.
  const deltaToken = query.get('$deltatoken');
  if (deltaToken !== null) return { ...decodeState(deltaToken), to: sequence, pos: 0 };
  const selected = (query.get('$select') ?? '').split(',').map((s) => s.trim());
  const manager = selected.some((s) => s.toLowerCase() === 'manager');
  const rest = selected.filter((s) => s.toLowerCase() !== 'manager');
  const select = parseSelect(query.get('$select') === null ? null : rest.join(','));
  const filterText = query.get('$filter');
  return {
    ...(manager ? { m: true } : {}),
    s: select ? [...select] : null,
    f: filterText ? idsFromFilter(parseFilter(filterText)) : null,
    from: 0,
    to: sequence,
    pos: 0,
  };
}

/** Delta supports only `id eq '…'` joined by `or`, for at most 50 ids. */
function idsFromFilter(node: FilterNode): string[] {
  const ids: string[] = [];
  const visit = (n: FilterNode): void => {
    if (n.kind === 'or') {
      visit(n.left);
      visit(n.right);
    } else if (
      n.kind === 'compare' &&
      n.op === 'eq' &&
      n.target.kind === 'property' &&
      n.target.path.join('/').toLowerCase() === 'id' &&
      typeof n.value === 'string'
    ) {
      ids.push(n.value.toLowerCase());
    } else {
      throw unsupportedQuery("Delta queries support only $filter=id eq '{id}' clauses joined by 'or'.");
    }
  };
  visit(node);
  if (ids.length > 50) throw unsupportedQuery('Delta queries can filter at most 50 ids.');
  return ids;
}

function preferredPageSize(prefer: string | undefined): number {
  const match = prefer && /odata\.maxpagesize=(\d+)/i.exec(prefer);
  return match ? Math.min(999, Math.max(1, Number(match[1]))) : DEFAULT_PAGE_SIZE;
}

function encodeState(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeState(token: string): DeltaState {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
    if (Number.isInteger(state.from) && Number.isInteger(state.to) && Number.isInteger(state.pos))
      return state;
  } catch {
    // fall through
  }
  throw badRequest('The delta token is not valid; start a new round without a token.');
}
