/**
 * Run items, stored so that a run costs what it changes and any page of any order is cheap:
 * - persons with an action or a finding are stored items, in blocks of their name order (0450,
 *   run-item-blocks.ts; runs recorded before keep one row each); unchanged persons are one compressed
 *   list per run (run-person-list.ts), listed on demand;
 * - each stored item's place in the name, action and status orders is computed once, when the run is
 *   recorded (the name order's is its seq), so a page of one order, or of one action or status tile,
 *   is a range of places: the blocks of those seqs (for rows, an index range); the free-text filter
 *   reads the run's index of names, attribute and value filters scan the run's items once (the
 *   matches are kept).
 */
import { deflateRawSync } from 'node:zlib';
import { CompiledQuery, sql } from 'kysely';
import {
  ACTIONS,
  type Action,
  ITEM_STATUSES,
  type ItemStatus,
  type RunItem,
  type RunStep,
} from '../../core/index.ts';
import { insertRows } from '../bulk.ts';
import type { DialectName, RepoContext } from '../context.ts';
import type { RunItemsTable } from '../database.ts';
import { fromJson, likePattern } from '../json.ts';
import type { Page, Run, RunCounts } from '../records.ts';
import {
  encodeBlock,
  encodeItemIndex,
  type IndexEntry,
  ITEM_BLOCK,
  ItemBlock,
  type ItemIndex,
  itemLine,
  lineItem,
  openItemIndex,
  readStep,
  type StoredStep,
} from './run-item-blocks.ts';
import {
  encodeOrders,
  type ItemOrders,
  type OrdersView,
  openOrders,
  pageOf,
  seqAt,
} from './run-item-orders.ts';
import {
  type KeptNames,
  keptNames,
  keptNamesBytes,
  keptNamesText,
  personsNamedBy,
  personsNamedByReason,
} from './run-item-refs.ts';
import {
  chunkOffsets,
  compressList,
  decodeChunk,
  decodeList,
  foldName,
  fromEntry,
  isUnchanged,
  LIST_CHUNK,
  listHeadBytes,
  listText,
  nameKey,
  sameData,
  sameEntries,
  toEntry,
  type UnchangedEntry,
} from './run-person-list.ts';

/**
 * The statements a page reads with, as fixed text per dialect, made once: a page's first request
 * paid for building and compiling them with the query builder (its code not yet optimised in a
 * fresh process, ~2 ms of a first page on a loaded machine), and a list of ids is one parameter
 * (SQLite: a JSON array read by `json_each`; PostgreSQL: an array), so the text does not change with
 * the number of ids and SQLite prepares each statement once per connection, not once per count.
 */
const READS = {
  sqlite: readTexts('sqlite'),
  postgres: readTexts('postgres'),
} as const;

function readTexts(dialect: DialectName) {
  let n = 0;
  // `?` on SQLite, `$1`, `$2`, … on PostgreSQL, in the order of the parameters.
  const p = () => (dialect === 'sqlite' ? '?' : `$${++n}`);
  /** `column` is one of a list parameter's values (`listParameter`). */
  const oneOf = (column: string, type: 'text' | 'int') =>
    dialect === 'sqlite'
      ? `${column} in (select value from json_each(${p()}))`
      : `${column} = any(${p()}::${type}[])`;
  const text = (make: () => string) => {
    n = 0;
    return make();
  };
  return {
    orders: text(() => `select data, unchanged_names, item_names from run_item_orders where run_id = ${p()}`),
    index: text(() => `select items from run_item_orders where run_id = ${p()}`),
    blocks: text(
      () => `select block, data from run_item_blocks where run_id = ${p()} and ${oneOf('block', 'int')}`,
    ),
    // Linked accounts of persons, accounts by id, and run items' names (runs recorded as rows).
    names: text(
      () =>
        `select 'link' as kind, l.employee_number as person, t.account_id as account, t.attributes as text from links l join tenant_accounts t on t.connection_id = l.connection_id and t.account_id = l.account_id where l.connection_id = ${p()} and ${oneOf('l.employee_number', 'text')}` +
        ` union all select 'account' as kind, null as person, account_id as account, attributes as text from tenant_accounts where connection_id = ${p()} and ${oneOf('account_id', 'text')}` +
        ` union all select 'item' as kind, employee_number as person, null as account, display_name as text from run_items where run_id = ${p()} and ${oneOf('employee_number', 'text')}`,
    ),
  };
}

/** A list of ids as one parameter of a `READS` statement. */
const listParameter = (dialect: DialectName, values: readonly (string | number)[]): unknown =>
  dialect === 'sqlite' ? JSON.stringify(values) : values;

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

const BLOCK_COLUMNS = ['run_id', 'block', 'data'] as const;

export interface RecordedItems {
  readonly unchangedCount: number;
  readonly unchangedList: string | null;
  readonly itemCounts: RunCounts;
}

/**
 * What the record reads of each person, by their place in the run's order, gathered in one pass over
 * the items: the other passes (name order, splits, orders, names, index) read these compact arrays
 * instead of 50,000 items scattered over the heap.
 */
interface Persons {
  readonly numbers: readonly string[];
  readonly names: readonly string[];
  /** 1 for a stored item, 0 for one of the unchanged persons (kept in the run's list). */
  readonly stored: Uint8Array;
}

/** `nameKey` of person `i`, from their name folded once. */
const keyOf = (p: Persons, folded: readonly string[], i: number): string =>
  `${folded[i] as string}\u0000${p.numbers[i] as string}`;

/**
 * Persons in name order, as a stable sort by `nameKey` would put them: grouped by their keys' first two
 * characters first (an exact prefix of the order: keys compare character by character), so each group
 * sorts only its few — a 50,000-person run's comparisons fall from ~16 a key to ~6.
 */
function sortByName(p: Persons, folded: readonly string[]): Int32Array {
  const keys: string[] = new Array(folded.length);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < folded.length; i++) {
    const key = keyOf(p, folded, i);
    keys[i] = key;
    // A key shorter than two characters comes before every longer key that starts like it.
    const id =
      key.length === 0 ? -1 : key.charCodeAt(0) * 0x10001 + (key.length === 1 ? 0 : key.charCodeAt(1) + 1);
    const group = groups.get(id);
    if (group) group.push(i);
    else groups.set(id, [i]);
  }
  const byKey = (a: number, b: number) => {
    const x = keys[a] as string;
    const y = keys[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const sorted = new Int32Array(folded.length);
  let at = 0;
  for (const id of [...groups.keys()].sort((a, b) => a - b)) {
    const group = groups.get(id) as number[];
    if (group.length > 1) group.sort(byKey);
    for (const i of group) sorted[at++] = i;
  }
  return sorted;
}

/**
 * The name order of each connection's last recorded run, as positions in its run order, with its
 * names and employee numbers in run order. A run whose names and numbers are the same, one by one,
 * has the same persons at the same places, so the same order: found with no name folded and no key
 * compared (nor any text made: the arrays are compared, most strings by reference). Otherwise a run of the same persons under the same names in
 * another order is checked in one pass (each key before the next; keys are unique, so it is then the
 * only order they have) instead of sorting them again. A few bytes a person, for the last few
 * connections.
 */
const lastNameOrders = new Map<
  string,
  { readonly order: Int32Array; readonly names: readonly string[]; readonly numbers: readonly string[] }
>();
const NAME_ORDERS_KEPT = 8;

/**
 * The unchanged list of each connection's last recorded run: its entries, hash and first chunk
 * deflated. A run whose entries are the same (`sameEntries`) has the same list, so its hash and first
 * chunk are these, with no text made. A few bytes a person beside the strings the entries hold, for
 * the last few connections.
 */
const lastLists = new Map<
  string,
  { readonly entries: readonly UnchangedEntry[]; readonly hash: string; readonly firstChunk: Buffer | null }
>();
const LISTS_KEPT = 4;

/**
 * What an encoding made last for each of the last few connections, and from what: a run whose input
 * is the same (`sameData`) takes the same bytes, not made again — in a warm run the orders, the index
 * of the stored items and the kept names are most often the last run's (at 50,000 persons ~25 ms of
 * JSON and deflate a run).
 */
class LastMade<I, O> {
  readonly #last = new Map<string, { readonly input: I; readonly output: O }>();

  made(connectionId: string, input: I, make: (input: I) => O): O {
    const last = this.#last.get(connectionId);
    this.#last.delete(connectionId);
    const output = last !== undefined && sameData(last.input, input) ? last.output : make(input);
    remember(this.#last, connectionId, { input, output }, LISTS_KEPT);
    return output;
  }
}

const lastIndexes = new LastMade<
  { readonly numbers: readonly string[]; readonly names: readonly string[]; readonly ranks: Int32Array },
  Buffer
>();
const lastUnchangedNames = new LastMade<string, Buffer>();
const lastItemNames = new LastMade<string, Buffer>();
const lastOrders = new LastMade<ItemOrders, Buffer>();

/**
 * Person `a`'s key comes before `b`'s, compared as the folded name and then the employee number: the
 * key joins them with U+0000, which is below every other character, so a name that is a prefix of
 * another comes first either way — unless a name holds U+0000 itself, when the keys are compared.
 */
function before(p: Persons, folded: readonly string[], a: number, b: number): boolean {
  const x = folded[a] as string;
  const y = folded[b] as string;
  if (x.includes('\u0000') || y.includes('\u0000')) return keyOf(p, folded, a) < keyOf(p, folded, b);
  return x < y || (x === y && (p.numbers[a] as string) < (p.numbers[b] as string));
}

/** Everyone in name order (as `sortByName` puts them), as positions in the run's order. */
function inNameOrder(connectionId: string, p: Persons): Int32Array {
  const count = p.names.length;
  const last = lastNameOrders.get(connectionId);
  // Most recently used last: the first key is the one to let go.
  lastNameOrders.delete(connectionId);
  if (last !== undefined && sameStrings(last.numbers, p.numbers) && sameStrings(last.names, p.names)) {
    lastNameOrders.set(connectionId, last);
    return last.order;
  }
  const folded = p.names.map(foldName);
  let order: Int32Array | null = null;
  if (last !== undefined && last.order.length === count) {
    order = last.order;
    for (let i = 1; i < count; i++)
      if (!before(p, folded, order[i - 1] as number, order[i] as number)) {
        order = null;
        break;
      }
  }
  order ??= sortByName(p, folded);
  remember(lastNameOrders, connectionId, { order, names: p.names, numbers: p.numbers }, NAME_ORDERS_KEPT);
  return order;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Positions ordered by rank, in their given order within a rank (a stable counting sort; ranks are
 * small: actions, statuses; -1 for one not known sorts first, as `indexOf` ranks it).
 */
function stableByRank(ranks: Int8Array): Int32Array {
  const starts: number[] = [];
  for (let i = 0; i < ranks.length; i++) {
    const r = (ranks[i] as number) + 1;
    while (starts.length <= r + 1) starts.push(0);
    starts[r + 1] = (starts[r + 1] as number) + 1;
  }
  for (let r = 1; r < starts.length; r++) starts[r] = (starts[r] as number) + (starts[r - 1] as number);
  const order = new Int32Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) {
    const r = (ranks[i] as number) + 1;
    order[starts[r] as number] = i;
    starts[r] = (starts[r] as number) + 1;
  }
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

/**
 * How a lowercased value filter's text appears in a stored line lowercased (its JSON escapes), or
 * null when a line may match without holding it so: when the text may span two values of a list
 * (`valueText` joins them with ", ", JSON with `","`), holds a surrogate (JSON escapes a lone one, and
 * the filter's may be half of a pair), or a sigma (lowercased, Σ is σ or ς by what follows it, which
 * differs between the value alone and its line). Otherwise, when a change's old or new value holds the
 * text (lowercased, as `valueText` writes it: a number or boolean as JSON does), its line lowercased
 * holds it JSON-escaped too — escapes are per character and unchanged by lowercasing — so no line
 * that matches is left out.
 */
function inText(lowered: string): string | null {
  if (lowered.includes(',') || lowered.startsWith(' ') || /[\ud800-\udfff\u03c2\u03c3]/.test(lowered))
    return null;
  return JSON.stringify(lowered).slice(1, -1);
}

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
/** A run's orders and the names kept beside them. */
interface OrdersRow {
  readonly view: OrdersView;
  /** The unchanged persons the run's items mention (0431; null before). */
  readonly unchanged: KeptNames | null;
  /** The stored items the run's items mention (0450; null for a run whose stored items are rows). */
  readonly items: KeptNames | null;
}
/** Merged orders of recent runs (a few bytes per stored item), by run and finish time. */
const ordersCache = new Map<string, OrdersRow | null>();
/** The indexes of recent runs' stored items, by run and finish time. */
const indexCache = new Map<string, ItemIndex | null>();
/** Inflated blocks of recent pages, by run, finish time and block number. */
const blockCache = new Map<string, ItemBlock>();
const BLOCK_CACHE_SIZE = 256;
/** Chunk boundaries of lists, by hash (a list never changes once written). */
const headCache = new Map<string, readonly number[] | null>();

/**
 * The names of the persons among `of` (places in the run's order) whom the run's items mention
 * (managers, owners), as `keptNamesText` writes them: a page names them without decoding the list of
 * unchanged persons or the run's index of stored items.
 */
function mentionedIn(p: Persons, of: Int32Array, mentioned: ReadonlySet<string>): string {
  const names: [string, string][] = [];
  for (let at = 0; at < of.length; at++) {
    const i = of[at] as number;
    const number = p.numbers[i] as string;
    const name = p.names[i] as string;
    if (mentioned.has(number) && name !== '') names.push([number, name]);
  }
  return keptNamesText(names);
}
/**
 * Whether the persons (places in the run's order) are in ascending employee number order (the
 * engine's): then the texts kept in that order (`keptNamesText`) come out the same from them as from
 * any other order of the same persons, with no sort left to do.
 */
function inNumberOrder(p: Persons, of: Int32Array): boolean {
  for (let at = 1; at < of.length; at++)
    if (!((p.numbers[of[at - 1] as number] as string) < (p.numbers[of[at] as number] as string)))
      return false;
  return true;
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
 * Where the stored items stand among everyone in each order (see run-item-orders.ts), from everyone
 * in name order: an item's place in an order of rank, then name, is the number of persons of a lower
 * rank plus those of its rank before it by name — one pass over the name order, counting per rank,
 * instead of merging the stored items' orders with the unchanged persons' key by key. `byAction` and
 * `byStatus` are the stored items' own orders (name positions), `actionOf` and `statusOf` their ranks
 * by name position; every unchanged person is `no-change`, and by status the skipped ones come first.
 */
function mergedOrders(
  p: Persons,
  everyone: Int32Array,
  seqOf: Int32Array,
  skippedAt: Uint8Array,
  actionOf: Int8Array,
  statusOf: Int8Array,
  byAction: Int32Array,
  byStatus: Int32Array,
  unchanged: Int32Array,
): ItemOrders {
  const skipped: number[] = [];
  for (let u = 0; u < unchanged.length; u++) if (skippedAt[unchanged[u] as number] === 1) skipped.push(u);
  const noChange = actionRank('no-change');
  const skippedRank = statusRank('skipped');
  const successRank = statusRank('success');
  const stored = actionOf.length;
  // Ranks run from -1 (one not known, as `indexOf` ranks it): shifted by one to index the counts.
  const ranks = Math.max(ACTIONS.length, STATUS_ORDER.length) + 1;
  const actionRankOf = (i: number) =>
    (p.stored[i] === 1 ? (actionOf[seqOf[i] as number] as number) : noChange) + 1;
  const statusRankOf = (i: number) =>
    (p.stored[i] === 1
      ? (statusOf[seqOf[i] as number] as number)
      : skippedAt[i] === 1
        ? skippedRank
        : successRank) + 1;
  const actionBefore = new Int32Array(ranks + 1);
  const statusBefore = new Int32Array(ranks + 1);
  for (let at = 0; at < everyone.length; at++) {
    const i = everyone[at] as number;
    const a = actionRankOf(i) + 1;
    const s = statusRankOf(i) + 1;
    actionBefore[a] = (actionBefore[a] as number) + 1;
    statusBefore[s] = (statusBefore[s] as number) + 1;
  }
  for (let r = 1; r <= ranks; r++) {
    actionBefore[r] = (actionBefore[r] as number) + (actionBefore[r - 1] as number);
    statusBefore[r] = (statusBefore[r] as number) + (statusBefore[r - 1] as number);
  }
  const name = new Int32Array(stored);
  const actionAt = new Int32Array(stored);
  const statusAt = new Int32Array(stored);
  for (let at = 0; at < everyone.length; at++) {
    const i = everyone[at] as number;
    const a = actionRankOf(i);
    const s = statusRankOf(i);
    if (p.stored[i] === 1) {
      const seq = seqOf[i] as number;
      name[seq] = at;
      actionAt[seq] = actionBefore[a] as number;
      statusAt[seq] = statusBefore[s] as number;
    }
    actionBefore[a] = (actionBefore[a] as number) + 1;
    statusBefore[s] = (statusBefore[s] as number) + 1;
  }
  return {
    stored,
    unchanged: unchanged.length,
    places: {
      name,
      action: byAction.map((seq) => actionAt[seq] as number),
      status: byStatus.map((seq) => statusAt[seq] as number),
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

  /**
   * Records a run's items (once, when it finishes): blocks for what changes, one list for the rest,
   * and the orders and index that page them.
   */
  async record(
    run: { readonly id: string; readonly connectionId: string; readonly compact: boolean },
    items: readonly RunItem[],
  ): Promise<RecordedItems> {
    // Rows too: a run recorded again (a blocked run approved) may have been recorded before 0450.
    await this.ctx.db.deleteFrom('run_items').where('run_id', '=', run.id).execute();
    await this.ctx.db.deleteFrom('run_item_blocks').where('run_id', '=', run.id).execute();
    await this.ctx.db.deleteFrom('run_item_orders').where('run_id', '=', run.id).execute();
    // One pass over the items, in the run's order (the engine's: by employee number): what the rest
    // reads of each person, each unchanged person's list entry, and whom those entries mention (whom
    // the stored items mention is found as their lines are made, each item read once while at hand).
    const count = items.length;
    const numbers: string[] = new Array(count);
    const names: string[] = new Array(count);
    const isStored = new Uint8Array(count);
    const skippedAt = new Uint8Array(count);
    const entries: UnchangedEntry[] = new Array(count);
    const mentioned = new Set<string>();
    const mention = (employeeNumber: string) => mentioned.add(employeeNumber);
    let storedCount = 0;
    for (let i = 0; i < count; i++) {
      const item = items[i] as RunItem;
      numbers[i] = item.employeeNumber;
      names[i] = item.displayName;
      if (run.compact && isUnchanged(item)) {
        const entry = toEntry(item);
        entries[i] = entry;
        if (item.status === 'skipped') skippedAt[i] = 1;
        // Only its entry is kept: the persons that names are the ones whose names the list needs (its
        // other steps, the match step's reason made when read, are not looked at for nobody).
        if (typeof entry[5] !== 'string') personsNamedByReason(entry[5], mention);
      } else {
        isStored[i] = 1;
        storedCount++;
      }
    }
    const persons: Persons = { numbers, names, stored: isStored };
    // Both in the run's order, as places in it.
    const stored = new Int32Array(storedCount);
    const unchangedInRunOrder = new Int32Array(count - storedCount);
    for (let i = 0, s = 0, u = 0; i < count; i++) {
      if (isStored[i] === 1) stored[s++] = i;
      else unchangedInRunOrder[u++] = i;
    }
    const counts = emptyCounts();
    // Everyone in one name order, split: the stored items' and the unchanged persons' name orders, and
    // each stored item's place among everyone read off it.
    const everyone = inNameOrder(run.connectionId, persons);
    const named = new Int32Array(storedCount);
    const unchanged = new Int32Array(count - storedCount);
    /** A stored item's seq (its place in the name order of the stored items), by place in the run. */
    const seqOf = new Int32Array(count);
    for (let at = 0, s = 0, u = 0; at < count; at++) {
      const i = everyone[at] as number;
      if (isStored[i] === 1) {
        seqOf[i] = s;
        named[s++] = i;
      } else unchanged[u++] = i;
    }
    // Each stored item's action and status rank, by seq.
    const actionOf = new Int8Array(named.length);
    const statusOf = new Int8Array(named.length);
    for (let seq = 0; seq < named.length; seq++) {
      const item = items[named[seq] as number] as RunItem;
      counts.actions[item.action]++;
      counts.statuses[item.status]++;
      actionOf[seq] = actionRank(item.action);
      statusOf[seq] = statusRank(item.status);
    }
    if (count === 0) return { unchangedCount: 0, unchangedList: null, itemCounts: counts };
    // The action and status orders keep the name order within a rank (a stable sort).
    const byAction = stableByRank(actionOf);
    const byStatus = stableByRank(statusOf);
    // Blocks of the name order (seq = the name position): a page in the default order is one or two
    // blocks. Each is deflated as soon as its lines are made (encodeBlock).
    const block = ITEM_BLOCK;
    const linesOf = (start: number): string[] => {
      const lines: string[] = [];
      const end = Math.min(named.length, start + block);
      for (let seq = start; seq < end; seq++) {
        const item = items[named[seq] as number] as RunItem;
        personsNamedBy(item, mention);
        lines.push(itemLine(item));
      }
      return lines;
    };
    const data: Buffer[] = [];
    for (let start = 0; start < named.length; start += block) data.push(encodeBlock(linesOf(start)));
    // On PostgreSQL the server inserts them while the rest is made here.
    const blocksWritten = insertRows(
      this.ctx.db,
      this.ctx.dialect,
      'run_item_blocks',
      BLOCK_COLUMNS,
      data.length,
      (b) => [run.id, b, data[b]],
    );
    // The rest is made while the blocks are written: the list's text (compressed only when its hash is
    // not stored yet — a run that leaves the same persons unchanged as an earlier one shares that run's
    // list), the orders, the index, the names of the persons the items mention.
    blocksWritten.catch(() => {});
    // The names the items mention are kept in employee number order: collected in the run's order
    // when that is it already, so only a check is left of their sort.
    const storedByNumber = inNumberOrder(persons, stored) ? stored : named;
    const itemNames = mentionedIn(persons, storedByNumber, mentioned);
    const unchangedNames = mentionedIn(
      persons,
      inNumberOrder(persons, unchangedInRunOrder) ? unchangedInRunOrder : unchanged,
      mentioned,
    );
    const listEntries =
      unchanged.length === 0 ? null : Array.from(unchanged, (i) => entries[i] as UnchangedEntry);
    // The list's hash: the connection's last list's when the entries are the same (its text is then
    // made only if that list is not stored), else from its text.
    const lastList = lastLists.get(run.connectionId);
    lastLists.delete(run.connectionId);
    const sameList =
      listEntries !== null && lastList !== undefined && sameEntries(lastList.entries, listEntries);
    let text = listEntries === null || sameList ? null : listText(listEntries);
    const hash = sameList ? (lastList?.hash as string) : (text?.hash ?? null);
    const merged = mergedOrders(
      persons,
      everyone,
      seqOf,
      skippedAt,
      actionOf,
      statusOf,
      byAction,
      byStatus,
      unchanged,
    );
    const keyedBy = (order: Int32Array, rankOf: Int8Array) =>
      order.map((seq) => (rankOf[seq] as number) * named.length + seq);
    const itemOrders = { block, action: keyedBy(byAction, actionOf), status: keyedBy(byStatus, statusOf) };
    // The index is kept in employee number order: the run's own order when it is that already (the
    // engine's is), so that order need not be sorted again from the name order.
    const ranks = new Int32Array(3 * storedByNumber.length);
    for (let at = 0; at < storedByNumber.length; at++) {
      const seq = seqOf[storedByNumber[at] as number] as number;
      ranks[3 * at] = seq;
      ranks[3 * at + 1] = actionOf[seq] as number;
      ranks[3 * at + 2] = statusOf[seq] as number;
    }
    const index = lastIndexes.made(
      run.connectionId,
      {
        numbers: Array.from(storedByNumber, (i) => numbers[i] as string),
        names: Array.from(storedByNumber, (i) => names[i] as string),
        ranks,
      },
      (x) =>
        encodeItemIndex(
          x.numbers.map(
            (n, at): IndexEntry => [
              n,
              x.names[at] as string,
              x.ranks[3 * at] as number,
              x.ranks[3 * at + 1] as number,
              x.ranks[3 * at + 2] as number,
            ],
          ),
        ),
    );
    await blocksWritten;
    let listOffsets: number[] | null = null;
    if (listEntries !== null && hash !== null) {
      const known = await this.storedList(run.connectionId, hash, unchanged.length);
      listOffsets = known ?? null;
      if (known === undefined) {
        text ??= listText(listEntries);
        const list = compressList(text);
        const inserted = await this.ctx.db
          .insertInto('run_person_lists')
          .values({
            connection_id: run.connectionId,
            hash,
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
            : ((await this.storedList(run.connectionId, hash, unchanged.length)) ?? null);
      }
    }
    // The list's first chunk travels with the orders too: page 1 by name reads no list (run-item-orders.ts).
    const firstChunk =
      text?.chunks[0] !== undefined
        ? deflateRawSync(text.chunks[0])
        : sameList
          ? (lastList?.firstChunk ?? null)
          : null;
    if (listEntries !== null && hash !== null)
      remember(lastLists, run.connectionId, { entries: listEntries, hash, firstChunk }, LISTS_KEPT);
    // The names the items mention travel with the orders too, deflated (format 7): a run's first page
    // reads them as bytes with its orders, and decodes only the lines it looks at.
    const keptNames = {
      unchanged: lastUnchangedNames.made(run.connectionId, unchangedNames, deflateRawSync),
      items: lastItemNames.made(run.connectionId, itemNames, deflateRawSync),
    };
    const orders = lastOrders.made(
      run.connectionId,
      { ...merged, listOffsets, firstChunk, items: itemOrders, keptNames },
      encodeOrders,
    );
    await this.ctx.db
      .insertInto('run_item_orders')
      .values({ run_id: run.id, data: orders, unchanged_names: null, item_names: null, items: index })
      .execute();
    return { unchangedCount: unchanged.length, unchangedList: hash, itemCounts: counts };
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
    // Every page reads the run's orders first (once: cached): they say whether its stored items are
    // blocks or rows, and where any place of any order is.
    const orders = await this.ordersOf(run);
    if (this.listsUnchanged(run, query)) {
      if (orders && isEveryone(query)) return this.everyonePage(run, orders, sort, page, pageSize);
      const merged = await this.merged(run, orders, query, sort);
      const slice = merged.slice((page - 1) * pageSize, page * pageSize);
      const bySeq = await this.itemsBySeq(
        run,
        orders,
        slice.flatMap((m) => (m.seq === null ? [] : [m.seq])),
      );
      const items = slice.map((m) =>
        m.entry !== null ? fromEntry(m.entry) : (bySeq.get(m.seq as number) as RunItem),
      );
      return { items, total: merged.length, page, pageSize };
    }
    const range = this.range(run, query, sort);
    if (range) {
      const { column, start, count } = range;
      const from = start + (page - 1) * pageSize;
      const to = Math.min(start + count, from + pageSize);
      const items = await this.storedInRange(run, orders, column, from, to);
      return { items, total: count, page, pageSize };
    }
    // A free-text, changed-attribute or value filter scans the run's items once; the matching items'
    // places are kept (runs do not change), so the count and every later page are read by key.
    const matching = await this.matching(run, orders, query, sort);
    const seqs = [...matching.subarray((page - 1) * pageSize, page * pageSize)];
    const bySeq = await this.itemsBySeq(run, orders, seqs);
    const items = seqs.flatMap((seq) => {
      const item = bySeq.get(seq);
      return item ? [item] : [];
    });
    return { items, total: matching.length, page, pageSize };
  }

  /** The stored items whose place in one order lies in [from, to), in that order. */
  private async storedInRange(
    run: Run,
    orders: OrdersView | null,
    column: 'pos_name' | 'pos_action' | 'pos_status',
    from: number,
    to: number,
  ): Promise<RunItem[]> {
    if (to <= from) return [];
    const stored = orders?.items;
    if (!orders || !stored) return (await this.rowsInRange(run.id, column, from, to)).map(toItem);
    const order = column === 'pos_action' ? stored.action : column === 'pos_status' ? stored.status : null;
    const seqs: number[] = [];
    for (let i = from; i < to; i++) seqs.push(order === null ? i : seqAt(order, i, orders.stored));
    const bySeq = await this.itemsBySeq(run, orders, seqs);
    return seqs.map((seq) => bySeq.get(seq) as RunItem);
  }

  /** Rows (runs recorded before 0450) whose place in one order lies in [from, to), in that order. */
  private async rowsInRange(
    runId: string,
    column: 'pos_name' | 'pos_action' | 'pos_status',
    from: number,
    to: number,
  ): Promise<RunItemsTable[]> {
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

  /** Stored items by seq: from the blocks that hold them, or (runs recorded before 0450) rows. */
  private async itemsBySeq(
    run: Run,
    orders: OrdersView | null,
    seqs: readonly number[],
  ): Promise<Map<number, RunItem>> {
    const bySeq = new Map<number, RunItem>();
    if (seqs.length === 0) return bySeq;
    const block = orders?.items?.block;
    if (block === undefined) {
      for (const [seq, row] of await this.rowsBySeq(run.id, seqs)) bySeq.set(seq, toItem(row));
      return bySeq;
    }
    // Each block's last line the page needs: a block is inflated only as far as that line.
    const last = new Map<number, number>();
    for (const seq of seqs) {
      const b = Math.floor(seq / block);
      last.set(b, Math.max(last.get(b) ?? 0, seq % block));
    }
    const blocks = await this.blocksOf(run, [...last.keys()]);
    for (const [b, i] of last) blocks.get(b)?.reach(i);
    for (const seq of seqs) {
      const line = blocks.get(Math.floor(seq / block))?.line(seq % block);
      if (line !== undefined) bySeq.set(seq, lineItem(line));
    }
    return bySeq;
  }

  /** Rows by seq, a few thousand per statement (an export may ask for 50,000). */
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

  /**
   * A run's blocks by number, inflated: those of recent pages from memory, the rest in one statement
   * (a page of a rare action's tile may need one block per item).
   */
  private async blocksOf(run: Run, numbers: readonly number[]): Promise<Map<number, ItemBlock>> {
    const found = new Map<number, ItemBlock>();
    const prefix = `${run.id}|${run.finishedAt}|`;
    const missing: number[] = [];
    for (const b of numbers) {
      const known = blockCache.get(prefix + b);
      if (known) found.set(b, known);
      else missing.push(b);
    }
    // An export reads every block once: only a page's few are kept.
    const keep = missing.length <= BLOCK_CACHE_SIZE / 2;
    for (let at = 0; at < missing.length; at += SEQ_CHUNK) {
      const { dialect } = this.ctx;
      const { rows } = await this.ctx.db.executeQuery<{ block: number; data: Uint8Array }>(
        CompiledQuery.raw(READS[dialect].blocks, [
          run.id,
          listParameter(dialect, missing.slice(at, at + SEQ_CHUNK)),
        ]),
      );
      for (const r of rows) {
        const block = new ItemBlock(r.data);
        found.set(Number(r.block), block);
        if (keep) remember(blockCache, prefix + Number(r.block), block, BLOCK_CACHE_SIZE);
      }
    }
    return found;
  }

  /** The stored items a filter matches, in the given order, as their seq (cached per run and query). */
  private async matching(
    run: Run,
    orders: OrdersView | null,
    query: RunItemQuery,
    sort: RunItemSort,
  ): Promise<Int32Array> {
    // A blocked run that is approved runs again and is recorded again: its finish time tells them apart.
    const cacheKey = `${run.id}|${run.finishedAt}|${sort}|${JSON.stringify(query)}`;
    const known = matchCache.get(cacheKey);
    if (known) return known;
    const attribute = query.attribute ?? '';
    const value = (query.value ?? '').toLowerCase();
    const matches = (changes: RunItem['changes']) =>
      (attribute === '' || changes.some((c) => c.attribute === attribute)) &&
      (value === '' ||
        changes.some(
          (c) =>
            valueText(c.old).toLowerCase().includes(value) || valueText(c.new).toLowerCase().includes(value),
        ));
    // An attribute is looked for in the JSON text first, as it is written there (`"attribute":"…"`):
    // only the items that can match are parsed.
    const quoted = JSON.stringify(attribute);
    const written = attribute !== '' && quoted === `"${attribute}"` ? `"attribute":${quoted}` : null;
    if (orders?.items) {
      const candidates = await this.indexed(run, query, sort);
      if (attribute === '' && value === '')
        return remember(matchCache, cacheKey, Int32Array.from(candidates));
      const block = orders.items.block;
      // A line that can match holds the attribute as JSON writes it and, lowercased, the value's text
      // as JSON writes it (`inText`): each block's text is searched for them first, and only the lines
      // that hold them are parsed and matched.
      // (A change's attribute: `"attribute":"…"` in lines written before, `"…",` in a list of changes since.)
      const attributeText = attribute === '' ? null : [`"attribute":${quoted}`, `${quoted},`];
      const valueInText = value === '' ? null : inText(value);
      const matched = new Set<number>();
      // A thousand blocks at a time: an export's memory, not the run's.
      const byBlock = [...new Set(candidates.map((seq) => Math.floor(seq / block)))];
      for (let at = 0; at < byBlock.length; at += 1000) {
        const numbers = byBlock.slice(at, at + 1000);
        const blocks = await this.blocksOf(run, numbers);
        const held = new Map<number, ReadonlySet<number>>();
        for (const b of numbers) {
          const found = blocks.get(b)?.linesHolding(attributeText, valueInText);
          if (found && found.length > 0) held.set(b, new Set(found));
        }
        for (const seq of candidates) {
          const b = Math.floor(seq / block);
          if (!held.get(b)?.has(seq % block)) continue;
          const line = blocks.get(b)?.line(seq % block);
          if (line !== undefined && matches(lineItem(line).changes)) matched.add(seq);
        }
      }
      return remember(matchCache, cacheKey, Int32Array.from(candidates.filter((seq) => matched.has(seq))));
    }
    const order = sort === 'name' ? 'seq' : (`pos_${sort}` as const);
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
    const rows = await this.filtered(run.id, query)
      .select(['seq', 'changes'])
      .$if(written !== null, (q) =>
        q.where(
          sql<boolean>`changes like ${`%${(written as string).replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
        ),
      )
      .orderBy(order)
      .execute();
    const seqs: number[] = [];
    for (const r of rows)
      if (matches(fromJson<RunItem['changes']>(r.changes) ?? [])) seqs.push(Number(r.seq));
    return remember(matchCache, cacheKey, Int32Array.from(seqs));
  }

  /**
   * The stored items of a run in blocks that match a query's action, status and free text, from its
   * index, in the given order (the action and status orders keep the name order within a rank).
   */
  private async indexed(run: Run, query: RunItemQuery, sort: RunItemSort): Promise<number[]> {
    const entries = (await this.indexOf(run))?.bySeq() ?? [];
    const action = query.action === undefined ? -1 : actionRank(query.action);
    const status = query.status === undefined ? -1 : statusRank(query.status);
    const needle = query.q?.toLowerCase() ?? '';
    const found: IndexEntry[] = [];
    for (const e of entries) {
      if (action >= 0 && e[3] !== action) continue;
      if (status >= 0 && e[4] !== status) continue;
      if (needle !== '' && !e[1].toLowerCase().includes(needle) && !e[0].toLowerCase().includes(needle))
        continue;
      found.push(e);
    }
    if (sort !== 'name') {
      const rank = sort === 'action' ? 3 : 4;
      found.sort((a, b) => a[rank] - b[rank] || a[2] - b[2]);
    }
    return found.map((e) => e[2]);
  }

  /** Every item of the query in the given order (exports). */
  async all(run: Run, query: RunItemQuery, sort: RunItemSort = 'name'): Promise<readonly RunItem[]> {
    const total = run.unchangedCount + (run.itemCounts ? sumOf(run.itemCounts.actions) : 1_000_000);
    return (await this.list(run, query, sort, 1, Math.max(1, total))).items;
  }

  /**
   * The items `all` returns, `batch` at a time: each a page of the same order, read by its places (an
   * export writes each batch as it reads it). Stop pulling and nothing more is read.
   */
  async *inBatches(
    run: Run,
    query: RunItemQuery,
    sort: RunItemSort,
    batch: number,
  ): AsyncGenerator<readonly RunItem[]> {
    for (let page = 1; ; page++) {
      const { items, total } = await this.list(run, query, sort, page, batch);
      if (items.length > 0) yield items;
      if (items.length < batch || page * batch >= total) return;
    }
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
    const { dialect } = this.ctx;
    const rows =
      numbers.length === 0 && ids.length === 0
        ? []
        : (
            await this.ctx.db.executeQuery<NameRow>(
              CompiledQuery.raw(READS[dialect].names, [
                connectionId,
                listParameter(dialect, numbers),
                connectionId,
                listParameter(dialect, ids),
                // No run: no run's items to name anyone (no run has an empty id).
                run?.id ?? '',
                listParameter(dialect, run === undefined ? [] : numbers),
              ]),
            )
          ).rows;
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
      const kept = await this.ordersRow(run);
      const found = (names: KeptNames) => {
        for (const n of unnamed) {
          const name = persons.has(n) ? undefined : names.get(n);
          if (name !== undefined && name !== '') persons.set(n, name);
        }
      };
      // A run in blocks: the stored items its items mention are kept beside its orders; anyone else
      // of its stored items is in its index (read only when someone is still unnamed).
      if (kept?.items) found(kept.items);
      if (kept?.unchanged) found(kept.unchanged);
      else {
        const wanted = new Set(unnamed);
        for (const [n, name] of await this.unchangedEntries(run))
          if (wanted.has(n) && name !== '') persons.set(n, name);
      }
      if (kept?.items && unnamed.some((n) => !persons.has(n))) {
        const index = await this.indexOf(run);
        if (index) found(index);
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

  /** The stored items and the unchanged persons of a query, in one order (cached: runs do not change). */
  private async merged(
    run: Run,
    orders: OrdersView | null,
    query: RunItemQuery,
    sort: RunItemSort,
  ): Promise<readonly MergedRow[]> {
    // A blocked run that is approved runs again and is recorded again: its finish time tells them apart.
    const cacheKey = `${run.id}|${run.finishedAt}|${sort}|${JSON.stringify(query)}`;
    const known = mergedCache.get(cacheKey);
    if (known) return known;
    let rows: MergedRow[];
    if (orders?.items) {
      const entries = (await this.indexOf(run))?.bySeq() ?? [];
      rows = (await this.indexed(run, query, 'name')).map((seq) => {
        const [employeeNumber, displayName, , action, status] = entries[seq] as IndexEntry;
        return { key: nameKey(displayName, employeeNumber), action, status, seq, entry: null };
      });
    } else {
      const stored = await this.filtered(run.id, query)
        .select(['seq', 'display_name', 'employee_number', 'action', 'status'])
        .execute();
      rows = stored.map((r) => ({
        key: nameKey(r.display_name, r.employee_number),
        action: actionRank(r.action as Action),
        status: statusRank(r.status as ItemStatus),
        seq: Number(r.seq),
        entry: null,
      }));
    }
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

  /** The run's merged orders (runs recorded before 0390 have none), cached: runs do not change. */
  private async ordersOf(run: Run): Promise<OrdersView | null> {
    return (await this.ordersRow(run))?.view ?? null;
  }

  /**
   * The run's orders row, cached. The names of the persons its items mention come with them (0431,
   * 0450): the page asks for them next, and on PostgreSQL each statement is a round trip of its own.
   */
  private async ordersRow(run: Run): Promise<OrdersRow | null> {
    const cacheKey = `${run.id}|${run.finishedAt}`;
    const known = ordersCache.get(cacheKey);
    if (known !== undefined) return known;
    const [row] = (
      await this.ctx.db.executeQuery<{
        data: Uint8Array;
        unchanged_names: string | null;
        item_names: string | null;
      }>(CompiledQuery.raw(READS[this.ctx.dialect].orders, [run.id]))
    ).rows;
    return remember(ordersCache, cacheKey, row ? ordersRowOf(row) : null);
  }

  /** The index of a run's stored items in blocks (null for runs recorded before 0450), cached. */
  private async indexOf(run: Run): Promise<ItemIndex | null> {
    const cacheKey = `${run.id}|${run.finishedAt}`;
    const known = indexCache.get(cacheKey);
    if (known !== undefined) return known;
    const [row] = (
      await this.ctx.db.executeQuery<{ items: Uint8Array | null }>(
        CompiledQuery.raw(READS[this.ctx.dialect].index, [run.id]),
      )
    ).rows;
    return remember(indexCache, cacheKey, row?.items ? openItemIndex(row.items) : null);
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
    const [stored, entries] = await Promise.all([
      this.storedInRange(run, orders, column, storedFrom, storedTo),
      this.entriesAt(run, wanted, orders.listOffsets, orders.firstChunk),
    ]);
    const items = slots.map((s) =>
      'stored' in s
        ? (stored[s.stored - storedFrom] as RunItem)
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

const parsedNames = (text: string | null): KeptNames | null => (text ? keptNames(text) : null);

/** A run's orders and its kept names: in the orders (format 7), else in the row's text columns. */
function ordersRowOf(row: {
  data: Uint8Array;
  unchanged_names: string | null;
  item_names: string | null;
}): OrdersRow {
  const view = openOrders(row.data);
  const kept = view.keptNames;
  if (kept)
    return {
      view,
      unchanged: keptNamesBytes(kept.unchanged),
      items: kept.items === null ? null : keptNamesBytes(kept.items),
    };
  return { view, unchanged: parsedNames(row.unchanged_names), items: parsedNames(row.item_names) };
}

const sumOf = (counts: Readonly<Record<string, number>>): number =>
  Object.values(counts).reduce((n, c) => n + c, 0);
