/**
 * Reads one GetConnector completely, in sorted pages, or throws. Pages after the first are fetched by
 * a window of workers (the shared limiter keeps the environment at ≤ 8 calls in flight); a worker
 * stops as soon as any page came back short. Then the pages are checked for consistency: a partial
 * read must never reach the planner (DESIGN.md invariant 2).
 */
import { type Attributes, HrsyncError } from '../../core/index.ts';
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
  readonly filter?: AfasFilter;
  readonly signal?: AbortSignal;
  readonly onPage?: (rowsSoFar: number) => void;
}

export async function readConnector(client: AfasClient, read: ConnectorRead): Promise<Attributes[]> {
  // One failed page stops the others, so a doomed read does not keep AFAS busy.
  const stop = new AbortController();
  const signal = read.signal ? AbortSignal.any([read.signal, stop.signal]) : stop.signal;
  const pages = new Map<number, Attributes[]>();
  let rowsSoFar = 0;
  let end: number | undefined;

  const fetchPage = async (index: number): Promise<void> => {
    const rows = await fetchRows(client, read, index, signal);
    pages.set(index, rows);
    rowsSoFar += rows.length;
    read.onPage?.(rowsSoFar);
    if (rows.length < read.pageSize && (end === undefined || index < end)) end = index;
  };

  try {
    // The first page alone: most org-unit connectors fit in it, and then no request is wasted.
    await fetchPage(0);
    let next = 1;
    const worker = async () => {
      while (end === undefined || next <= end) await fetchPage(next++);
    };
    if (end === undefined) await Promise.all(Array.from({ length: read.parallel }, worker));
    // A short page is only the end if the page after it is empty; otherwise it was truncated.
    const last = end as number;
    if (!pages.has(last + 1)) await fetchPage(last + 1);
  } catch (error) {
    stop.abort();
    throw error;
  }
  return assemble(read, pages, end as number);
}

async function fetchRows(
  client: AfasClient,
  read: ConnectorRead,
  index: number,
  signal: AbortSignal,
): Promise<Attributes[]> {
  const skip = index * read.pageSize;
  const url = getConnectorUrl(read.base, read.connectorId, {
    skip,
    take: read.pageSize,
    orderBy: read.keyField,
    ...(read.filter === undefined ? {} : { filter: read.filter }),
  });
  const what = `GET connectors/${read.connectorId} (skip ${skip}, take ${read.pageSize})`;
  const body = await client.send({ method: 'GET', url, what, failureCode: 'HRS_SOURCE_READ_FAILED', signal });
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw incomplete(`${what} returned no "rows" array`);
  if (rows.length > read.pageSize) {
    throw incomplete(`${what} returned ${rows.length} rows, more than the ${read.pageSize} asked for`);
  }
  return rows.map((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw incomplete(`${what} row ${i} is not an object`);
    }
    return row as Attributes;
  });
}

function assemble(read: ConnectorRead, pages: Map<number, Attributes[]>, end: number): Attributes[] {
  for (const [index, rows] of pages) {
    if (index > end && rows.length > 0) {
      throw incomplete(
        `connectors/${read.connectorId}: page ${index} has ${rows.length} rows after the short page ${end}; ` +
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
