/** Profit limits the query string, counted from the `?`, to this many characters; longer gets a 404. */
export const MAX_QUERY_LENGTH = 2049;

/** Query parameters by lower-cased name; the first occurrence wins. */
export type QueryParams = ReadonlyMap<string, string>;

/** The query string of a request URL, `?` included; empty when there is none. */
export function rawQuery(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at);
}

export function queryParams(url: string): QueryParams {
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQuery(url).slice(1))) {
    const key = name.toLowerCase();
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}
