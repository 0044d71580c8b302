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
