/**
 * Reads one GetConnector completely, in sorted pages, or throws — without speculating past the end.
 * AFAS says nothing about how many rows a connector has, so pages are requested only where rows are
 * known or expected to be:
 * - with `expectedRows` (the previous read's count) the pages that count fills are fetched together
 *   (the shared limiter keeps the environment at ≤ 8 calls in flight);
 * - beyond that, or without a count, pages go out in windows that start at one and double while every
 *   page of a window comes back full, so the end costs no request beyond the short page;
 * - a short page is the end only if nothing follows it: one request for a single row after it proves
 *   that (a truncated page would otherwise pass for the end). That is the one request per connector
 *   that finds nothing.
 * Then the pages are checked for consistency: a partial read must never reach the planner (DESIGN.md
 * invariant 2).
 */
import { type Attributes, HrsyncError, type ValuePool } from '../../core/index.ts';
import type { AfasClient } from './afas-client.ts';
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
  /** Shares repeated values among the rows (the run keeps them until it ends). */
  readonly pool?: ValuePool;
}

export async function readConnector(client: AfasClient, read: ConnectorRead): Promise<Attributes[]> {
  // One failed page stops the others, so a doomed read does not keep AFAS busy.
  const stop = new AbortController();
  const signal = read.signal ? AbortSignal.any([read.signal, stop.signal]) : stop.signal;
  const pages = new Map<number, Attributes[]>();
  let rowsSoFar = 0;
  let end: number | undefined;

  const fetchPage = async (index: number): Promise<void> => {
    const rows = await fetchRows(client, read, index * read.pageSize, read.pageSize, signal);
    pages.set(index, rows);
    rowsSoFar += rows.length;
    read.onPage?.(rowsSoFar);
    if (rows.length < read.pageSize && (end === undefined || index < end)) end = index;
  };
  /** Pages [from, to), at most `parallel` in flight, stopping early at a short page. */
  const fetchRange = async (from: number, to: number): Promise<void> => {
    let next = from;
    const worker = async () => {
      while (next < to && (end === undefined || next <= end)) await fetchPage(next++);
    };
    await Promise.all(Array.from({ length: Math.min(read.parallel, to - from) }, worker));
  };

  try {
    // The first page alone: most org-unit connectors fit in it, and then no request is wasted.
    await fetchPage(0);
    // Pages the previous count fills completely (it is a hint: a shrunk connector ends earlier).
    const filled = Math.floor((read.expectedRows ?? 0) / read.pageSize);
    if (end === undefined && filled > 1) await fetchRange(1, filled);
    let next = Math.max(1, filled);
    let window = 1;
    while (end === undefined) {
      await fetchRange(next, next + window);
      next += window;
      window = Math.min(window * 2, read.parallel);
    }
    // A short page is only the end if no row follows it; otherwise it was truncated.
    const last = end as number;
    const after = (last + 1) * read.pageSize;
    if (!pages.has(last + 1)) {
      const rows = await fetchRows(client, read, after, 1, signal);
      if (rows.length > 0) pages.set(last + 1, rows);
    }
  } catch (error) {
    stop.abort();
    throw error;
  }
  return assemble(read, pages, end as number);
}

async function fetchRows(
  client: AfasClient,
  read: ConnectorRead,
  skip: number,
  take: number,
  signal: AbortSignal,
): Promise<Attributes[]> {
  const url = getConnectorUrl(read.base, read.connectorId, {
    skip,
    take,
    orderBy: read.keyField,
    ...(read.filter === undefined ? {} : { filter: read.filter }),
  });
  const what = `GET connectors/${read.connectorId} (skip ${skip}, take ${take})`;
  const body = await client.send({ method: 'GET', url, what, failureCode: 'HRS_SOURCE_READ_FAILED', signal });
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw incomplete(`${what} returned no "rows" array`);
  if (rows.length > take) {
    throw incomplete(`${what} returned ${rows.length} rows, more than the ${take} asked for`);
  }
  const pool = read.pool;
  return rows.map((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw incomplete(`${what} row ${i} is not an object`);
    }
    // Overwriting a property with another string keeps the row's hidden class.
    if (pool !== undefined)
      for (const key in row) {
        const value = (row as Record<string, unknown>)[key];
        if (typeof value === 'string') (row as Record<string, unknown>)[key] = pool.share(key, value);
      }
    return row as Attributes;
  });
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
