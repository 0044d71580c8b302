/**
 * A run's items as an export, batch by batch (exports.ts): each batch's names and reason words are
 * looked up for that batch alone — a name depends only on the item that mentions it — so the file is
 * the one the whole run read at once would give.
 */
import { type ReasonContext, stepText } from '../contracts/index.ts';
import type { RunItem } from '../core/index.ts';
import { RUN_ITEM_COLUMNS, runItemCsvRows, safeCsvHeader } from '../engine/index.ts';
import type { Run, RunItemQuery, RunItemSort, Store } from '../store/index.ts';
import { DEFAULT_TIME_ZONE } from './connections/defaults.ts';
import { toRunItemDto } from './dto/runs.ts';
import { namesIn } from './run-item-names.ts';

type Names = Awaited<ReturnType<typeof namesIn>>;

/** The words of a run's reasons: in its connection's time zone, naming what `names` knows. */
export async function reasonContext(
  store: Store,
  organisationId: string,
  run: Run,
  names?: Names,
): Promise<ReasonContext> {
  const connection = await store.connections.get(organisationId, run.connectionId);
  return withNames(
    {
      timeZone: connection?.config.timeZone ?? DEFAULT_TIME_ZONE,
      tenantType: connection?.destinationType ?? null,
    },
    names,
  );
}

function withNames(base: ReasonContext, names: Names | undefined): ReasonContext {
  const shown = (id: string) => {
    const a = names?.accounts.get(id);
    const label = a?.upn ?? a?.displayName;
    if (!label) return undefined;
    return a?.upn && a.displayName ? `${a.upn} (${a.displayName})` : label;
  };
  return { ...base, account: shown, person: (n) => names?.persons.get(n) };
}

export interface RunItemExport {
  readonly store: Store;
  readonly organisationId: string;
  readonly run: Run;
  readonly query: RunItemQuery;
  readonly sort: RunItemSort;
  readonly batch: number;
}

/** Each batch of the run's items with the reason context that names what it mentions. */
async function* namedBatches(
  e: RunItemExport,
): AsyncGenerator<{ items: readonly RunItem[]; ctx: ReasonContext }> {
  const base = await reasonContext(e.store, e.organisationId, e.run);
  for await (const items of e.store.runItems.inBatches(e.run, e.query, e.sort, e.batch)) {
    yield { items, ctx: withNames(base, await namesIn(e.store, e.run, items)) };
  }
}

/** The CSV export: its BOM and header, then each batch's rows. */
export async function* runItemCsvChunks(e: RunItemExport): AsyncGenerator<string> {
  yield safeCsvHeader(RUN_ITEM_COLUMNS);
  for await (const { items, ctx } of namedBatches(e)) yield runItemCsvRows(items, stepText(ctx));
}

/**
 * The JSON export: one array, each batch serialised by the route's own serializer (the response
 * schema's, as a whole array was) without its brackets, joined by commas.
 */
export async function* runItemJsonChunks(
  e: RunItemExport,
  serialize: (items: readonly unknown[]) => string,
): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const { items, ctx } of namedBatches(e)) {
    const text = serialize(items.map((i) => toRunItemDto(i, ctx))).slice(1, -1);
    if (text === '') continue;
    yield first ? text : `,${text}`;
    first = false;
  }
  yield ']';
}
