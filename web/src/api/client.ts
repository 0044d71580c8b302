/**
 * Calls an endpoint declared in src/contracts: the path, method and types come from the
 * declaration, so the console cannot drift from the server. `call(getConnection, { params: { id } })`
 * returns the typed ConnectionDetailsDto.
 */
import type { TSchema } from '@sinclair/typebox';
import { ApiError, apiErrorFrom, networkError } from './api-error.ts';
import {
  type BodyOf,
  type Endpoint,
  type ParamsOf,
  pathFor,
  type QueryOf,
  type ResponseOf,
} from './contracts.ts';

type QueryValue = string | number | boolean | undefined | null;

export type CallInput<E extends Endpoint> = (E['params'] extends TSchema
  ? { readonly params: ParamsOf<E> }
  : { readonly params?: undefined }) &
  (E['query'] extends TSchema ? { readonly query?: Partial<QueryOf<E>> } : { readonly query?: undefined }) &
  (E['body'] extends TSchema ? { readonly body: BodyOf<E> } : { readonly body?: undefined });

/** Every 401 ends the session in the console; the shell listens and shows the sign-in page. */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function queryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The URL of a GET endpoint, for download links (CSV/JSON export) that the browser fetches itself. */
export function urlFor<E extends Endpoint>(e: E, input: CallInput<E>): string {
  const params = (input.params ?? {}) as Record<string, string>;
  return pathFor(e, params) + queryString(input.query as Record<string, QueryValue> | undefined);
}

export async function call<E extends Endpoint>(e: E, input: CallInput<E>): Promise<ResponseOf<E>> {
  const init: RequestInit = { method: e.method, headers: { accept: 'application/json' } };
  if (input.body !== undefined) {
    init.body = JSON.stringify(input.body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  let response: Response;
  try {
    response = await fetch(urlFor(e, input), init);
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) {
    const error = await apiErrorFrom(response);
    // Signing in is the one call where 401 means "wrong password", not "session ended".
    if (response.status === 401 && e.access !== 'public')
      for (const listener of unauthenticatedListeners) listener();
    throw error;
  }
  if (response.status === 204) return undefined as ResponseOf<E>;
  try {
    return (await response.json()) as ResponseOf<E>;
  } catch {
    throw new ApiError(
      response.status,
      'BAD_RESPONSE',
      'The service sent an answer the console cannot read.',
    );
  }
}

/**
 * Why the service would refuse the export at `url` now, or `null` when it would send it. Asked with
 * HEAD, which the service answers exactly as the export (the same checks, an export slot taken and
 * given straight back) without writing it, so the browser itself can then fetch the file and write
 * it to disk as it arrives. HEAD carries no words: a refusal is asked again with GET for the
 * service's message (refused again, nothing is written) and the Retry-After of a busy service.
 */
export async function exportRefusal(url: string): Promise<ApiError | null> {
  try {
    const head = await fetch(url, { method: 'HEAD' });
    if (head.ok) return null;
    const stop = new AbortController();
    const get = await fetch(url, { headers: { accept: 'application/json' }, signal: stop.signal });
    // Admitted in between (another export finished): this answer is the file, let the browser fetch it.
    if (get.ok) {
      stop.abort();
      return null;
    }
    const error = await apiErrorFrom(get);
    if (get.status === 401) for (const listener of unauthenticatedListeners) listener();
    const seconds = Number(get.headers.get('retry-after'));
    if (!(seconds > 0)) return error;
    const wait = seconds === 1 ? '1 second' : `${seconds} seconds`;
    return new ApiError(
      error.status,
      error.code,
      `${error.message} Try again in ${wait}.`,
      error.details,
      true,
    );
  } catch (cause) {
    throw networkError(cause);
  }
}
