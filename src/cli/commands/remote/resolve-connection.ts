/**
 * `<id|name>` → the connection's id. People type names ("Contoso HR"), scripts pass ids; both work.
 * A name must match one connection exactly (or, failing that, ignoring case) — never a guess
 * between several.
 */

import { getConnection, listConnections, type ResponseOf } from '../../../contracts/index.ts';
import { type ApiClient, ApiError } from '../../api-client/index.ts';
import { CliError } from './cli-error.ts';

type Summary = ResponseOf<typeof listConnections>['items'][number];

export interface ConnectionRef {
  readonly id: string;
  readonly name: string;
}

/** The API's limits: a search term of at most 200 characters, an id of at most 100. */
const MAX_SEARCH = 200;
const MAX_ID = 100;
const PAGE_SIZE = 500;

async function namesContaining(client: ApiClient, text: string): Promise<Summary[]> {
  if (text.length > MAX_SEARCH) return [];
  const found: Summary[] = [];
  for (let page = 1; ; page++) {
    const result = await client.call(listConnections, { query: { q: text, page, pageSize: PAGE_SIZE } });
    found.push(...result.items);
    if (result.items.length === 0 || page * result.pageSize >= result.total) return found;
  }
}

function ambiguous(ref: string, matches: readonly Summary[]): CliError {
  const list = matches.map((c) => `"${c.name}" (${c.id})`).join(', ');
  return new CliError('HRS_CONFLICT', `${matches.length} connections match "${ref}": ${list}. Use an id.`);
}

export async function resolveConnection(client: ApiClient, ref: string): Promise<ConnectionRef> {
  const candidates = await namesContaining(client, ref);
  const exact = candidates.filter((c) => c.name === ref);
  if (exact.length > 1) throw ambiguous(ref, exact);
  if (exact[0]) return exact[0];
  const folded = candidates.filter((c) => c.name.toLowerCase() === ref.toLowerCase());
  if (folded.length > 1) throw ambiguous(ref, folded);
  if (folded[0]) return folded[0];

  if (ref.length <= MAX_ID) {
    try {
      const byId = await client.call(getConnection, { params: { id: ref } });
      return { id: byId.id, name: byId.name };
    } catch (error) {
      // Not an id either (404), or not shaped like one (400): fall through to the message below.
      if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 400)) throw error;
    }
  }
  const similar =
    candidates.length > 0
      ? ` Names containing it: ${candidates
          .slice(0, 5)
          .map((c) => `"${c.name}"`)
          .join(', ')}${candidates.length > 5 ? ', …' : ''}.`
      : ' `hrsync connections list` shows the connections you can see.';
  throw new CliError('HRS_NOT_FOUND', `No connection has the id or name "${ref}".${similar}`);
}
