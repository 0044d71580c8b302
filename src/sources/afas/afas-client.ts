/**
 * One HTTP exchange with AFAS: the AfasToken header, the environment-wide parallel limit, a timeout,
 * and retries for 503/gateway/network failures within a bounded budget. Everything else becomes an
 * HrsyncError (see afas-response.ts).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { classifyNetworkError, type ErrorCode, endpointOf, HrsyncError } from '../../core/index.ts';
import { isBlank, parseJsonRows, type RowReader } from '../../core/json-rows.ts';
import type { HttpFetch } from '../../net/index.ts';
import { classifyAfasAnswer } from './afas-response.ts';
import { afasAuthorization } from './afas-token.ts';
import { environmentLimiter, RequestLimiter } from './request-limiter.ts';

export interface AfasRetryOptions {
  /** Tries per request, the first included. */
  readonly attempts?: number;
  /** First back-off after a network error; doubles per try. */
  readonly baseDelayMs?: number;
  /** Longest back-off between tries when AFAS gave no `retry_after`. */
  readonly maxDelayMs?: number;
  /** A `retry_after` longer than this (a maintenance window) fails at once instead of waiting. */
  readonly maxRetryAfterMs?: number;
}

export interface AfasDeps {
  /** The App Connector token: the whole XML, or only its 64 hex data characters. */
  readonly token: string;
  readonly fetch?: HttpFetch;
  /** What to do about a certificate that is not trusted, in this program's terms (the service names HRSYNC_EXTRA_CA_FILE). */
  readonly trustAdvice?: string;
  readonly retry?: AfasRetryOptions;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Partner id sent as `IntegrationId` on every request, e.g. `12345_123456`. */
  readonly integrationId?: string;
  /** Per-request timeout; AFAS itself gives up after 900 s. */
  readonly timeoutMs?: number;
}

const DEFAULT_RETRY: Required<AfasRetryOptions> = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export interface AfasRequest {
  readonly method: 'GET' | 'PUT';
  readonly url: string;
  readonly what: string;
  readonly failureCode: ErrorCode;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Asked when the request's turn comes (a free call under the limit): true drops it unsent. */
  readonly unwanted?: () => boolean;
  /** Makes each row of the answer's `rows` as it is parsed (json-rows.ts). */
  readonly rows?: RowReader;
}

/** What `send` returns for a request that was `unwanted` when its turn came. */
export const UNSENT: unique symbol = Symbol('unsent');

export class AfasClient {
  readonly limiter: RequestLimiter;
  readonly #authorization: string;
  readonly #fetch: HttpFetch;
  readonly #trustAdvice: string | undefined;
  readonly #retry: Required<AfasRetryOptions>;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #integrationId: string | undefined;
  readonly #timeoutMs: number;

  constructor(deps: AfasDeps, parallel: number) {
    this.#authorization = afasAuthorization(deps.token);
    this.limiter = new RequestLimiter(Math.min(8, parallel));
    this.#fetch = deps.fetch ?? fetch;
    this.#trustAdvice = deps.trustAdvice;
    this.#retry = { ...DEFAULT_RETRY, ...deps.retry };
    this.#sleep = deps.sleep ?? ((ms, signal) => delay(ms, undefined, signal ? { signal } : {}));
    this.#integrationId = deps.integrationId;
    this.#timeoutMs = deps.timeoutMs ?? 300_000;
  }

  /** Sends the request; returns the parsed JSON body (null when empty) of a 2xx answer, or UNSENT. */
  async send(request: AfasRequest): Promise<unknown> {
    const unwanted = request.unwanted;
    const { attempts, baseDelayMs, maxDelayMs, maxRetryAfterMs } = this.#retry;
    let lastReason = '';
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.limiter.run(
        () =>
          environmentLimiter(request.url).run(
            () =>
              unwanted?.() ? Promise.resolve({ ok: true as const, body: UNSENT }) : this.#exchange(request),
            request.signal,
          ),
        request.signal,
      );
      if (outcome.ok) return outcome.body;
      if (!outcome.failure.retry) throw outcome.failure.error;
      lastReason = outcome.failure.reason;
      const asked = outcome.failure.afterMs;
      if (asked !== undefined && asked > maxRetryAfterMs) {
        throw unavailable(`${lastReason}; AFAS asks to retry after ${Math.ceil(asked / 1000)} s`, asked);
      }
      if (attempt >= attempts) throw unavailable(`${lastReason}; gave up after ${attempts} tries`, asked);
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await this.#sleep(asked ?? backoff * (0.75 + Math.random() / 2), request.signal);
    }
  }

  async #exchange(
    request: AfasRequest,
  ): Promise<{ ok: true; body: unknown } | { ok: false; failure: ReturnType<typeof classifyAfasAnswer> }> {
    const headers: Record<string, string> = {
      Authorization: this.#authorization,
      Accept: 'application/json',
    };
    if (this.#integrationId !== undefined) headers.IntegrationId = this.#integrationId;
    if (request.body !== undefined) headers['Content-Type'] = 'application/json;charset=utf-8';
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let status: number;
    let bodyText = '';
    let bodyBytes: Buffer | undefined;
    let retryAfterHeader: string | null;
    try {
      const response = await this.#fetch(request.url, {
        method: request.method,
        headers,
        signal,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      status = response.status;
      retryAfterHeader = response.headers.get('retry-after');
      // A page's rows are parsed from its bytes one by one, not from one text of the page (parseJsonRows).
      if (status >= 200 && status < 300) bodyBytes = Buffer.from(await response.arrayBuffer());
      else bodyText = await response.text();
    } catch (error) {
      request.signal?.throwIfAborted();
      if (timeout.aborted)
        return {
          ok: false,
          failure: { retry: true, afterMs: undefined, reason: `${request.what}: timed out` },
        };
      // Reset connections are transient (AFAS documents resets under `Connection: close`); a bad port,
      // an unknown host or an untrusted certificate fail the same way however often they are tried.
      const network = classifyNetworkError(error, request.url, this.#trustAdvice);
      const where = `${request.what} at ${endpointOf(request.url)}`;
      if (network.permanent) {
        const message = `AFAS cannot be reached for ${where}: ${network.reason}. Not retried: trying again cannot help.`;
        return { ok: false, failure: { retry: false, error: new HrsyncError(request.failureCode, message) } };
      }
      return {
        ok: false,
        failure: { retry: true, afterMs: undefined, reason: `${where}: ${network.reason}` },
      };
    }
    if (bodyBytes !== undefined) return { ok: true, body: parseBody(bodyBytes, request) };
    return {
      ok: false,
      failure: classifyAfasAnswer({
        status,
        bodyText,
        retryAfterHeader,
        what: request.what,
        failureCode: request.failureCode,
        now: Date.now(),
      }),
    };
  }
}

function parseBody(bytes: Buffer, request: AfasRequest): unknown {
  if (isBlank(bytes)) {
    if (request.method === 'PUT') return null;
    throw new HrsyncError(request.failureCode, `AFAS returned an empty body for ${request.what}.`);
  }
  try {
    return parseJsonRows(bytes, 'rows', true, request.rows);
  } catch (error) {
    throw new HrsyncError(
      request.failureCode,
      `AFAS returned a body that is not valid JSON for ${request.what} (${utf8Length(bytes)} characters); the answer is incomplete.`,
      { cause: error },
    );
  }
}

const unavailable = (message: string, retryAfterMs: number | undefined) =>
  new HrsyncError(
    'HRS_SOURCE_UNAVAILABLE',
    `${message}.`,
    retryAfterMs === undefined ? {} : { retryAfter: Math.ceil(retryAfterMs / 1000) },
  );

/** The length of the body as text (what the message reported when the body was read as text). */
function utf8Length(bytes: Buffer): number {
  return bytes.toString('utf8').replace(/^\uFEFF/, '').length;
}
