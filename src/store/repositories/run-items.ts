/**
 * Run items, stored so that a run costs what it changes and any page of any order is cheap:
 * - persons with an action or a finding are rows; unchanged persons are one compressed list per run
 *   (run-person-list.ts), listed on demand;
 * - each row knows its place in the name, action and status orders (computed once, when the run is
 *   recorded; the name order's is its seq), so a page of one order, or of one action or status tile,
 *   is an index range; free-text, attribute and value filters scan the run's rows once (the matches
 *   are kept).
 */
import { deflateRawSync } from 'node:zlib';
import { type SelectQueryBuilder, sql } from 'kysely';
import {
  ACTIONS,
  type Action,
  ITEM_STATUSES,
  type ItemStatus,
  type RunItem,
  type RunStep,
  type StepReason,
} from '../../core/index.ts';
import { insertRows } from '../bulk.ts';
import type { RepoContext } from '../context.ts';
import type { Database, RunItemsTable } from '../database.ts';
import { fromJson, likePattern, toJson } from '../json.ts';
import type { Page, Run, RunCounts } from '../records.ts';
import {
  encodeOrders,
  type ItemOrders,
  mergedPlaces,
  type OrdersView,
  openOrders,
  pageOf,
} from './run-item-orders.ts';
import { type KeptNames, keptNames, keptNamesText, personsNamedIn } from './run-item-refs.ts';
import {
  chunkOffsets,
  compressList,
  decodeChunk,
  decodeList,
  fromEntry,
  isUnchanged,
  LIST_CHUNK,
  listHeadBytes,
  listText,
  nameKey,
  toEntry,
  type UnchangedEntry,
} from './run-person-list.ts';

export interface RunItemQuery {
  readonly action?: Action;
  readonly status?: ItemStatus;
  /** Matches the display name or the employee number. */
  readonly q?: string;
  /** Only items that change this attribute ("department"). */
  readonly attribute?: string;
  /** Only items with a change whose old or new value contains this text. */
  readonly value?: string;
  /** Leave out the unchanged persons (the run review opens on what changes). */
  readonly changesOnly?: boolean;
}

export const RUN_ITEM_SORTS = ['name', 'action', 'status'] as const;
export type RunItemSort = (typeof RUN_ITEM_SORTS)[number];

/** Problems first when sorting by status. */
const STATUS_ORDER: readonly ItemStatus[] = ['failed', 'blocked', 'warning', 'skipped', 'success'];
const actionRank = (a: Action): number => ACTIONS.indexOf(a);
const statusRank = (s: ItemStatus): number => STATUS_ORDER.indexOf(s);

const ITEM_COLUMNS = [
  'run_id',
  'seq',
  'employee_number',
  'display_name',
  'action',
  'status',
  'account_id',
  'changes',
  'steps',
  'error',
  'pos_name',
  'pos_action',
  'pos_status',
] as const satisfies readonly (keyof RunItemsTable)[];

/**
 * A step as stored: `[step, status, reason]` for a step with a reason — the code and its parameters
 * only, since the words and the detail behind them (`stepDetail`) are made from the reason where
 * shown; the engine's text was most of a stored item — and `[step, status, message]` for a step
 * without one. A tuple, not an object: the keys were a quarter of a row's steps (a warm 20,000-person
 * simulation: 723 → 543 B per stored item). Rows written before hold step objects, read as they are.
 */
type StoredStep = readonly [RunStep['step'], ItemStatus, string | StepReason];

/**
 * JSON of an item's steps as stored (`StoredStep` tuples), written directly: a step's name and status
 * are identifiers (nothing to escape), and no tuple is made only to be turned into text.
 */
function storedSteps(steps: readonly RunStep[]): string {
  let json = '[';
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i] as RunStep;
    json += `${i === 0 ? '' : ','}["${s.step}","${s.status}",${JSON.stringify(s.reason ?? s.message ?? null)}]`;
  }
  return `${json}]`;
}

const readStep = (s: StoredStep | RunStep): RunStep => {
  if (!Array.isArray(s)) return s as RunStep;
  const [step, status, why] = s as StoredStep;
  return typeof why === 'string'
    ? { step, status, message: why }
    : { step, status, message: '', reason: why };
};

export interface RecordedItems {
  readonly unchangedCount: number;
  readonly unchangedList: string | null;
  readonly itemCounts: RunCounts;
}

interface Keyed {
  readonly item: RunItem;
  readonly key: string;
}

const byName = (a: Keyed, b: Keyed) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Positions of the keyed items ordered by rank, in their given order within a rank (a stable sort;
 * ranks are small: actions, statuses).
 */
function stableByRank(keyed: readonly Keyed[], rank: (k: Keyed) => number): Int32Array {
  const starts: number[] = [];
  for (const k of keyed) {
    const r = rank(k) + 1;
    while (starts.length <= r + 1) starts.push(0);
    starts[r + 1] = (starts[r + 1] as number) + 1;
  }
  for (let r = 1; r < starts.length; r++) starts[r] = (starts[r] as number) + (starts[r - 1] as number);
  const order = new Int32Array(keyed.length);
  keyed.forEach((k, i) => {
    const r = rank(k) + 1;
    order[starts[r] as number] = i;
    starts[r] = (starts[r] as number) + 1;
  });
  return order;
}

function emptyCounts(): { actions: Record<Action, number>; statuses: Record<ItemStatus, number> } {
  return {
    actions: Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>,
    statuses: Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>,
  };
}

const valueText = (v: unknown): string =>
  v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);

const toItem = (r: RunItemsTable): RunItem => ({
  employeeNumber: r.employee_number,
  displayName: r.display_name,
  action: r.action as Action,
  status: r.status as ItemStatus,
  accountId: r.account_id,
  changes: fromJson<RunItem['changes']>(r.changes) ?? [],
  steps: (fromJson<readonly (StoredStep | RunStep)[]>(r.steps) ?? []).map(readStep),
  error: fromJson<RunItem['error']>(r.error),
});

/** Decoded unchanged lists by hash (a list never changes once written). */
const listCache = new Map<string, UnchangedEntry[]>();
/** Merged views of runs that list unchanged persons too, by run and query (runs do not change). */
const mergedCache = new Map<string, readonly MergedRow[]>();
const CACHE_SIZE = 6;
/** Seqs per `seq in (…)`: far below both stores' parameter limits. */
const SEQ_CHUNK = 5000;
/** Stored rows matched by recent filters, in order, by run, query and sort. */
const matchCache = new Map<string, Int32Array>();
/** Merged orders of recent runs (a few bytes per stored item), by run and finish time. */
const ordersCache = new Map<string, OrdersView | null>();
/** Chunk boundaries of lists, by hash (a list never changes once written). */
const headCache = new Map<string, readonly number[] | null>();
/** The names of the unchanged persons a run's items mention, by run. */
const namesCache = new Map<string, KeptNames | null>();

/**
 * The names of the unchanged persons whom the run's items mention (managers, owners), as
 * `keptNamesText` writes them: a page names them without decoding the whole list of unchanged persons.
 */
function mentionedUnchanged(items: readonly RunItem[], unchanged: readonly Keyed[]): string {
  const mentioned = personsNamedIn(items);
  const names: [string, string][] = [];
  for (const { item } of unchanged)
    if (mentioned.has(item.employeeNumber) && item.displayName !== '')
      names.push([item.employeeNumber, item.displayName]);
  return keptNamesText(names);
}
/** Decoded chunks of lists, by hash and chunk number: a page reads one or two, the next page the same. */
const chunkCache = new Map<string, UnchangedEntry[]>();
const CHUNK_CACHE_SIZE = 64;

function remember<V>(cache: Map<string, V>, key: string, value: V, size = CACHE_SIZE): V {
  cache.set(key, value);
  if (cache.size > size) cache.delete(cache.keys().next().value as string);
  return value;
}

/** No filter at all: everyone, stored or not, in one of the three orders. */
const isEveryone = (q: RunItemQuery): boolean =>
  q.action === undefined && q.status === undefined && !q.q && !q.attribute && !q.value;

/**
 * Where the stored items stand among everyone in each order (see run-item-orders.ts): the stored
 * items in each stored order (`byAction`, `byStatus`: name positions), the unchanged persons in name
 * order (all of them `no-change`; by status the skipped ones first).
 */
function mergedOrders(
  named: readonly Keyed[],
  byAction: Int32Array,
  byStatus: Int32Array,
  unchanged: readonly Keyed[],
): ItemOrders {
  const list = (order: ArrayLike<number> | null, of: readonly Keyed[], rank: (k: Keyed) => number) => ({
    length: of.length,
    rank: (i: number) => rank(of[order === null ? i : (order[i] as number)] as Keyed),
    key: (i: number) => (of[order === null ? i : (order[i] as number)] as Keyed).key,
  });
  const action = (k: Keyed) => actionRank(k.item.action);
  const status = (k: Keyed) => statusRank(k.item.status);
  const skipped: number[] = [];
  const succeeded: number[] = [];
  unchanged.forEach((k, i) => {
    (k.item.status === 'skipped' ? skipped : succeeded).push(i);
  });
  return {
    stored: named.length,
    unchanged: unchanged.length,
    places: {
      name: mergedPlaces(
        list(null, named, () => 0),
        list(null, unchanged, () => 0),
      ),
      action: mergedPlaces(list(byAction, named, action), list(null, unchanged, action)),
      status: mergedPlaces(
        list(byStatus, named, status),
        list([...skipped, ...succeeded], unchanged, status),
      ),
    },
    skipped: Int32Array.from(skipped),
    listOffsets: null,
  };
}

interface MergedRow {
  readonly key: string;
  readonly action: number;
  readonly status: number;
  /** A stored row's seq, or the unchanged person's entry. */
  readonly seq: number | null;
  readonly entry: UnchangedEntry | null;
}

export class RunItemRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** Records a run's items (once, when it finishes): rows for what changes, one list for the rest. */
  async record(
    run: { readonly id: string; readonly connectionId: string; readonly compact: boolean },
    items: readonly RunItem[],
  ): Promise<RecordedItems> {
    namesCache.delete(run.id);
    await this.ctx.db.deleteFrom('run_items').where('run_id', '=', run.id).execute();
    await this.ctx.db.deleteFrom('run_item_orders').where('run_id', '=', run.id).execute();
    const stored: Keyed[] = [];
    const unchanged: Keyed[] = [];
    for (const item of items) {
      (run.compact && isUnchanged(item) ? unchanged : stored).push({
        item,
        key: nameKey(item.displayName, item.employeeNumber),
      });
    }
    const counts = emptyCounts();
    const named = stored.sort(byName);
    for (const { item } of named) {
      counts.actions[item.action]++;
      counts.statuses[item.status]++;
    }
    // The action and status orders keep the name order within a rank (a stable sort); each row's
    // place in them is kept by its name position.
    const byAction = stableByRank(named, (k) => actionRank(k.item.action));
    const byStatus = stableByRank(named, (k) => statusRank(k.item.status));
    const posAction = new Int32Array(named.length);
    const posStatus = new Int32Array(named.length);
    byAction.forEach((at, i) => {
      posAction[at] = i;
    });
    byStatus.forEach((at, i) => {
      posStatus[at] = i;
    });
    // Written in name order (seq = the name position): a page in the default order is then a few
    // neighbouring table pages, not one page per row (PostgreSQL read 53 buffers for 50 rows).
    const rowsWritten = insertRows(
      this.ctx.db,
      this.ctx.dialect,
      'run_items',
      ITEM_COLUMNS,
      named.length,
      (seq) => {
        const { item } = named[seq] as Keyed;
        return [
          run.id,
          seq,
          item.employeeNumber,
          item.displayName,
          item.action,
          item.status,
          item.accountId,
          toJson(item.changes),
          storedSteps(item.steps),
          item.error === null ? null : toJson(item.error),
          seq,
          posAction[seq],
          posStatus[seq],
        ];
      },
    );
    if (unchanged.length === 0) {
      await rowsWritten;
      return { unchangedCount: 0, unchangedList: null, itemCounts: counts };
    }
    // The list is made into text while the rows are written (on PostgreSQL, while the server inserts
    // them); it is compressed only when its hash is not stored yet — a run that leaves the same persons
    // unchanged as an earlier one shares that run's list, and only the hash was needed.
    rowsWritten.catch(() => {});
    unchanged.sort(byName);
    const text = listText(unchanged.map((k) => toEntry(k.item)));
    // So are the orders and the names of the unchanged persons the items mention: only the list's
    // chunk boundaries wait for the database.
    const merged = mergedOrders(named, byAction, byStatus, unchanged);
    const mentioned = mentionedUnchanged(items, unchanged);
    await rowsWritten;
    let listOffsets = await this.storedList(run.connectionId, text.hash, unchanged.length);
    if (listOffsets === undefined) {
      const list = compressList(text);
      const inserted = await this.ctx.db
        .insertInto('run_person_lists')
        .values({
          connection_id: run.connectionId,
          hash: text.hash,
          persons: unchanged.length,
          data: list.data,
          created_at: this.ctx.clock.now(),
        })
        .onConflict((oc) => oc.columns(['connection_id', 'hash']).doNothing())
        .executeTakeFirst();
      // A list shared with an earlier run keeps that run's bytes (compressed by the zlib of its day):
      // its own chunk boundaries are the ones to keep.
      listOffsets =
        Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
          ? list.offsets
          : ((await this.storedList(run.connectionId, text.hash, unchanged.length)) ?? null);
    }
    // The list's first chunk travels with the orders too: page 1 by name reads no list (run-item-orders.ts).
    const firstChunk = text.chunks[0] === undefined ? null : deflateRawSync(text.chunks[0]);
    const orders = encodeOrders({ ...merged, listOffsets, firstChunk });
    await this.ctx.db
      .insertInto('run_item_orders')
      .values({ run_id: run.id, data: orders, unchanged_names: mentioned })
      .execute();
    return { unchangedCount: unchanged.length, unchangedList: text.hash, itemCounts: counts };
  }

  async list(
    run: Run,
    query: RunItemQuery,
    sort: RunItemSort,
    page: number,
    pageSize: number,
  ): Promise<Page<RunItem>> {
    // Retention removed them: the run and its counts stay, its items are gone.
    if (run.itemsPrunedAt !== null) return { items: [], total: 0, page, pageSize };
    if (this.listsUnchanged(run, query)) {
      const everyone = isEveryone(query) ? await this.ordersOf(run) : null;
      if (everyone) return this.everyonePage(run, everyone, sort, page, pageSize);
      const merged = await this.merged(run, query, sort);
      const slice = merged.slice((page - 1) * pageSize, page * pageSize);
      const bySeq = await this.rowsBySeq(
        run.id,
        slice.flatMap((m) => (m.seq === null ? [] : [m.seq])),
      );
      const items = slice.map((m) =>
        m.entry !== null ? fromEntry(m.entry) : toItem(bySeq.get(m.seq as number) as RunItemsTable),
      );
      return { items, total: merged.length, page, pageSize };
    }
    const range = this.range(run, query, sort);
    if (range) {
      const { column, start, count } = range;
      const from = start + (page - 1) * pageSize;
      const to = Math.min(start + count, from + pageSize);
      const rows = await this.rowsInRange(run.id, column, from, to);
      return { items: rows.map(toItem), total: count, page, pageSize };
    }
    // A free-text, changed-attribute or value filter scans the run's rows once; the matching rows'
    // places are kept (runs do not change), so the count and every later page are read by key.
    const matching = await this.matching(run, query, sort);
    const seqs = [...matching.subarray((page - 1) * pageSize, page * pageSize)];
    const bySeq = await this.rowsBySeq(run.id, seqs);
    const items = seqs.flatMap((seq) => {
      const row = bySeq.get(seq);
      return row ? [toItem(row)] : [];
    });
    return { items, total: matching.length, page, pageSize };
  }

  /** Rows by seq, a few thousand per statement (an export may ask for 50,000). */
  /** The stored items whose place in one order lies in [from, to), in that order. */
  private async rowsInRange(
    runId: string,
    column: 'pos_name' | 'pos_action' | 'pos_status',
    from: number,
    to: number,
  ): Promise<RunItemsTable[]> {
    if (to <= from) return [];
    // A row's place in the name order is its seq (0440): the primary key is that order's index.
    const by = column === 'pos_name' ? 'seq' : column;
    return this.ctx.db
      .selectFrom('run_items')
      .selectAll()
      .where('run_id', '=', runId)
      .where(by, '>=', from)
      .where(by, '<', to)
      .orderBy(by)
      .execute();
  }

  private async rowsBySeq(runId: string, seqs: readonly number[]): Promise<Map<number, RunItemsTable>> {
    const bySeq = new Map<number, RunItemsTable>();
    for (let at = 0; at < seqs.length; at += SEQ_CHUNK) {
      const rows = await this.ctx.db
        .selectFrom('run_items')
        .selectAll()
        .where('run_id', '=', runId)
        .where('seq', 'in', seqs.slice(at, at + SEQ_CHUNK))
        .execute();
      for (const r of rows) bySeq.set(Number(r.seq), r);
    }
    return bySeq;
  }

  /** The stored rows a filter matches, in the given order, as their seq (cached per run and query). */
  private async matching(run: Run, query: RunItemQuery, sort: RunItemSort): Promise<Int32Array> {
    // A blocked run that is approved runs again and is recorded again: its finish time tells them apart.
    const cacheKey = `${run.id}|${run.finishedAt}|${sort}|${JSON.stringify(query)}`;
    const known = matchCache.get(cacheKey);
    if (known) return known;
    const order = sort === 'name' ? 'seq' : (`pos_${sort}` as const);
    const attribute = query.attribute ?? '';
    const value = (query.value ?? '').toLowerCase();
    if (attribute === '' && value === '') {
      const rows = await this.filtered(run.id, query).select('seq').orderBy(order).execute();
      return remember(
        matchCache,
        cacheKey,
        Int32Array.from(rows, (r) => Number(r.seq)),
      );
    }
    // A changed-attribute or value filter reads the rows' changes once and matches them here: rows
    // keep no columns of their own for it (0440), which every recorded run paid for.
    // An attribute is looked for in the JSON text first, as it is written there (`"attribute":"…"`):
    // only the rows that can match are read and parsed.
    const quoted = JSON.stringify(attribute);
    const prefilter = attribute !== '' && quoted === `"${attribute}"`;
    const rows = await this.filtered(run.id, query)
      .select(['seq', 'changes'])
      .$if(prefilter, (q) =>
        q.where(
          sql<boolean>`changes like ${`%"attribute":${quoted.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
        ),
      )
      .orderBy(order)
      .execute();
    const seqs: number[] = [];
    for (const r of rows) {
      const changes = fromJson<RunItem['changes']>(r.changes) ?? [];
      if (attribute !== '' && !changes.some((c) => c.attribute === attribute)) continue;
      if (
        value !== '' &&
        !changes.some(
          (c) =>
            valueText(c.old).toLowerCase().includes(value) || valueText(c.new).toLowerCase().includes(value),
        )
      )
        continue;
      seqs.push(Number(r.seq));
    }
    return remember(matchCache, cacheKey, Int32Array.from(seqs));
  }

  /** Every item of the query in the given order (exports). */
  async all(run: Run, query: RunItemQuery, sort: RunItemSort = 'name'): Promise<readonly RunItem[]> {
    const total = run.unchangedCount + (run.itemCounts ? sumOf(run.itemCounts.actions) : 1_000_000);
    return (await this.list(run, query, sort, 1, Math.max(1, total))).items;
  }

  /**
   * Names for what a page shows as ids: accounts by UPN and display name (from the tenant cache),
   * managers (employee numbers) by their account's display name, else (someone not linked yet, as
   * in a first simulation) by the name `run` read from AFAS for them: its stored items, then its
   * unchanged persons (kept beside the run's orders; decoded from its list for runs recorded before).
   * One statement for all of it: on PostgreSQL each statement is a round trip, and a page's links,
   * accounts and items asked one after another were half of its first request.
   */
  async names(
    connectionId: string,
    accountIds: readonly string[],
    employeeNumbers: readonly string[],
    run?: Run,
  ): Promise<{
    accounts: ReadonlyMap<string, { upn: string | null; displayName: string | null }>;
    persons: ReadonlyMap<string, string>;
  }> {
    const numbers = [...new Set(employeeNumbers)];
    const ids = [...new Set(accountIds)];
    const db = this.ctx.db;
    const parts = [
      ...(numbers.length === 0
        ? []
        : [
            db
              .selectFrom('links as l')
              .innerJoin('tenant_accounts as t', (j) =>
                j.onRef('t.connection_id', '=', 'l.connection_id').onRef('t.account_id', '=', 'l.account_id'),
              )
              .select([
                sql.lit('link').as('kind'),
                'l.employee_number as person',
                't.account_id as account',
                't.attributes as text',
              ])
              .where('l.connection_id', '=', connectionId)
              .where('l.employee_number', 'in', numbers),
          ]),
      ...(ids.length === 0
        ? []
        : [
            db
              .selectFrom('tenant_accounts')
              .select([
                sql.lit('account').as('kind'),
                sql<string | null>`null`.as('person'),
                'account_id as account',
                'attributes as text',
              ])
              .where('connection_id', '=', connectionId)
              .where('account_id', 'in', ids),
          ]),
      ...(run === undefined || numbers.length === 0
        ? []
        : [
            db
              .selectFrom('run_items')
              .select([
                sql.lit('item').as('kind'),
                'employee_number as person',
                sql<string | null>`null`.as('account'),
                'display_name as text',
              ])
              .where('run_id', '=', run.id)
              .where('employee_number', 'in', numbers),
          ]),
    ];
    const [first, ...rest] = parts.map((p) => p.$castTo<NameRow>() as NamesQuery);
    const rows = first ? await rest.reduce((q, p) => q.unionAll(p), first).execute() : [];
    const accounts = new Map<string, { upn: string | null; displayName: string | null }>();
    const byLink = new Map<string, string>();
    const byItem = new Map<string, string>();
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    for (const r of rows) {
      if (r.kind === 'item') {
        if (r.text !== '') byItem.set(r.person as string, r.text);
        continue;
      }
      const a = JSON.parse(r.text) as Record<string, unknown>;
      const account = { upn: text(a.userPrincipalName), displayName: text(a.displayName) };
      accounts.set(r.account as string, account);
      if (r.kind === 'link' && account.displayName !== null)
        byLink.set(r.person as string, account.displayName);
    }
    const persons = new Map<string, string>();
    const unnamed: string[] = [];
    for (const n of numbers) {
      const name = byLink.get(n) ?? byItem.get(n);
      if (name !== undefined) persons.set(n, name);
      else unnamed.push(n);
    }
    if (run !== undefined && unnamed.length > 0) {
      const kept = await this.unchangedNames(run);
      if (kept !== null) {
        for (const n of unnamed) {
          const name = kept.get(n);
          if (name !== undefined) persons.set(n, name);
        }
      } else {
        const wanted = new Set(unnamed);
        for (const [n, name] of await this.unchangedEntries(run))
          if (wanted.has(n) && name !== '') persons.set(n, name);
      }
    }
    return { accounts, persons };
  }

  /** The compact list of unchanged persons is part of the answer. */
  private listsUnchanged(run: Run, query: RunItemQuery): boolean {
    return (
      run.unchangedCount > 0 &&
      run.unchangedList !== null &&
      query.changesOnly !== true &&
      (query.action === undefined || query.action === 'no-change') &&
      (query.status === undefined || query.status === 'success' || query.status === 'skipped') &&
      !query.attribute &&
      !query.value
    );
  }

  /**
   * A tile's page as an index range: the rows of one action lie together in the action order (and
   * of one status in the status order), starting after the rows of the ranks before it.
   */
  private range(
    run: Run,
    query: RunItemQuery,
    sort: RunItemSort,
  ): { column: 'pos_name' | 'pos_action' | 'pos_status'; start: number; count: number } | null {
    const counts = run.itemCounts;
    if (counts === null || query.q || query.attribute || query.value) return null;
    if (query.action === undefined && query.status === undefined) {
      return { column: `pos_${sort}`, start: 0, count: sumOf(counts.actions) };
    }
    if (query.action !== undefined && query.status === undefined && sort !== 'status') {
      const rank = actionRank(query.action);
      const start = ACTIONS.slice(0, rank).reduce((n, a) => n + counts.actions[a], 0);
      return { column: 'pos_action', start, count: counts.actions[query.action] };
    }
    if (query.status !== undefined && query.action === undefined && sort !== 'action') {
      const rank = statusRank(query.status);
      const start = STATUS_ORDER.slice(0, rank).reduce((n, s) => n + counts.statuses[s], 0);
      return { column: 'pos_status', start, count: counts.statuses[query.status] };
    }
    return null;
  }

  private filtered(runId: string, query: RunItemQuery) {
    return this.ctx.db
      .selectFrom('run_items')
      .where('run_id', '=', runId)
      .$if(query.action !== undefined, (q) => q.where('action', '=', query.action as Action))
      .$if(query.status !== undefined, (q) => q.where('status', '=', query.status as ItemStatus))
      .$if(query.q !== undefined && query.q !== '', (q) => {
        const pattern = likePattern(query.q ?? '');
        return q.where(
          sql<boolean>`(lower(display_name) like ${pattern} escape '\\' or lower(employee_number) like ${pattern} escape '\\')`,
        );
      });
  }

  /** The stored rows and the unchanged persons of a query, in one order (cached: runs do not change). */
  private async merged(run: Run, query: RunItemQuery, sort: RunItemSort): Promise<readonly MergedRow[]> {
    // A blocked run that is approved runs again and is recorded again: its finish time tells them apart.
    const cacheKey = `${run.id}|${run.finishedAt}|${sort}|${JSON.stringify(query)}`;
    const known = mergedCache.get(cacheKey);
    if (known) return known;
    const stored = await this.filtered(run.id, query)
      .select(['seq', 'display_name', 'employee_number', 'action', 'status'])
      .execute();
    const rows: MergedRow[] = stored.map((r) => ({
      key: nameKey(r.display_name, r.employee_number),
      action: actionRank(r.action as Action),
      status: statusRank(r.status as ItemStatus),
      seq: Number(r.seq),
      entry: null,
    }));
    const needle = query.q?.toLowerCase() ?? '';
    for (const entry of await this.unchangedEntries(run)) {
      const status: ItemStatus = entry[3] === 1 ? 'skipped' : 'success';
      if (query.status !== undefined && query.status !== status) continue;
      if (
        needle !== '' &&
        !entry[1].toLowerCase().includes(needle) &&
        !entry[0].toLowerCase().includes(needle)
      )
        continue;
      rows.push({
        key: nameKey(entry[1], entry[0]),
        action: actionRank('no-change'),
        status: statusRank(status),
        seq: null,
        entry,
      });
    }
    const rank =
      sort === 'action'
        ? (m: MergedRow) => m.action
        : sort === 'status'
          ? (m: MergedRow) => m.status
          : () => 0;
    rows.sort((a, b) => rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return remember(mergedCache, cacheKey, rows);
  }

  /**
   * The run's merged orders (runs recorded before 0390 have none), cached: runs do not change. The
   * names of the unchanged persons its items mention come with them (0431): the page asks for them
   * next, and on PostgreSQL each statement is a round trip of its own.
   */
  private async ordersOf(run: Run): Promise<OrdersView | null> {
    const cacheKey = `${run.id}|${run.finishedAt}`;
    const known = ordersCache.get(cacheKey);
    if (known !== undefined) return known;
    const row = await this.ctx.db
      .selectFrom('run_item_orders')
      .select(['data', 'unchanged_names'])
      .where('run_id', '=', run.id)
      .executeTakeFirst();
    if (row && !namesCache.has(run.id)) remember(namesCache, run.id, parsedNames(row.unchanged_names));
    return remember(ordersCache, cacheKey, row ? openOrders(row.data) : null);
  }

  /** A page of everyone: the stored items of one index range, the unchanged persons between them. */
  private async everyonePage(
    run: Run,
    orders: OrdersView,
    sort: RunItemSort,
    page: number,
    pageSize: number,
  ): Promise<Page<RunItem>> {
    const total = orders.stored + orders.unchanged;
    const from = Math.min(total, (page - 1) * pageSize);
    const to = Math.min(total, from + pageSize);
    const { storedFrom, storedTo, slots } = pageOf(orders, sort, from, to);
    const column = `pos_${sort}` as const;
    const wanted = slots.flatMap((s) => ('unchanged' in s ? [s.unchanged] : []));
    // Both at once: on PostgreSQL, two pooled connections.
    const [rows, entries] = await Promise.all([
      this.rowsInRange(run.id, column, storedFrom, storedTo),
      this.entriesAt(run, wanted, orders.listOffsets, orders.firstChunk),
    ]);
    const items = slots.map((s) =>
      'stored' in s
        ? toItem(rows[s.stored - storedFrom] as RunItemsTable)
        : fromEntry(entries.get(s.unchanged) as UnchangedEntry),
    );
    return { items, total, page, pageSize };
  }

  /**
   * Unchanged persons by their index in the run's list: from the whole list when it is decoded
   * already (or stored in the first format), else only the chunks that hold them.
   */
  private async entriesAt(
    run: Run,
    indices: readonly number[],
    /** The list's chunk boundaries when the run's orders carry them (no head to read). */
    knownOffsets: readonly number[] | null = null,
    /** The list's first chunk when the run's orders carry it. */
    firstChunk: Uint8Array | null = null,
  ): Promise<Map<number, UnchangedEntry>> {
    const found = new Map<number, UnchangedEntry>();
    const hash = run.unchangedList;
    if (indices.length === 0 || hash === null) return found;
    const whole = listCache.get(hash);
    const offsets = whole ? null : (knownOffsets ?? (await this.chunkOffsetsOf(run, hash)));
    if (whole || offsets === null) {
      const list = whole ?? (await this.unchangedEntries(run));
      for (const i of indices) found.set(i, list[i] as UnchangedEntry);
      return found;
    }
    if (firstChunk !== null && !chunkCache.has(`${hash}|0`) && indices.some((i) => i < LIST_CHUNK))
      remember(chunkCache, `${hash}|0`, decodeChunk(firstChunk), CHUNK_CACHE_SIZE);
    const needed = [...new Set(indices.map((i) => Math.floor(i / LIST_CHUNK)))].sort((a, b) => a - b);
    const missing = needed.filter((c) => !chunkCache.has(`${hash}|${c}`));
    // Neighbouring chunks are read as one range of bytes; each range is one column of one query.
    const ranges: { first: number; last: number }[] = [];
    for (const c of missing) {
      const r = ranges.at(-1);
      if (r && r.last === c - 1) r.last = c;
      else ranges.push({ first: c, last: c });
    }
    if (ranges.length > 0) {
      const row = await this.ctx.db
        .selectFrom('run_person_lists')
        .select(
          ranges.map((r, i) => {
            const start = offsets[r.first] as number;
            const end = offsets[r.last + 1] as number;
            return sql<Uint8Array>`substr(data, ${start + 1}, ${end - start})`.as(`r${i}`);
          }),
        )
        .where('connection_id', '=', run.connectionId)
        .where('hash', '=', hash)
        .executeTakeFirst();
      ranges.forEach((r, i) => {
        const bytes = (row as Record<string, Uint8Array> | undefined)?.[`r${i}`];
        if (!bytes) return;
        const base = offsets[r.first] as number;
        for (let c = r.first; c <= r.last; c++) {
          const chunk = bytes.subarray((offsets[c] as number) - base, (offsets[c + 1] as number) - base);
          remember(chunkCache, `${hash}|${c}`, decodeChunk(chunk), CHUNK_CACHE_SIZE);
        }
      });
    }
    for (const i of indices) {
      const entry = chunkCache.get(`${hash}|${Math.floor(i / LIST_CHUNK)}`)?.[i % LIST_CHUNK];
      if (entry !== undefined) found.set(i, entry);
    }
    return found;
  }

  /** The chunk boundaries of a stored list, read from its head; null for a list of the first format. */
  private async storedOffsets(connectionId: string, hash: string, persons: number): Promise<number[] | null> {
    return (await this.storedList(connectionId, hash, persons)) ?? null;
  }

  /**
   * The chunk boundaries of a stored list (null for a list of the first format), or undefined when the
   * connection has no list of that hash.
   */
  private async storedList(
    connectionId: string,
    hash: string,
    persons: number,
  ): Promise<number[] | null | undefined> {
    const row = await this.ctx.db
      .selectFrom('run_person_lists')
      .select(sql<Uint8Array>`substr(data, 1, ${listHeadBytes(persons)})`.as('head'))
      .where('connection_id', '=', connectionId)
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row ? chunkOffsets(row.head, persons) : undefined;
  }

  private async chunkOffsetsOf(run: Run, hash: string): Promise<readonly number[] | null> {
    const known = headCache.get(hash);
    if (known !== undefined) return known;
    return remember(headCache, hash, await this.storedOffsets(run.connectionId, hash, run.unchangedCount));
  }

  /**
   * The names of the unchanged persons the run's items mention, kept when it was recorded (0431);
   * null for a run recorded before, whose list is then decoded whole.
   */
  private async unchangedNames(run: Run): Promise<KeptNames | null> {
    const known = namesCache.get(run.id);
    if (known !== undefined) return known;
    const row = await this.ctx.db
      .selectFrom('run_item_orders')
      .select('unchanged_names')
      .where('run_id', '=', run.id)
      .executeTakeFirst();
    return remember(namesCache, run.id, parsedNames(row?.unchanged_names ?? null));
  }

  private async unchangedEntries(run: Run): Promise<readonly UnchangedEntry[]> {
    const hash = run.unchangedList;
    if (hash === null) return [];
    const known = listCache.get(hash);
    if (known) return known;
    const row = await this.ctx.db
      .selectFrom('run_person_lists')
      .select('data')
      .where('connection_id', '=', run.connectionId)
      .where('hash', '=', hash)
      .executeTakeFirst();
    return remember(listCache, hash, row ? decodeList(row.data, run.unchangedCount) : []);
  }
}

/** A row of `names`: a linked account, an account, or a run item's name (`kind`). */
interface NameRow {
  readonly kind: string;
  readonly person: string | null;
  readonly account: string | null;
  readonly text: string;
}
/** The three parts of `names` read different tables; their union is one statement. */
type NamesQuery = SelectQueryBuilder<Database, keyof Database, NameRow>;

const parsedNames = (text: string | null): KeptNames | null => (text ? keptNames(text) : null);

const sumOf = (counts: Readonly<Record<string, number>>): number =>
  Object.values(counts).reduce((n, c) => n + c, 0);
