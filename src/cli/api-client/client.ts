/**
 * A typed client for the endpoints declared in src/contracts: the path, method, body and response
 * types come from the declaration, so a caller cannot drift from the server.
 * `client.call(getConnection, { params: { id } })` resolves to the typed ConnectionDetailsDto.
 *
 * It uses only what both Node and browsers have (fetch, URL), and takes its credentials as headers,
 * so the console's session-cookie client could sit on it as well as the CLI's bearer-token one.
 */
import type { Endpoint, ResponseOf } from '../../contracts/index.ts';
import {
  ApiError,
  apiErrorFrom,
  NOT_HRSYNC_HINT,
  networkReason,
  ServiceUnreachableError,
} from './api-error.ts';
import { type CallInput, urlFor } from './call-input.ts';

export interface ApiClientOptions {
  /** The service's address, e.g. `http://127.0.0.1:8080`; `''` for a same-origin caller. */
  readonly baseUrl: string;
  /** Sent with every request, e.g. `authorization`. Never part of an error message. */
  readonly headers?: Readonly<Record<string, string>>;
  /** How long one request may take before the service counts as unreachable. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface ApiClient {
  /** Calls a JSON endpoint and returns its typed answer (`undefined` for 204). */
  call<E extends Endpoint>(e: E, input: CallInput<E>): Promise<ResponseOf<E>>;
  /** Fetches an export (CSV or a JSON file) as the exact bytes the service sent. */
  download<E extends Endpoint>(e: E, input: CallInput<E>): Promise<Uint8Array>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** `https://user:pw@host/x` → `https://host/x`: an address is shown in messages, credentials never. */
export function displayUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return baseUrl;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  const where = displayUrl(options.baseUrl);

  const send = async <E extends Endpoint>(e: E, input: CallInput<E>, accept: string): Promise<Response> => {
    const headers: Record<string, string> = { accept, ...options.headers };
    const init: RequestInit = { method: e.method, headers, signal: AbortSignal.timeout(timeoutMs) };
    if (input.body !== undefined) {
      init.body = JSON.stringify(input.body);
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await doFetch(urlFor(options.baseUrl, e, input), init);
    } catch (error) {
      throw new ServiceUnreachableError(where, networkReason(error, timeoutMs, where));
    }
    if (!response.ok) throw await apiErrorFrom(response, NOT_HRSYNC_HINT);
    return response;
  };

  const unreadable = (status: number) =>
    new ApiError(
      status,
      'BAD_RESPONSE',
      `The service at ${where} sent an answer that is not hrsync's JSON; is this the address of an hrsync service?`,
    );

  return {
    async call(e, input) {
      const response = await send(e, input, 'application/json');
      if (response.status === 204) return undefined as ResponseOf<typeof e>;
      try {
        return (await response.json()) as ResponseOf<typeof e>;
      } catch {
        throw unreadable(response.status);
      }
    },
    async download(e, input) {
      const response = await send(e, input, e.produces ?? 'application/json');
      try {
        // Bytes, not text(): decoding would drop the BOM that lets Excel read the CSV as UTF-8.
        return new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
          throw new ServiceUnreachableError(where, networkReason(error, timeoutMs, where));
        // The service writes an export as it reads it, and cuts the answer off when it cannot finish.
        throw new ApiError(
          response.status,
          'CUT_OFF',
          'The export stopped before the file was complete, so nothing was written. Export again; if it stops again, the service log says why.',
        );
      }
    },
  };
}
