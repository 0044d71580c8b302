/**
 * Reading the tenant. A full read is the first round of a delta query (`/users/delta?$select=…`): it
 * lists every user and ends with a deltaLink, which becomes the cursor. With a cursor only changes
 * come back, removed users carry `@removed`. A cursor Graph no longer knows (410, bad token) means a
 * fresh full read, never a failed run.
 */
import type { Account } from '../../core/index.ts';
import { HrsyncError, isHrsyncError } from '../../core/index.ts';
import type { TargetReadResult } from '../../engine/ports.ts';
import { type GraphErrorInfo, isObject } from './graph-errors.ts';
import type { GraphHttp, Peek } from './graph-http.ts';
import { accountMaker, filterFor, MANAGER, selectFor } from './graph-odata.ts';

interface Page {
  readonly value: readonly Record<string, unknown>[];
  readonly nextLink: string | undefined;
  readonly deltaLink: string | undefined;
}

async function getPage(
  http: GraphHttp,
  url: string,
  what: string,
  options: { headers?: Record<string, string>; signal?: AbortSignal; peek?: Peek },
): Promise<Page> {
  const body = await http.get(url, { ...options, what });
  if (!isObject(body) || !Array.isArray(body.value)) {
    throw new HrsyncError('HRS_TARGET_READ_FAILED', `${what}: Graph returned no "value" array.`);
  }
  const link = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  return {
    value: body.value.filter(isObject),
    nextLink: link('@odata.nextLink'),
    deltaLink: link('@odata.deltaLink'),
  };
}

export async function readAccounts(
  http: GraphHttp,
  options: { attributes: readonly string[]; cursor: string | null; signal?: AbortSignal },
): Promise<TargetReadResult> {
  const { attributes, cursor } = options;
  const withSignal = options.signal ? { signal: options.signal } : {};
  const usable = cursor !== null && isOwnDeltaLink(http, cursor);
  if (usable) {
    try {
      return await deltaRound(http, cursor, attributes, true, withSignal);
    } catch (error) {
      if (!isExpiredCursor(error)) throw error;
    }
  }
  const start = `/users/delta?$select=${selectFor(attributes, { delta: true })}`;
  return deltaRound(http, start, attributes, false, withSignal);
}

async function deltaRound(
  http: GraphHttp,
  start: string,
  attributes: readonly string[],
  incremental: boolean,
  options: { signal?: AbortSignal },
): Promise<TargetReadResult> {
  const accounts = new Map<string, Account>();
  const removed = new Set<string>();
  const toAccount = accountMaker(attributes);
  // Whatever is still in flight when the round ends (it failed, or a link was mispredicted) is stopped.
  const round = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, round.signal]) : round.signal;
  try {
    let pending = pageAhead(http, start, 1, signal);
    for (let page = 1; ; page++) {
      const result: Page = await pending.page;
      for (const user of result.value) {
        const id = String(user.id);
        // A user can appear twice in one round (changed again meanwhile); the last state wins.
        if (user['@removed'] !== undefined) {
          accounts.delete(id);
          removed.add(id);
        } else {
          removed.delete(id);
          accounts.set(id, toAccount(user));
        }
      }
      if (result.deltaLink !== undefined) {
        return {
          accounts: [...accounts.values()],
          cursor: result.deltaLink,
          incremental,
          removedIds: incremental ? [...removed] : [],
        };
      }
      if (result.nextLink === undefined) {
        throw new HrsyncError(
          'HRS_TARGET_READ_FAILED',
          'GET users/delta: the last page carried neither a nextLink nor a deltaLink; the read is incomplete.',
        );
      }
      // The next page was asked for when this one's bytes came in, if its link could be seen in them
      // then; the parsed link is the one that counts.
      const ahead = pending.next;
      if (ahead?.url === result.nextLink) pending = ahead;
      else {
        ahead?.stop.abort();
        pending = pageAhead(http, result.nextLink, page + 1, signal);
      }
    }
  } finally {
    round.abort();
  }
}

/**
 * Delta pages default to a few hundred users; Graph's largest page is asked for on every request
 * (request headers are not carried into nextLinks). bench/scale.ts's I/O floor reads the same pages.
 */
export const DELTA_PAGE_HEADERS: Readonly<Record<string, string>> = { Prefer: 'odata.maxpagesize=999' };

interface PendingPage {
  readonly url: string;
  readonly page: Promise<Page>;
  readonly stop: AbortController;
  /** The following page, asked for as soon as this page's bytes named it. */
  next?: PendingPage;
}

/**
 * One delta page, on its way. Delta pages can only be read one after another (each names the next),
 * so the next request goes out the moment a page's bytes name it — Graph writes the nextLink before
 * the users, so while this page is still arriving, then decoded, parsed and turned into accounts —
 * instead of after all that. Still one page asked for per page read, each after its predecessor.
 */
function pageAhead(http: GraphHttp, url: string, n: number, round: AbortSignal): PendingPage {
  const stop = new AbortController();
  const pending: PendingPage = {
    url,
    stop,
    page: getPage(http, url, `GET users/delta (page ${n})`, {
      headers: DELTA_PAGE_HEADERS,
      signal: AbortSignal.any([round, stop.signal]),
      peek: (bytes) => {
        const link = nextLinkIn(bytes);
        if (link === undefined) return false;
        // A retried page (its body broke off after the link) asks again; the earlier ask is dropped.
        pending.next?.stop.abort();
        if (!round.aborted) pending.next = pageAhead(http, link, n + 1, round);
        return true;
      },
    }),
  };
  // Awaited by the round unless it ended first; a prefetch it no longer wants may fail unheard.
  pending.page.catch(() => {});
  return pending;
}

const NEXT_LINK = Buffer.from('"@odata.nextLink":"');

/**
 * The `@odata.nextLink` of a page's raw JSON, found without parsing it. A quote inside a JSON string is
 * escaped, so the key can only be a key; a nested object's key of that name would be a wrong guess,
 * which the caller checks against the parsed page.
 */
export function nextLinkIn(bytes: Buffer): string | undefined {
  const at = bytes.indexOf(NEXT_LINK);
  if (at < 0) return undefined;
  const open = at + NEXT_LINK.length - 1;
  for (let i = open + 1; i < bytes.length; i++) {
    if (bytes[i] === 0x5c)
      i++; // a backslash escapes the next character
    else if (bytes[i] === 0x22) {
      try {
        const link: unknown = JSON.parse(bytes.toString('utf8', open, i + 1));
        return typeof link === 'string' ? link : undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A stored cursor from another Graph base URL (configuration changed) is not ours to follow. */
function isOwnDeltaLink(http: GraphHttp, cursor: string): boolean {
  try {
    return new URL(cursor).origin === http.origin && /\/users\/delta/i.test(cursor);
  } catch {
    return false;
  }
}

/**
 * Graph answers an expired or unknown delta token with 410 Gone (resync required) or 400 (badly
 * formed token). A full read is always safe, so any such answer in an incremental round leads to one.
 */
function isExpiredCursor(error: unknown): boolean {
  if (!isHrsyncError(error) || error.code !== 'HRS_TARGET_READ_FAILED') return false;
  const status = (error.cause as GraphErrorInfo | undefined)?.status;
  return status === 410 || status === 400;
}

export async function findAccounts(
  http: GraphHttp,
  attribute: string,
  value: string,
  attributes: readonly string[],
): Promise<Account[]> {
  const query = filterFor(attribute, value);
  const params = new URLSearchParams({ $filter: query.filter, $select: selectFor(attributes), $top: '999' });
  if (query.advanced) params.set('$count', 'true');
  // Graph refuses $expand together with advanced-query parameters; the manager is then not reported.
  else if (attributes.includes(MANAGER)) params.set('$expand', 'manager($select=id)');
  // Headers are not carried into nextLink; send them on every page.
  const headers: Record<string, string> = query.advanced ? { ConsistencyLevel: 'eventual' } : {};
  const found: Account[] = [];
  const toAccount = accountMaker(attributes);
  let url: string | undefined = `/users?${params}`;
  while (url !== undefined) {
    const result: Page = await getPage(http, url, `GET users?$filter=${query.filter}`, { headers });
    found.push(...result.value.map(toAccount));
    url = result.nextLink;
  }
  return found;
}
