import { LOCAL_ADDRESS_CODE } from './endpoint-policy.ts';

/**
 * Why an HTTP request got no answer at all, in words, and whether trying again can help; one list
 * for the AFAS and Graph clients alike. fetch (undici) throws a bare `TypeError('fetch failed')` and
 * hides the socket's, DNS's or TLS's error in `cause`, so the whole cause chain is read.
 *
 * Permanent: a port fetch never connects to ("bad port"), a URL that does not parse, a host DNS says
 * does not exist, a TLS certificate that is not trusted. Retrying those only makes the administrator
 * wait for the same answer. Everything else (refused, reset, timed out, a DNS server that did not
 * answer) may heal, and is retried as before.
 */

export interface NetworkFailure {
  /** The error code found in the cause chain (`ECONNRESET`, `CERT_HAS_EXPIRED`), if any. */
  readonly code: string | undefined;
  /** Why, in words, with the code in brackets: "its TLS certificate has expired (CERT_HAS_EXPIRED)". */
  readonly reason: string;
  /** Trying again cannot help until the URL, DNS or certificate is changed. */
  readonly permanent: boolean;
  /** No connection was made (or TLS refused it), so the request certainly did not reach the server. */
  readonly connectFailed: boolean;
}

/** What to do about a certificate that is not trusted, where the caller has nothing more exact to say. */
const TRUST_ADVICE = 'trust its certificate authority, or give the server a certificate from a trusted one';

/** Codes that cannot heal by retrying, and what each means. `{host}` is the host asked for; `{trust}`, how to trust a CA. */
const PERMANENT: Readonly<Record<string, string>> = {
  ERR_INVALID_URL: 'the URL is not valid',
  ENOTFOUND: 'DNS knows no host {host}; check the host name',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed; {trust}',
  SELF_SIGNED_CERT_IN_CHAIN:
    'its TLS certificate comes from a certificate authority that is not trusted; {trust}',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'its TLS certificate was issued by a certificate authority that is not trusted; {trust}',
  UNABLE_TO_GET_ISSUER_CERT:
    'its TLS certificate was issued by a certificate authority that is not trusted; {trust}',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'its TLS certificate was issued by a certificate authority that is not trusted; {trust}',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired; the server needs a new one',
  CERT_NOT_YET_VALID: 'its TLS certificate is not valid yet; check the clocks of both machines',
  CERT_REVOKED: 'its TLS certificate has been revoked',
  INVALID_PURPOSE: 'its TLS certificate is not one for a server (its purpose is another)',
  ERR_TLS_CERT_ALTNAME_INVALID:
    'its TLS certificate is not issued for {host}; use the host name the certificate names',
};

/** Codes that may heal, in words; others show the system's own message. */
const TRANSIENT: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EAI_AGAIN: 'the DNS server did not answer',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  UND_ERR_SOCKET: 'the connection closed before the answer was complete',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Any other certificate problem OpenSSL reports is permanent too. */
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_/;

/** `https://x.example/p?q` → `x.example:443`: where a request went, without path, query or user-info. */
export function endpointOf(url: string): string {
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === 'http:' ? '80' : '443');
    return `${parsed.hostname}:${port}`;
  } catch {
    return 'an address that is not a valid URL';
  }
}

/**
 * `trustAdvice` says how this program is told to trust a private CA (the service names
 * HRSYNC_EXTRA_CA_FILE); the default says it in general terms.
 */
export function classifyNetworkError(
  error: unknown,
  url: string,
  trustAdvice: string = TRUST_ADVICE,
): NetworkFailure {
  const chain: { code: string | undefined; message: string }[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 8; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    chain.push({ code: typeof code === 'string' ? code : undefined, message: e.message });
  }
  let host = 'it';
  let port = '';
  try {
    host = new URL(url).hostname;
    port = endpointOf(url).slice(host.length + 1);
  } catch {}
  // undici refuses the ports browsers block (1, 9, 25, …) before connecting, with no code at all.
  if (chain.some((e) => e.message === 'bad port')) {
    return {
      code: undefined,
      reason: `fetch never connects to port ${port} ("bad port", a port browsers block); use the service's own port, normally 443`,
      permanent: true,
      connectFailed: true,
    };
  }
  const code = chain.find((e) => e.code !== undefined)?.code;
  // The connect-time endpoint rule (net/connect-guard.ts) refused every address of the name: its
  // message names the name, the addresses and the setting that allows them.
  const local = chain.find((e) => e.code === LOCAL_ADDRESS_CODE);
  if (local !== undefined) {
    return { code: LOCAL_ADDRESS_CODE, reason: local.message, permanent: true, connectFailed: true };
  }
  if (code !== undefined && (code in PERMANENT || TLS_CODE.test(code))) {
    const words = (PERMANENT[code] ?? 'its TLS certificate is not trusted; {trust}')
      .replace('{host}', host)
      .replace('{trust}', trustAdvice);
    return { code, reason: `${words} (${code})`, permanent: true, connectFailed: true };
  }
  const innermost = chain.at(-1)?.message ?? String(error);
  const words = code === undefined ? undefined : TRANSIENT[code];
  return {
    code,
    reason: words === undefined ? innermost : `${words} (${code})`,
    permanent: false,
    connectFailed: code !== undefined && CONNECT_FAILURES.has(code),
  };
}
