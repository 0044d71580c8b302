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

/** A page this many entries deep or more is found through the stored counts (`seek`). */
const SEEK_DEPTH = 1_000;
/** The stored counts' levels (migration 0410): a bucket is the first `level` characters of `at`. */
const MONTH = 7;
const DAY = 10;
const HOUR = 13;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The start of the bucket `key` (`2026-12`, `2026-12-04`, `2026-12-04T10`), in ms. */
function bucketStart(key: string): number {
  if (key.length === MONTH) return Date.parse(`${key}-01T00:00:00.000Z`);
  if (key.length === DAY) return Date.parse(`${key}T00:00:00.000Z`);
  return Date.parse(`${key}:00:00.000Z`);
}
function bucketEnd(key: string): number {
  const start = bucketStart(key);
  if (key.length === HOUR) return start + HOUR_MS;
  if (key.length === DAY) return start + DAY_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
const keyOf = (level: number, t: number) => new Date(t).toISOString().slice(0, level);
const ceilTo = (t: number, step: number) => Math.ceil(t / step) * step;
const floorTo = (t: number, step: number) => Math.floor(t / step) * step;
const monthOf = (t: number) => {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};
const ceilMonth = (t: number) => {
  const m = monthOf(t);
  if (m === t) return t;
  const d = new Date(m);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

/** A range of buckets of one level (keys, `lo` inclusive, `hi` exclusive; absent: unbounded). */
interface BucketRange {
  readonly level: number;
  readonly lo?: string;
  readonly hi?: string;
}
/**
 * The fewest buckets that exactly cover [a, b) — both on the hour, or absent for unbounded: hours up
 * to the first midnight, days up to the first of a month, months, then days and hours again.
 */
function cover(a: number | undefined, b: number | undefined): BucketRange[] {
  const out: BucketRange[] = [];
  const add = (level: number, lo: number | undefined, hi: number | undefined) => {
    if (lo === undefined || hi === undefined || lo < hi)
      out.push({
        level,
        ...(lo === undefined ? {} : { lo: keyOf(level, lo) }),
        ...(hi === undefined ? {} : { hi: keyOf(level, hi) }),
      });
  };
  let cur = a;
  if (a !== undefined) {
    const day = ceilTo(a, DAY_MS);
    if (b !== undefined && day >= b) {
      add(HOUR, a, b);
      return out;
    }
    add(HOUR, a, day);
    const month = ceilMonth(day);
    if (b !== undefined && month >= b) {
      add(DAY, day, floorTo(b, DAY_MS));
      add(HOUR, floorTo(b, DAY_MS), b);
      return out;
    }
    add(DAY, day, month);
    cur = month;
  }
  if (b === undefined) {
    add(MONTH, cur, undefined);
    return out;
  }
  add(MONTH, cur, monthOf(b));
  add(DAY, monthOf(b), floorTo(b, DAY_MS));
  add(HOUR, floorTo(b, DAY_MS), b);
  return out;
}

/**
 * A stretch of the filtered log in time, [start, end), and how many of its events match: a stored
 * bucket (`level` > 0), or an edge of the query's time range shorter than an hour, counted from the
 * events themselves (`level` 0).
 */
interface Segment {
  readonly level: number;
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly n: number;
}

/**
 * The query with its times as the log stores them (ISO 8601, UTC, milliseconds), so comparing text
 * compares time: `2026-12-04T10:00:00+01:00` and `…T09:00:00Z` both become `2026-12-04T09:00:00.000Z`.
 */
function normalised(q: AuditQuery): AuditQuery {
  const iso = (t: string) => {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? t : new Date(ms).toISOString();
  };
  return {
    ...q,
    ...(q.from === undefined ? {} : { from: iso(q.from) }),
    ...(q.to === undefined ? {} : { to: iso(q.to) }),
  };
}

/** The actors an actor filter matches (`AuditRepository.actorNames`). */
interface ActorNames {
  readonly names: readonly string[];
  readonly byName: boolean;
}

interface AuditCursor {
  readonly at: string;
  readonly id: string;
  readonly page: number;
  readonly total: number;
}
const encodeCursor = (c: AuditCursor): string =>
  Buffer.from(JSON.stringify([c.at, c.id, c.page, c.total])).toString('base64url');
/** An event's time or id as the service writes them: printable ASCII, short (no NUL, which PostgreSQL refuses). */
const CURSOR_KEY = /^[\x20-\x7e]{1,64}$/;
/** The highest page a query may name (input-hygiene's cap on numbers), so the next one is too. */
const MAX_CURSOR_PAGE = 999_999_999;

function decodeCursor(text: string): AuditCursor {
  try {
    const [at, id, page, total] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    // The caller sends it back, so it is checked like input: a page given out lies within its total.
    if (
      typeof at === 'string' &&
      CURSOR_KEY.test(at) &&
      typeof id === 'string' &&
      CURSOR_KEY.test(id) &&
      Number.isSafeInteger(page) &&
      Number.isSafeInteger(total) &&
      (page as number) >= 1 &&
      (page as number) <= Math.min(total as number, MAX_CURSOR_PAGE)
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

  /** Matches the actor's id, or its name case-insensitively (`petra` matches `Petra@Example.com`). */
  private actorIs(actor: string) {
    return sql<boolean>`(actor_id = ${actor} or lower(actor_name) like ${likePattern(actor)} escape '\\')`;
  }

  /**
   * The names of the organisation's actors the actor filter matches, from the stored counts (each
   * actor has a row there), and whether the one name matched as a name (then every event under it
   * matches, not only those of the id the filter named). One name pages through that name's index
   * (migration 0411); none means no event matches. Undefined without an actor filter.
   */
  private async actorNames(organisationId: string, q: AuditQuery): Promise<ActorNames | undefined> {
    if (q.actor === undefined) return undefined;
    const rows = await this.ctx.db
      .selectFrom('audit_event_counts')
      .select([
        'actor_name',
        sql<number>`case when lower(actor_name) like ${likePattern(q.actor)} escape '\\' then 1 else 0 end`.as(
          'by_name',
        ),
      ])
      .distinct()
      .where('organisation_id', '=', organisationId)
      .where('level', '=', MONTH)
      .where(this.actorIs(q.actor))
      .execute();
    const names = new Set(rows.map((r) => r.actor_name));
    return {
      names: [...names],
      byName: names.size === 1 && rows.every((r) => Number(r.by_name) === 1),
    };
  }

  /** `actors`: the actor filter's names (`actorNames`), which narrow it to an index when they can. */
  private filtered(organisationId: string, q: AuditQuery, actors?: ActorNames) {
    const one = actors?.names.length === 1 ? (actors.names[0] as string) : undefined;
    return this.ctx.db
      .selectFrom('audit_events')
      .where('organisation_id', '=', organisationId)
      .$if(one !== undefined, (b) => b.where('actor_name', '=', one as string))
      .$if(actors?.names.length === 0, (b) => b.where(sql<boolean>`1 = 0`))
      .$if(q.connectionId !== undefined, (b) => b.where('connection_id', '=', q.connectionId as string))
      .$if(q.runId !== undefined, (b) => b.where('run_id', '=', q.runId as string))
      .$if(q.from !== undefined, (b) => b.where('at', '>=', q.from as string))
      .$if(q.to !== undefined, (b) => b.where('at', '<', q.to as string))
      .$if(q.outcome !== undefined, (b) => b.where('outcome', '=', q.outcome as Outcome))
      .$if(q.person !== undefined, (b) => b.where('person', '=', q.person as string))
      .$if(q.action !== undefined, (b) => b.where(this.actionIs(q.action as string)))
      .$if(q.actor !== undefined && !(one !== undefined && actors?.byName), (b) =>
        b.where(this.actorIs(q.actor as string)),
      );
  }

  /**
   * The stored counts (migration 0410) of a filter without run or person, in one range of buckets
   * (an index range; several ranges are a UNION ALL, as an OR of ranges would read the whole level).
   */
  private buckets(organisationId: string, q: AuditQuery, r: BucketRange) {
    return this.ctx.db
      .selectFrom('audit_event_counts')
      .where('organisation_id', '=', organisationId)
      .where('level', '=', r.level)
      .$if(r.lo !== undefined, (b) => b.where('bucket', '>=', r.lo as string))
      .$if(r.hi !== undefined, (b) => b.where('bucket', '<', r.hi as string))
      .$if(q.connectionId !== undefined, (b) => b.where('connection_id', '=', q.connectionId as string))
      .$if(q.outcome !== undefined, (b) => b.where('outcome', '=', q.outcome as Outcome))
      .$if(q.action !== undefined, (b) => b.where(this.actionIs(q.action as string)))
      .$if(q.actor !== undefined, (b) => b.where(this.actorIs(q.actor as string)))
      .select((eb) => ['level', 'bucket', eb.fn.sum<number | string>('n').as('n')])
      .groupBy(['level', 'bucket']);
  }

  /**
   * The filter's events as segments of time, newest first, each with its count, in one statement:
   * the stored buckets that cover the time range on the hour, and the range's edges within an hour
   * (`from` to the next hour, the hour before `to`) counted from the events through the filter's
   * index. Run and person filters have no stored counts (`undefined`): their events are few enough to
   * count from their index.
   */
  private async segments(organisationId: string, q: AuditQuery): Promise<Segment[] | undefined> {
    if (q.runId !== undefined || q.person !== undefined) return undefined;
    const from = q.from === undefined ? undefined : Date.parse(q.from);
    const to = q.to === undefined ? undefined : Date.parse(q.to);
    const a = from === undefined ? undefined : ceilTo(from, HOUR_MS);
    const b = to === undefined ? undefined : floorTo(to, HOUR_MS);
    const edges: [number, number][] = [];
    let ranges: BucketRange[] = [];
    if (from !== undefined && to !== undefined && (a as number) > (b as number)) edges.push([from, to]);
    else {
      ranges = cover(a, b);
      if (from !== undefined && from < (a as number)) edges.push([from, a as number]);
      if (to !== undefined && (b as number) < to) edges.push([b as number, to]);
    }
    if (ranges.length === 0 && edges.length === 0) return [];
    // The edge replaces the query's own bounds (it lies within them): SQLite, given two lower bounds
    // as parameters, may range over the looser one and filter — the whole window instead of its edge.
    const edgeCount = (i: number) =>
      this.filtered(organisationId, {
        ...q,
        from: new Date(edges[i]?.[0] as number).toISOString(),
        to: new Date(edges[i]?.[1] as number).toISOString(),
      }).select((eb) => [
        sql<number>`0`.as('level'),
        sql<string>`${`edge${i}`}`.as('bucket'),
        eb.fn.countAll<number | string>().as('n'),
      ]);
    const parts = [
      ...ranges.map((r) => this.buckets(organisationId, q, r)),
      ...edges.map((_, i) => edgeCount(i)),
    ];
    let query = parts[0] as (typeof parts)[number];
    for (const part of parts.slice(1)) query = query.unionAll(part);
    const rows = await query.execute();
    return rows
      .map((r): Segment => {
        const level = Number(r.level);
        const edge = level === 0 ? edges[Number(r.bucket.slice(4))] : undefined;
        return {
          level,
          key: r.bucket,
          start: edge ? edge[0] : bucketStart(r.bucket),
          end: edge ? edge[1] : bucketEnd(r.bucket),
          n: toCount(r.n),
        };
      })
      .filter((s) => s.n > 0)
      .sort((x, y) => y.start - x.start);
  }

  /**
   * Where the event `offset` places below the newest lies: the end of its hour (or edge) and how many
   * newer events of that hour come before it. A month or day that holds it is opened into its days or
   * hours (one small grouped read each), so the index walk is at most one hour's events.
   */
  private async seek(
    organisationId: string,
    q: AuditQuery,
    segments: Segment[],
    offset: number,
  ): Promise<{ end: number; skip: number } | undefined> {
    let before = 0;
    for (let i = 0; i < segments.length; ) {
      const s = segments[i] as Segment;
      if (offset >= before + s.n) {
        before += s.n;
        i += 1;
      } else if (s.level === MONTH || s.level === DAY) {
        const level = s.level + 3;
        const rows = await this.buckets(organisationId, q, {
          level,
          lo: keyOf(level, s.start),
          hi: keyOf(level, s.end),
        }).execute();
        const inner = rows
          .map((r) => ({
            level,
            key: r.bucket,
            start: bucketStart(r.bucket),
            end: bucketEnd(r.bucket),
            n: toCount(r.n),
          }))
          .sort((x, y) => y.start - x.start);
        segments.splice(i, 1, ...inner);
      } else return { end: s.end, skip: offset - before };
    }
    return undefined;
  }

  /**
   * One page, newest first. With a `cursor` (the previous answer's `nextCursor`) the page is read by
   * keyset — the events older than the cursor's last event, an index range whatever the depth — and
   * the total is the one the first page counted, so follow-on pages count nothing. Without one, the
   * total is summed from the stored counts (`segments`); a shallow page reads event ids from the
   * filter's index up to its offset, alongside the count, and a deep one starts at the hour that holds
   * its offset (`seek`).
   */
  async list(
    organisationId: string,
    query: AuditQuery,
    page: number,
    pageSize: number,
    cursor?: string,
  ): Promise<Page<AuditEvent> & { nextCursor: string | null }> {
    const q = normalised(query);
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const names = await this.actorNames(organisationId, q);
    const pageNumber = after ? after.page + 1 : page;
    const offset = (pageNumber - 1) * pageSize;
    const newestFirst = <T extends { orderBy: (c: 'at' | 'id', d: 'desc') => T }>(b: T) =>
      b.orderBy('at', 'desc').orderBy('id', 'desc');
    const byIds = (ids: ReturnType<typeof this.filtered>) =>
      newestFirst(
        this.ctx.db.selectFrom('audit_events').selectAll().where('id', 'in', ids.select('id')),
      ).execute();
    let total: number;
    let rows: AuditEventsTable[];
    // One upper bound on the time index, the tighter one (SQLite, given two as parameters, may range
    // over the looser and filter): the cursor's event, or the end of the hour that holds the offset,
    // lie within `to`, so `to` goes.
    if (after) {
      total = after.total;
      rows = await this.olderThan(organisationId, q, names, after, pageSize);
    } else if (offset < SEEK_DEPTH || q.runId !== undefined || q.person !== undefined) {
      // One after the other on one connection: the count is a sum over stored counts (~0.3 ms), and
      // sending both at once made PostgreSQL's first request open a second connection (57-100 ms
      // against 14-18 ms at load 12).
      const page = () =>
        offset === 0
          ? newestFirst(this.filtered(organisationId, q, names).selectAll())
              .limit(pageSize)
              .execute()
          : byIds(
              newestFirst(this.filtered(organisationId, q, names))
                .limit(pageSize)
                .offset(offset),
            );
      total = await this.countOf(organisationId, q);
      rows = await page();
    } else {
      const segments = (await this.segments(organisationId, q)) ?? [];
      total = segments.reduce((sum, s) => sum + s.n, 0);
      const at = await this.seek(organisationId, q, segments, offset);
      rows = at
        ? await byIds(
            newestFirst(this.filtered(organisationId, { ...q, to: new Date(at.end).toISOString() }, names))
              .limit(pageSize)
              .offset(at.skip),
          )
        : [];
    }
    const last = rows.at(-1);
    const nextCursor =
      last !== undefined && rows.length === pageSize && pageNumber * pageSize < total
        ? encodeCursor({ at: last.at, id: last.id, page: pageNumber, total })
        : null;
    return { items: rows.map(toEvent), total, page: pageNumber, pageSize, nextCursor };
  }

  /**
   * How many events match: a sum over the stored counts (kept by the database as events are written
   * and pruned) plus the events of the time range's edges within an hour; with a run or person filter,
   * a count over that filter's index.
   */
  async countOf(organisationId: string, query: AuditQuery): Promise<number> {
    const q = normalised(query);
    const segments = await this.segments(organisationId, q);
    if (segments) return segments.reduce((sum, s) => sum + s.n, 0);
    const row = await this.filtered(organisationId, q)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toCount(row?.n);
  }

  /**
   * The events of a query older than `after` (or the newest, without it), newest first: a keyset page,
   * an index range whatever the depth.
   */
  private async olderThan(
    organisationId: string,
    q: AuditQuery,
    names: ActorNames | undefined,
    after: { readonly at: string; readonly id: string } | undefined,
    limit: number,
  ): Promise<AuditEventsTable[]> {
    // One upper bound on the time index (see `list`): the cursor's event lies within `to`, so `to` goes.
    const { to: _to, ...older } = q;
    const base = after
      ? this.filtered(organisationId, older, names)
      : this.filtered(organisationId, q, names);
    return base
      .$if(after !== undefined, (b) =>
        b.where((eb) => {
          const { at, id } = after as { at: string; id: string };
          return eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]);
        }),
      )
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * The events `all` returns, `batch` at a time by keyset (an export writes each batch as it reads
   * it). Stop pulling and nothing more is read.
   */
  async *inBatches(
    organisationId: string,
    query: AuditQuery,
    limit: number,
    batch: number,
  ): AsyncGenerator<readonly AuditEvent[]> {
    const q = normalised(query);
    const names = await this.actorNames(organisationId, q);
    let after: { at: string; id: string } | undefined;
    for (let left = limit; left > 0; ) {
      const rows = await this.olderThan(organisationId, q, names, after, Math.min(batch, left));
      if (rows.length === 0) return;
      yield rows.map(toEvent);
      const last = rows.at(-1) as AuditEventsTable;
      after = { at: last.at, id: last.id };
      left -= rows.length;
      if (rows.length < Math.min(batch, left + rows.length)) return;
    }
  }

  /** For exports; capped so one request cannot read an unbounded log into memory. */
  async all(organisationId: string, query: AuditQuery, limit: number): Promise<readonly AuditEvent[]> {
    const q = normalised(query);
    const names = await this.actorNames(organisationId, q);
    const rows = await this.filtered(organisationId, q, names)
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }
}
