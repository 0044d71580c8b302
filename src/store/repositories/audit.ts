import { sql } from 'kysely';
import { HrsyncError } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { AuditEventsTable } from '../database.ts';
import { fromJson, likePattern, toCount, toJson } from '../json.ts';
import type { Actor, ActorType, AuditEvent, Outcome, Page } from '../records.ts';

const toEvent = (r: AuditEventsTable): AuditEvent => ({
  id: r.id,
  organisationId: r.organisation_id,
  at: r.at,
  actor: { type: r.actor_type as ActorType, id: r.actor_id, name: r.actor_name },
  action: r.action,
  outcome: r.outcome as Outcome,
  connectionId: r.connection_id,
  connectionName: r.connection_name,
  tenantId: r.tenant_id,
  runId: r.run_id,
  person: r.person,
  message: r.message,
  details: fromJson<Record<string, unknown>>(r.details) ?? {},
});

export interface NewAuditEvent {
  readonly organisationId: string;
  readonly actor: Actor;
  readonly action: string;
  readonly outcome: Outcome;
  readonly connectionId?: string | null;
  readonly connectionName?: string | null;
  readonly tenantId?: string | null;
  readonly runId?: string | null;
  readonly person?: string | null;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditQuery {
  readonly connectionId?: string;
  readonly runId?: string;
  readonly from?: string;
  readonly to?: string;
  /** Matches the actor's name (e-mail, token name, `scheduler`) or id. */
  readonly actor?: string;
  /** An exact action, or a prefix ending in `.` (`run.` = every run event). */
  readonly action?: string;
  readonly person?: string;
  readonly outcome?: Outcome;
}

/** Events younger than this are counted per request; older ones come from the count cache. */
const MARK_LAG_MS = 10 * 60_000;
/** A mark older than this is moved forward (one full count). */
const MARK_REFRESH_MS = 60 * 60_000;
const COUNT_CACHE_ENTRIES = 500;
/** A page this many entries deep or more is found through the filter's fence posts. */
const FENCE_DEPTH = 1_000;
/** At most this many fence posts per filter (the step grows with the log), at least this step. */
const FENCES_MAX = 1_000;
const FENCE_STEP_MIN = 256;

interface EventKey {
  readonly at: string;
  readonly id: string;
}
/**
 * Every `step`-th event before the mark, oldest first: `keys[k]` is the event at position k × step.
 * Positions before the mark do not move (events are appended after it; pruning changes the oldest
 * event, which drops the cache entry), so page N is the range from the fence post below it plus
 * fewer than `step` index entries, however deep.
 */
interface Fences {
  readonly step: number;
  readonly keys: readonly EventKey[];
}
interface CachedCount {
  readonly mark: string;
  readonly before: number;
  readonly oldestKey: string;
  fences?: Fences;
  /** The fence posts being found, after the first deep page was answered without them. */
  fencing?: Promise<void>;
}
/** The count of a filter now: `since` events at or after `entry.mark`, the rest before it. */
interface CountState {
  readonly total: number;
  readonly since: number;
  readonly entry: CachedCount | undefined;
}
const countCaches = new WeakMap<object, Map<string, CachedCount>>();
const countCacheOf = (db: object): Map<string, CachedCount> => {
  const cache = countCaches.get(db) ?? new Map<string, CachedCount>();
  countCaches.set(db, cache);
  return cache;
};

interface AuditCursor {
  readonly at: string;
  readonly id: string;
  readonly page: number;
  readonly total: number;
}
const encodeCursor = (c: AuditCursor): string =>
  Buffer.from(JSON.stringify([c.at, c.id, c.page, c.total])).toString('base64url');
function decodeCursor(text: string): AuditCursor {
  try {
    const [at, id, page, total] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      Number.isSafeInteger(page) &&
      (page as number) >= 1 &&
      Number.isSafeInteger(total) &&
      (total as number) >= 0
    )
      return { at, id, page: page as number, total: total as number };
  } catch {
    // falls through to the error below
  }
  throw new HrsyncError(
    'HRS_VALIDATION',
    'The cursor is not one this service gave out; start again from page 1.',
    {
      details: [{ path: '/cursor', message: 'not a cursor from a previous page of the audit log' }],
    },
  );
}

/** 15 columns × 200 rows: 3,000 bound parameters, far below both stores' limits. */
const AUDIT_CHUNK = 200;

/** Append-only by construction: this class has no update or delete, and the database refuses both. */
export class AuditRepository {
  constructor(private readonly ctx: RepoContext) {}

  async append(event: NewAuditEvent): Promise<AuditEvent> {
    const row = this.toRow(event, this.ctx.clock.now());
    await this.ctx.db.insertInto('audit_events').values(row).execute();
    return toEvent(row);
  }

  /**
   * Many events, a few hundred per statement. The caller passes a transactional repository
   * (`store.transaction`) when the batch must commit as one; `at` defaults to now, or each event's
   * own time (when it happened, not when it was written).
   */
  async appendMany(events: readonly (NewAuditEvent & { readonly at?: string })[]): Promise<number> {
    const now = this.ctx.clock.now();
    for (let start = 0; start < events.length; start += AUDIT_CHUNK) {
      const rows = events.slice(start, start + AUDIT_CHUNK).map((e) => this.toRow(e, e.at ?? now));
      await this.ctx.db.insertInto('audit_events').values(rows).execute();
    }
    return events.length;
  }

  private toRow(event: NewAuditEvent, at: string): AuditEventsTable {
    return {
      id: newId(),
      organisation_id: event.organisationId,
      at,
      actor_type: event.actor.type,
      actor_id: event.actor.id,
      actor_name: event.actor.name,
      action: event.action,
      outcome: event.outcome,
      connection_id: event.connectionId ?? null,
      connection_name: event.connectionName ?? null,
      tenant_id: event.tenantId ?? null,
      run_id: event.runId ?? null,
      person: event.person ?? null,
      message: event.message,
      details: toJson(event.details ?? {}),
    };
  }

  /**
   * An exact action, or a prefix ending in ".". A one-level prefix (`run.`) is the action's category,
   * the expression migration 0350 indexes with (at, id) — a range in time order. A deeper prefix
   * (`run.item.`) narrows that category to a range of actions (`run.item.` ≤ action < `run.item/`).
   * PostgreSQL compares the action bytewise (`COLLATE "C"`, as its action index is built), since a
   * linguistic collation may order punctuation differently.
   */
  private actionIs(action: string) {
    const col = this.ctx.dialect === 'postgres' ? sql<string>`action collate "C"` : sql<string>`action`;
    if (!action.endsWith('.')) return sql<boolean>`${col} = ${action}`;
    const category = action.slice(0, action.indexOf('.') + 1);
    const inCategory = sql<boolean>`${this.actionCategory()} = ${category}`;
    if (category === action) return inCategory;
    const end = `${action.slice(0, -1)}/`;
    return sql<boolean>`${inCategory} and ${col} >= ${action} and ${col} < ${end}`;
  }

  /** Exactly the expression of migration 0350's index (a planner matches an expression by its text). */
  private actionCategory() {
    return this.ctx.dialect === 'postgres'
      ? sql<string>`substr(action, 1, strpos(action, '.'))`
      : sql<string>`substr(action, 1, instr(action, '.'))`;
  }

  private filtered(organisationId: string, q: AuditQuery) {
    return this.ctx.db
      .selectFrom('audit_events')
      .where('organisation_id', '=', organisationId)
      .$if(q.connectionId !== undefined, (b) => b.where('connection_id', '=', q.connectionId as string))
      .$if(q.runId !== undefined, (b) => b.where('run_id', '=', q.runId as string))
      .$if(q.from !== undefined, (b) => b.where('at', '>=', q.from as string))
      .$if(q.to !== undefined, (b) => b.where('at', '<', q.to as string))
      .$if(q.outcome !== undefined, (b) => b.where('outcome', '=', q.outcome as Outcome))
      .$if(q.person !== undefined, (b) => b.where('person', '=', q.person as string))
      .$if(q.action !== undefined, (b) => b.where(this.actionIs(q.action as string)))
      .$if(q.actor !== undefined, (b) =>
        b.where((eb) =>
          eb.or([
            eb('actor_id', '=', q.actor as string),
            eb(
              sql<string>`lower(actor_name)`,
              'like',
              sql<string>`${likePattern(q.actor ?? '')} escape '\\'`,
            ),
          ]),
        ),
      );
  }

  /**
   * One page, newest first. With a `cursor` (the previous answer's `nextCursor`) the page is read by
   * keyset — the events older than the cursor's last event, an index range whatever the depth — and
   * the total is the one the first page counted, so follow-on pages count nothing. Without one, page
   * N starts from the filter's fence post below it (`Fences`) and walks fewer than a step of index
   * entries; a shallow page, one within the last minutes' events, or one inside a transaction (no
   * cache) reads only event ids from the covering index up to its offset. The total comes from the
   * count cache (`countOf`).
   */
  async list(
    organisationId: string,
    q: AuditQuery,
    page: number,
    pageSize: number,
    cursor?: string,
  ): Promise<Page<AuditEvent> & { nextCursor: string | null }> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const pageNumber = after ? after.page + 1 : page;
    const offset = (pageNumber - 1) * pageSize;
    const newestFirst = <T extends { orderBy: (c: 'at' | 'id', d: 'desc') => T }>(b: T) =>
      b.orderBy('at', 'desc').orderBy('id', 'desc');
    // Page 1 does not depend on the count: on PostgreSQL both go at once, on two pooled connections.
    const [state, firstRows] =
      after !== undefined
        ? [undefined, undefined]
        : pageNumber === 1
          ? await Promise.all([
              this.countState(organisationId, q),
              newestFirst(this.filtered(organisationId, q).selectAll()).limit(pageSize).execute(),
            ])
          : [await this.countState(organisationId, q), undefined];
    const total = after?.total ?? state?.total ?? 0;
    const byIds = (ids: ReturnType<typeof this.filtered>) =>
      newestFirst(
        this.ctx.db.selectFrom('audit_events').selectAll().where('id', 'in', ids.select('id')),
      ).execute();
    const deep = state?.entry !== undefined && offset - state.since >= FENCE_DEPTH;
    const rows = after
      ? await newestFirst(
          this.filtered(organisationId, q)
            .where((eb) =>
              eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]),
            )
            .selectAll(),
        )
          .limit(pageSize)
          .execute()
      : firstRows !== undefined
        ? firstRows
        : deep && state?.entry?.fences
          ? await this.fencedPage(organisationId, q, state.entry, offset - state.since, pageSize, byIds)
          : await byIds(newestFirst(this.filtered(organisationId, q)).limit(pageSize).offset(offset));
    // The first deep page of a filter walks the index to its offset (less than one pass finding every
    // fence post); the posts are found after it is answered, for the deep pages that follow.
    if (deep && state?.entry && !state.entry.fences) this.findFences(organisationId, q, state.entry);
    const last = rows.at(-1);
    const nextCursor =
      last !== undefined && rows.length === pageSize && pageNumber * pageSize < total
        ? encodeCursor({ at: last.at, id: last.id, page: pageNumber, total })
        : null;
    return { items: rows.map(toEvent), total, page: pageNumber, pageSize, nextCursor };
  }

  /**
   * The page `depth` events below the mark (newest first), through the fence posts: its oldest event
   * is at position `lo` counted from the oldest, found by walking `lo - k × step` (< step) index
   * entries up from fence post k.
   */
  private async fencedPage(
    organisationId: string,
    q: AuditQuery,
    entry: CachedCount,
    depth: number,
    pageSize: number,
    byIds: (ids: ReturnType<typeof this.filtered>) => Promise<AuditEventsTable[]>,
  ): Promise<AuditEventsTable[]> {
    if (depth >= entry.before) return [];
    const fences = entry.fences ?? (await this.fencesOf(organisationId, q, entry));
    const hi = entry.before - 1 - depth;
    const lo = Math.max(0, hi - pageSize + 1);
    const k = Math.floor(lo / fences.step);
    const post = fences.keys[k];
    if (post === undefined) return [];
    return byIds(
      this.filtered(organisationId, q)
        .where('at', '<', entry.mark)
        .where('at', '>=', post.at)
        .where((eb) => eb.or([eb('at', '>', post.at), eb('id', '>=', post.id)]))
        .orderBy('at', 'asc')
        .orderBy('id', 'asc')
        .offset(lo - k * fences.step)
        .limit(hi - lo + 1),
    );
  }

  private findFences(organisationId: string, q: AuditQuery, entry: CachedCount): void {
    if (entry.fencing) return;
    entry.fencing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.fencesOf(organisationId, q, entry))
      .then(
        () => {},
        // Not found now (the store closing, a lost connection): the next deep page tries again.
        () => {
          delete entry.fencing;
        },
      );
  }

  /** One pass over the filter's index entries before the mark, kept with its count. */
  private async fencesOf(organisationId: string, q: AuditQuery, entry: CachedCount): Promise<Fences> {
    const step = Math.max(FENCE_STEP_MIN, Math.ceil(entry.before / FENCES_MAX));
    const numbered = this.filtered(organisationId, q)
      .where('at', '<', entry.mark)
      .select(['at', 'id', sql<number>`row_number() over (order by at, id)`.as('position')]);
    const keys = await this.ctx.db
      .selectFrom(numbered.as('numbered'))
      .select(['at', 'id'])
      .where(sql<boolean>`(position - 1) % ${step} = 0`)
      .orderBy('position')
      .execute();
    entry.fences = { step, keys };
    return entry.fences;
  }

  /**
   * How many events match, computed once per filter and then kept current cheaply: the cache holds
   * the count of events before a mark (`MARK_LAG_MS` behind the clock) and only the events since the
   * mark are counted per request. Events are appended, and batches carry their write time, so an event
   * older than the mark can only appear within the lag; pruning (the oldest event changed) and an old
   * mark force a full count. The cache belongs to one database handle; transactions count afresh.
   */
  async countOf(organisationId: string, q: AuditQuery): Promise<number> {
    return (await this.countState(organisationId, q)).total;
  }

  private async countState(organisationId: string, q: AuditQuery): Promise<CountState> {
    const now = Date.parse(this.ctx.clock.now());
    const cache = this.ctx.db.isTransaction ? undefined : countCacheOf(this.ctx.db);
    const key = `${organisationId}\u0000${JSON.stringify(q, Object.keys(q).sort())}`;
    const hit = cache?.get(key);
    const oldestOf = (column: 'at' | 'id') =>
      this.ctx.db
        .selectFrom('audit_events')
        .select(column)
        .where('organisation_id', '=', organisationId)
        .orderBy('at', 'asc')
        .orderBy('id', 'asc')
        .limit(1);
    if (hit && now - Date.parse(hit.mark) < MARK_REFRESH_MS) {
      // One round trip: the oldest event (has the pruner been?) and the events since the mark.
      const probe = await this.ctx.db
        .selectNoFrom((eb) => [
          oldestOf('at').as('oldest_at'),
          oldestOf('id').as('oldest_id'),
          this.filtered(organisationId, q)
            .where('at', '>=', hit.mark)
            .select(eb.fn.countAll().as('n'))
            .as('since'),
        ])
        .executeTakeFirst();
      if (`${probe?.oldest_at ?? ''}|${probe?.oldest_id ?? ''}` === hit.oldestKey) {
        cache?.delete(key);
        cache?.set(key, hit);
        const since = toCount(probe?.since);
        return { total: hit.before + since, since, entry: hit };
      }
    }
    const mark = new Date(now - MARK_LAG_MS).toISOString();
    // The counts and the oldest event in one statement (one round trip), so they see the same rows:
    // two separate counts could straddle a batch's commit and cache a "before the mark" count that is
    // off by that batch for good.
    const both = await this.filtered(organisationId, q)
      .select((eb) => [
        eb.fn.countAll().as('n'),
        eb.fn.sum(eb.case().when('at', '>=', mark).then(1).else(0).end()).as('since'),
        oldestOf('at').as('oldest_at'),
        oldestOf('id').as('oldest_id'),
      ])
      .executeTakeFirst();
    const oldestKey = `${both?.oldest_at ?? ''}|${both?.oldest_id ?? ''}`;
    const all = toCount(both?.n);
    const since = toCount(both?.since);
    const entry: CachedCount = { mark, before: all - since, oldestKey };
    if (cache) {
      cache.set(key, entry);
      if (cache.size > COUNT_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    }
    return { total: all, since, entry: cache ? entry : undefined };
  }

  /** For exports; capped so one request cannot read an unbounded log into memory. */
  async all(organisationId: string, q: AuditQuery, limit: number): Promise<readonly AuditEvent[]> {
    const rows = await this.filtered(organisationId, q)
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }
}
