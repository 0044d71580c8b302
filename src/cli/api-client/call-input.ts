/**
 * What a call to a declared endpoint takes, and the URL it goes to. The shape follows the
 * declaration: params when the path has them, a body when the endpoint takes one, an optional query.
 * Nothing here touches Node or the DOM, so the console could use it as well as the CLI.
 */
import type { TSchema } from '@sinclair/typebox';
import { type BodyOf, type Endpoint, type ParamsOf, pathFor, type QueryOf } from '../../contracts/index.ts';

type QueryValue = string | number | boolean | undefined | null;

/** Every query field optional and `undefined`-able, so flags that were not given pass straight through. */
export type QueryInput<E extends Endpoint> = { readonly [K in keyof QueryOf<E>]?: QueryOf<E>[K] | undefined };

export type CallInput<E extends Endpoint> = (E['params'] extends TSchema
  ? { readonly params: ParamsOf<E> }
  : { readonly params?: undefined }) &
  (E['query'] extends TSchema ? { readonly query?: QueryInput<E> } : { readonly query?: undefined }) &
  (E['body'] extends TSchema ? { readonly body: BodyOf<E> } : { readonly body?: undefined });

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

/**
 * The URL of an endpoint call. `baseUrl` may carry a path prefix (a service behind a reverse proxy
 * at `https://host/hrsync`); it is `''` for a same-origin caller such as the console.
 */
export function urlFor<E extends Endpoint>(baseUrl: string, e: E, input: CallInput<E>): string {
  const params = (input.params ?? {}) as Record<string, string>;
  return (
    baseUrl.replace(/\/+$/, '') +
    pathFor(e, params) +
    queryString(input.query as Record<string, QueryValue> | undefined)
  );
}
