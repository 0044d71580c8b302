/**
 * The agent's only network path to the service: outbound HTTPS requests, each signed with the
 * agent's key. Errors are classified here: refused (revoked, unknown — stop), unreachable (an address
 * that cannot work: bad port, unknown host, untrusted certificate — stop), conflict (the operation is
 * no longer ours — drop it), too large (413: the same bytes would be refused again) or anything else (network, restart, this machine's clock off — retry with
 * back-off).
 */
import type { Static } from '@sinclair/typebox';
import { Agent as HttpAgent, fetch as undiciFetch } from 'undici';
import {
  type AgentAckDto,
  type AgentRegisteredDto,
  type AgentWorkBody,
  type AgentWorkDto,
  completeAgentOperation,
  type Endpoint,
  pathFor,
  pollAgentWork,
  putAgentPage,
  type RegisterAgentBody,
  registerAgent,
} from '../contracts/index.ts';
import { classifyNetworkError, endpointOf } from '../core/network-failure.ts';
import { AGENT_AUTH_SCHEME, AGENT_SIGNATURE_TIME_PATH } from './protocol-constants.ts';
import type { RequestSigner } from './signing.ts';

export class AgentRequestError extends Error {
  constructor(
    message: string,
    /**
     * `refused`: stop; `unreachable`: the service's address cannot work, stop; `conflict`: drop the
     * operation; `too-large`: the body is more than the service (or a proxy before it) takes, never
     * send it again; `transient`: retry later.
     */
    readonly kind: 'refused' | 'unreachable' | 'conflict' | 'too-large' | 'transient',
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'AgentRequestError';
  }
}

export interface ClientOptions {
  readonly server: string;
  /** PEM of a certificate authority to trust besides the public roots (a private CA). */
  readonly ca?: string | undefined;
}

/** What a service certificate the agent does not trust calls for, in the agent's own options. */
const TRUST_ADVICE =
  'give the agent its certificate authority with --ca-file (or HRSYNC_AGENT_CA_FILE), or give the service a certificate from a trusted one';

export class AgentClient {
  readonly #base: string;
  readonly #dispatcher: HttpAgent;
  readonly #sign: RequestSigner | null;

  constructor(options: ClientOptions, sign: RequestSigner | null) {
    this.#base = options.server.replace(/\/+$/, '');
    this.#dispatcher = new HttpAgent({
      ...(options.ca ? { connect: { ca: options.ca } } : {}),
      // A held work request lasts up to the service's hold time; never cut it short here.
      bodyTimeout: 0,
      headersTimeout: 0,
      keepAliveTimeout: 10_000,
    });
    this.#sign = sign;
  }

  register(body: Static<typeof RegisterAgentBody>): Promise<Static<typeof AgentRegisteredDto>> {
    return this.#call(registerAgent, {}, body, undefined);
  }

  work(body: Static<typeof AgentWorkBody>, signal?: AbortSignal): Promise<Static<typeof AgentWorkDto>> {
    return this.#call(pollAgentWork, {}, body, signal);
  }

  page(id: string, seq: number, data: unknown, signal?: AbortSignal): Promise<Static<typeof AgentAckDto>> {
    return this.#call(putAgentPage, { id }, { seq, data }, signal);
  }

  result(id: string, result: unknown, signal?: AbortSignal): Promise<Static<typeof AgentAckDto>> {
    return this.#call(completeAgentOperation, { id }, { result }, signal);
  }

  async close(): Promise<void> {
    await this.#dispatcher.close();
  }

  async #call<R>(
    e: Endpoint,
    params: Record<string, string>,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<R> {
    const path = pathFor(e, params);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // The body is signed as the bytes sent: made once, signed and sent as it is.
    const sent = body === undefined ? '' : JSON.stringify(body);
    if (this.#sign) headers.authorization = `${AGENT_AUTH_SCHEME} ${await this.#sign(e.method, path, sent)}`;
    const url = `${this.#base}${path}`;
    let response: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      response = await undiciFetch(url, {
        method: e.method,
        headers,
        ...(sent === '' ? {} : { body: sent }),
        dispatcher: this.#dispatcher,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      // Host and port only: the path says nothing more, and the request's signed token is never shown.
      const network = classifyNetworkError(error, url, TRUST_ADVICE);
      const where = `cannot reach the hrsync service at ${endpointOf(url)}: ${network.reason}`;
      if (network.permanent)
        throw new AgentRequestError(`${where}; not retried: trying again cannot help`, 'unreachable', null);
      throw new AgentRequestError(where, 'transient', null);
    }
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as R;
    let code = '';
    let message = text.slice(0, 300);
    let details: readonly { path?: unknown }[] = [];
    try {
      const parsed = JSON.parse(text) as {
        error?: { code?: string; message?: string; details?: { path?: unknown }[] };
      };
      code = parsed.error?.code ?? '';
      message = parsed.error?.message ?? message;
      details = Array.isArray(parsed.error?.details) ? parsed.error.details : [];
    } catch {
      // not JSON: a proxy's error page; keep its first characters
    }
    // Refused for this machine's clock: retried (the message says to fix the clock), not a stop.
    const clockOff = details.some(
      (d) => typeof d.path === 'string' && d.path.startsWith(AGENT_SIGNATURE_TIME_PATH),
    );
    const kind =
      code === 'HRS_AGENT_REFUSED' && !clockOff
        ? 'refused'
        : response.status === 409
          ? 'conflict'
          : response.status === 413
            ? 'too-large'
            : 'transient';
    throw new AgentRequestError(`${response.status} ${code}: ${message}`, kind, response.status);
  }
}
