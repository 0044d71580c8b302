/**
 * Reads one GetConnector completely, in sorted pages, or throws — without speculating far past the end.
 * AFAS says nothing about how many rows a connector has, so pages are requested only where rows are
 * known or expected to be:
 * - with `expectedRows` (the previous read's count) the pages that count fills are fetched together
 *   (the shared limiter keeps the environment at ≤ 8 calls in flight), and the one page after them;
 * - beyond that, or without a count, every page that comes back full lets two more go out, starting
 *   from one page: the read-ahead doubles per round trip, and a page goes out as soon as another comes
 *   back (no round waits for its slowest page). Pages still waiting for a free call when the end
 *   turned up are not sent;
 * - a short page is the end only if nothing follows it: the page after it (or, when that was not read,
 *   a request for a single row) proves that — a truncated page would otherwise pass for the end.
 * Then the pages are checked for consistency: a partial read must never reach the planner (DESIGN.md
 * invariant 2).
 */
import { type Attributes, HrsyncError, type RowReader } from '../../core/index.ts';
import { type AfasClient, UNSENT } from './afas-client.ts';
import { type AfasFilter, getConnectorUrl } from './afas-url.ts';

export interface ConnectorRead {
  readonly base: string;
  readonly connectorId: string;
  /** Sort field and key: unique and never empty. */
  readonly keyField: string;
  readonly pageSize: number;
  /** Workers for this connector; the limiter bounds the environment as a whole. */
  readonly parallel: number;
  /** Rows the previous read found: the pages they fill are read in parallel straight away. */
  readonly expectedRows?: number;
  readonly filter?: AfasFilter;
  readonly signal?: AbortSignal;
  readonly onPage?: (rowsSoFar: number) => void;
  /** Makes each row as its page arrives (to keep only what a run reads); it keeps the key field. */
  readonly cut?: RowReader;
}

export async function readConnector(client: AfasClient, read: ConnectorRead): Promise<Attributes[]> {
  // One failed page stops the others, so a doomed read does not keep AFAS busy.
  const stop = new AbortController();
  const signal = read.signal ? AbortSignal.any([read.signal, stop.signal]) : stop.signal;
  const pages = new Map<number, Attributes[]>();
  let rowsSoFar = 0;
  let end: number | undefined;
  // Pages the previous count fills completely (a hint: a shrunk connector ends earlier) are known to
  // hold rows. Beyond them, every page that comes back full lets two more go out (the read-ahead
  // doubles per round trip, as TCP's slow start does), so a small connector costs nothing extra and a
  // large one at most `parallel` pages of overshoot. A new page goes out the moment a page comes back:
  // no round waits for its slowest page.
  const known = Math.floor((read.expectedRows ?? 0) / read.pageSize);
  let fullBeyond = 0;
  let next = 0;
  let inFlight = 0;
  let failed: { error: unknown } | undefined;
  const allowed = (index: number) => (end === undefined || index <= end) && index <= known + 2 * fullBeyond;
  // A page still queued for its turn when the end turned up earlier is not sent; the page right after
  // the end is, as it proves the end (instead of the single-row probe).
  const beyond = (index: number) => end !== undefined && index > end + 1;

  await new Promise<void>((resolve) => {
    const launch = (): void => {
      while (failed === undefined && inFlight < read.parallel && allowed(next)) {
        const index = next++;
        inFlight++;
        fetchRows(client, read, index * read.pageSize, read.pageSize, signal, () => beyond(index)).then(
          (rows) => {
            inFlight--;
            if (rows !== null) {
              pages.set(index, rows);
              rowsSoFar += rows.length;
              read.onPage?.(rowsSoFar);
              if (rows.length < read.pageSize) {
                if (end === undefined || index < end) end = index;
              } else if (index >= known) fullBeyond++;
            }
            launch();
          },
          (error: unknown) => {
            inFlight--;
            if (failed === undefined) {
              failed = { error };
              stop.abort();
            }
            launch();
          },
        );
      }
      if (inFlight === 0) resolve();
    };
    launch();
  });
  if (failed !== undefined) throw failed.error;
  // A short page is only the end if no row follows it; otherwise it was truncated.
  const last = end as number;
  if (!pages.has(last + 1)) {
    const rows = await fetchRows(client, read, (last + 1) * read.pageSize, 1, signal);
    if (rows !== null && rows.length > 0) pages.set(last + 1, rows);
  }
  return assemble(read, pages, last);
}

async function fetchRows(
  client: AfasClient,
  read: ConnectorRead,
  skip: number,
  take: number,
  signal: AbortSignal,
  unwanted?: () => boolean,
): Promise<Attributes[] | null> {
  const url = getConnectorUrl(read.base, read.connectorId, {
    skip,
    take,
    orderBy: read.keyField,
    ...(read.filter === undefined ? {} : { filter: read.filter }),
  });
  const what = `GET connectors/${read.connectorId} (skip ${skip}, take ${take})`;
  const body = await client.send({
    method: 'GET',
    url,
    what,
    failureCode: 'HRS_SOURCE_READ_FAILED',
    signal,
    ...(unwanted ? { unwanted } : {}),
    // Cut to what the run reads as the page is parsed: whole rows kept until the read ends were the
    // largest thing a run promoted to the old generation (engine/normalise/row-cut.ts).
    ...(read.cut ? { rows: read.cut } : {}),
  });
  if (body === UNSENT) return null;
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw incomplete(`${what} returned no "rows" array`);
  if (rows.length > take) {
    throw incomplete(`${what} returned ${rows.length} rows, more than the ${take} asked for`);
  }
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw incomplete(`${what} row ${i} is not an object`);
    }
  }
  return rows as Attributes[];
}

function assemble(read: ConnectorRead, pages: Map<number, Attributes[]>, end: number): Attributes[] {
  for (const [index, rows] of pages) {
    if (index > end && rows.length > 0) {
      throw incomplete(
        `connectors/${read.connectorId}: rows follow the short page ${end} (page ${index}); ` +
          'the data changed during the read or a page was truncated',
      );
    }
  }
  const all: Attributes[] = [];
  const seen = new Set<string>();
  for (let index = 0; index <= end; index++) {
    for (const row of pages.get(index) ?? []) {
      const key = row[read.keyField];
      if (key === undefined || key === null || key === '') {
        throw incomplete(`connectors/${read.connectorId}: a row has no ${read.keyField} (page ${index})`);
      }
      const text = String(key);
      if (seen.has(text)) {
        throw incomplete(
          `connectors/${read.connectorId}: ${read.keyField} ${text} appears twice; the key must be unique for stable paging`,
        );
      }
      seen.add(text);
      all.push(row);
    }
  }
  return all;
}

const incomplete = (message: string) =>
  new HrsyncError('HRS_SOURCE_READ_FAILED', `Incomplete AFAS read: ${message}. Nothing was planned.`);
