/**
 * HTTP to Microsoft Graph: base URL, bearer token (renewed once on 401), timeouts, JSON. `get` adds
 * the read-side retry policy (429/503/504 honouring Retry-After, network errors with back-off) and
 * turns final failures into HrsyncErrors; writes use `send` and classify per item (graph-writer.ts).
 */
import { classifyNetworkError, endpointOf, HrsyncError } from '../../core/index.ts';
import { isBlank, parseJsonRows } from '../../core/json-rows.ts';
import type { HttpFetch } from '../../net/index.ts';
import {
  backoffMs,
  describeGraphError,
  isThrottled,
  isUncertain,
  parseGraphError,
  retryAfterMs,
} from './graph-errors.ts';
import type { GraphTokenProvider } from './graph-token.ts';

export type { HttpFetch };
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface GraphResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** No HTTP answer: connection refused or reset, a timeout, or an endpoint that cannot work at all. */
export class GraphNetworkError extends Error {
  override readonly name = 'GraphNetworkError';
  /** True when no connection was made, so the request certainly did not reach Graph. */
  readonly connectFailed: boolean;
  /** Retrying cannot help (bad port, unknown host, untrusted certificate): fail at once. */
  readonly permanent: boolean;

  constructor(message: string, options: { cause: unknown; connectFailed: boolean; permanent: boolean }) {
    super(message, { cause: options.cause });
    this.connectFailed = options.connectFailed;
    this.permanent = options.permanent;
  }
}

export interface GraphHttpOptions {
  readonly graphBaseUrl: string;
  readonly fetch: HttpFetch;
  readonly tokens: GraphTokenProvider;
  /** What to do about a certificate that is not trusted, in this program's terms (the service names HRSYNC_EXTRA_CA_FILE). */
  readonly trustAdvice?: string;
  readonly sleep: Sleep;
  readonly timeoutMs?: number;
  /** Tries per read request, the first included. */
  readonly readAttempts?: number;
}

export class GraphHttp {
  readonly origin: string;
  readonly base: string;
  readonly tokens: GraphTokenProvider;
  readonly #options: GraphHttpOptions;

  constructor(options: GraphHttpOptions) {
    this.base = options.graphBaseUrl.replace(/\/+$/, '');
    this.origin = new URL(this.base).origin;
    this.tokens = options.tokens;
    this.#options = options;
  }

  /** `/users` → `https://graph.microsoft.com/v1.0/users`; absolute links must stay on Graph's origin. */
  resolve(pathOrUrl: string): string {
    if (!/^https?:\/\//i.test(pathOrUrl)) return `${this.base}/v1.0${pathOrUrl}`;
    // nextLink/deltaLink come from the response; never send the bearer token anywhere else.
    if (new URL(pathOrUrl).origin !== this.origin) {
      throw new HrsyncError('HRS_TARGET_READ_FAILED', `Graph returned a link to another host: ${pathOrUrl}`);
    }
    return pathOrUrl;
  }

  async send(
    method: string,
    pathOrUrl: string,
    options: {
      body?: unknown;
      headers?: Record<string, string>;
      signal?: AbortSignal;
      peek?: Peek;
    } = {},
  ): Promise<GraphResponse> {
    const url = this.resolve(pathOrUrl);
    let response = await this.#once(method, url, await this.tokens.token(), options);
    // A token can be revoked or expire early; one renewal, then the 401 stands.
    if (response.status === 401)
      response = await this.#once(method, url, await this.tokens.token(true), options);
    return response;
  }

  async #once(
    method: string,
    url: string,
    token: string,
    options: {
      body?: unknown;
      headers?: Record<string, string>;
      signal?: AbortSignal;
      peek?: Peek;
    },
  ): Promise<GraphResponse> {
    const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 120_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const response = await this.#options.fetch(url, {
        method,
        headers: { ...headers, ...options.headers },
        signal,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const bytes =
        response.status === 200 && options.peek !== undefined && response.body !== null
          ? await peekedBody(response.body, options.peek)
          : Buffer.from(await response.arrayBuffer());
      // A page's users are parsed from its bytes one by one, not from one text of the page (parseJsonRows).
      let body: unknown = null;
      if (!isBlank(bytes)) {
        try {
          body = parseJsonRows(bytes, 'value');
        } catch {
          body = { error: { code: 'NonJsonResponse', message: bytes.toString('utf8').slice(0, 200) } };
        }
      }
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      options.signal?.throwIfAborted();
      const where = `${method} ${new URL(url).pathname} at ${endpointOf(url)}`;
      if (timeout.aborted)
        throw new GraphNetworkError(`${where}: timed out`, {
          cause: error,
          connectFailed: false,
          permanent: false,
        });
      const network = classifyNetworkError(error, url, this.#options.trustAdvice);
      throw new GraphNetworkError(`${where}: ${network.reason}`, {
        cause: error,
        connectFailed: network.connectFailed,
        permanent: network.permanent,
      });
    }
  }

  /**
   * GET with retries; returns the JSON body of a 200 or throws an HrsyncError. `peek` sees the bytes
   * of a 200 as they arrive, before they are parsed (a reader can send for the next page meanwhile).
   */
  async get(
    pathOrUrl: string,
    options: {
      headers?: Record<string, string>;
      signal?: AbortSignal;
      what: string;
      peek?: Peek;
    },
  ): Promise<unknown> {
    const attempts = this.#options.readAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      let waitMs: number;
      let reason: string;
      try {
        const response = await this.send('GET', pathOrUrl, options);
        if (response.status === 200) return response.body;
        const info = parseGraphError(response.status, response.body);
        // Reads are safe to repeat, so "maybe done" answers are simply tried again.
        if (!isThrottled(response.status) && !isUncertain(response.status))
          throw readError(info, options.what);
        reason = describeGraphError(info);
        waitMs =
          retryAfterMs(response.headers.get('retry-after'), Date.now()) ?? backoffMs(attempt, 1000, 30_000);
      } catch (error) {
        if (!(error instanceof GraphNetworkError)) throw error;
        if (error.permanent) throw unreachable(error, options.what);
        reason = error.message;
        waitMs = backoffMs(attempt, 500, 30_000);
      }
      if (attempt >= attempts) {
        throw new HrsyncError(
          'HRS_TARGET_UNAVAILABLE',
          `${options.what}: Graph did not answer after ${attempts} tries (${reason}).`,
        );
      }
      await this.#options.sleep(waitMs, options.signal);
    }
  }
}

/**
 * Sees a 200's body before it is parsed: first its start as it arrives (each time a piece comes in,
 * while the start is at most PEEK_HEAD bytes), then, unless it said `true` ("seen enough") before,
 * the whole body once. Graph writes `@odata.nextLink` before `value`, so a reader learns the next
 * page's link from the first piece of a ~1 MB page and can ask for it while the rest is still coming.
 */
export type Peek = (bytes: Buffer) => boolean;

const PEEK_HEAD = 64 * 1024;

async function peekedBody(body: ReadableStream<Uint8Array>, peek: Peek): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let length = 0;
  let peeking = true;
  for await (const piece of body) {
    const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    pieces.push(bytes);
    length += bytes.length;
    if (peeking && length <= PEEK_HEAD)
      peeking = !peek(pieces.length === 1 ? bytes : Buffer.concat(pieces, length));
  }
  const all = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, length);
  if (peeking) peek(all);
  return all;
}

/** A failed read: permission problems say which permission; everything else carries Graph's words. */
export function readError(info: ReturnType<typeof parseGraphError>, what: string): HrsyncError {
  const text = `${what}: ${describeGraphError(info)}`;
  // The parsed answer rides along as the cause, so callers can branch on the status (e.g. 410 Gone).
  if (info.status === 401 || info.status === 403) {
    return new HrsyncError(
      'HRS_TARGET_AUTH',
      `${text}. Grant the app the Graph application permissions hrsync needs (User.ReadWrite.All; ` +
        'User-LifeCycleInfo.ReadWrite.All when employeeLeaveDateTime is mapped) and admin consent.',
      { cause: info },
    );
  }
  return new HrsyncError('HRS_TARGET_READ_FAILED', text, { cause: info });
}

/** A network failure that retrying cannot heal, as the error a read or write fails with at once. */
export function unreachable(error: GraphNetworkError, what: string): HrsyncError {
  return new HrsyncError(
    'HRS_TARGET_UNREACHABLE',
    `${what}: Microsoft Graph cannot be reached for ${error.message}. Not retried: trying again cannot help.`,
    { cause: error },
  );
}
