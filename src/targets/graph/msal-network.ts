/**
 * MSAL's network client, on our fetch and dispatcher. MSAL's own client uses the global fetch with no
 * way to add a certificate authority, and the emulator (like any HTTPS endpoint behind a private CA)
 * must be trusted through the test CA.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { classifyNetworkError, endpointOf } from '../../core/index.ts';
import type { HttpFetch } from './graph-http.ts';

export interface MsalNetwork extends INetworkModule {
  /** Why the last request got no answer: MSAL reports only its own error code, not the cause. */
  lastFailure(): NetworkFailureSeen | undefined;
}

export interface NetworkFailureSeen {
  /** The request, where it went and why it failed, in words. */
  readonly message: string;
  /** Retrying cannot help (bad port, unknown host, untrusted certificate). */
  readonly permanent: boolean;
}

export function msalNetworkClient(fetchFn: HttpFetch, trustAdvice?: string): MsalNetwork {
  let lastFailure: NetworkFailureSeen | undefined;
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options: NetworkRequestOptions | undefined,
    timeoutMs?: number,
  ): Promise<NetworkResponse<T>> => {
    let response: Response;
    try {
      response = await fetchFn(url, {
        method,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
      });
    } catch (error) {
      const network = classifyNetworkError(error, url, trustAdvice);
      lastFailure = {
        message: `${method} ${new URL(url).pathname} at ${endpointOf(url)}: ${network.reason}`,
        permanent: network.permanent,
      };
      throw error;
    }
    lastFailure = undefined;
    const text = await response.text();
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      throw new Error(`${method} ${new URL(url).origin} answered ${response.status} without a JSON body`);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { status: response.status, headers, body };
  };
  return {
    lastFailure: () => lastFailure,
    sendGetRequestAsync: (url, options, timeout) => send(url, 'GET', options, timeout),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}
