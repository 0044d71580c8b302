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
  /** How long the service may take to answer a request before it counts as unreachable. */
  readonly timeoutMs?: number;
  /**
   * How long a download may go without a byte before it counts as stalled (default 30 s). A download
   * has no limit on its whole length: a large export that keeps arriving is never cut short.
   */
  readonly stallMs?: number;
  readonly fetch?: typeof fetch;
}

export interface ApiClient {
  /** Calls a JSON endpoint and returns its typed answer (`undefined` for 204). */
  call<E extends Endpoint>(e: E, input: CallInput<E>): Promise<ResponseOf<E>>;
  /** Fetches an export (CSV or a JSON file) as the exact bytes the service sent. */
  download<E extends Endpoint>(e: E, input: CallInput<E>): Promise<Uint8Array>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_STALL_MS = 30_000;

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
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const doFetch = options.fetch ?? fetch;
  const where = displayUrl(options.baseUrl);

  const send = async <E extends Endpoint>(
    e: E,
    input: CallInput<E>,
    accept: string,
    signal: AbortSignal,
  ): Promise<Response> => {
    const headers: Record<string, string> = { accept, ...options.headers };
    const init: RequestInit = { method: e.method, headers, signal };
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
      const response = await send(e, input, 'application/json', AbortSignal.timeout(timeoutMs));
      if (response.status === 204) return undefined as ResponseOf<typeof e>;
      try {
        return (await response.json()) as ResponseOf<typeof e>;
      } catch {
        throw unreadable(response.status);
      }
    },
    async download(e, input) {
      // The answer within timeoutMs, then each part of the file within stallMs of the last: an export
      // of 50,000 persons arriving steadily for minutes is fine, one that stops arriving is not.
      const stop = new AbortController();
      let stalled = false;
      let timer = setTimeout(() => stop.abort(), timeoutMs);
      const watch = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          stalled = true;
          stop.abort();
        }, stallMs);
      };
      try {
        const response = await send(e, input, e.produces ?? 'application/json', stop.signal);
        watch();
        // Bytes, not text(): decoding would drop the BOM that lets Excel read the CSV as UTF-8.
        const parts: Uint8Array[] = [];
        let received = 0;
        const reader = response.body?.getReader();
        for (;;) {
          let part: { readonly done: boolean; readonly value?: Uint8Array | undefined };
          try {
            part = reader ? await reader.read() : { done: true, value: undefined };
          } catch {
            if (stalled)
              throw new ApiError(
                response.status,
                'STALLED',
                `The export stopped arriving: no bytes for ${seconds(stallMs)} after ${received} bytes, so nothing was written. Export again; if it stalls again, check the network to the service, or the service log.`,
              );
            // The service writes an export as it reads it, and cuts the answer off when it cannot finish.
            throw new ApiError(
              response.status,
              'CUT_OFF',
              'The export stopped before the file was complete, so nothing was written. Export again; if it stops again, the service log says why.',
            );
          }
          if (part.done || part.value === undefined) break;
          parts.push(part.value);
          received += part.value.byteLength;
          watch();
        }
        return concat(parts, received);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const whole = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole;
}
