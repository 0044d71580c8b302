/**
 * fetch that trusts an extra certificate authority besides the public roots: HRSYNC_EXTRA_CA_FILE (a
 * private CA, an emulator's test CA) or a connection's own CA file. One mechanism for the AFAS source
 * and the Graph target (its token requests included); webhooks take the TLS context alone, to connect
 * through the guard (notify/webhook.ts).
 */
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';

/** The part of fetch the adapters use: a URL string and an init. */
export type HttpFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface TrustingFetch {
  readonly fetch: HttpFetch;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

const contexts = new Map<string, SecureContext>();

/**
 * The certificates NODE_EXTRA_CA_CERTS names (a corporate proxy's CA, say), read once as Node reads
 * them at start: Node adds them to its own trust store, which a `ca` list replaces, and
 * `tls.rootCertificates` leaves them out. A file Node could not read is left out here too.
 */
let nodeExtra: string[] | undefined;
function nodeExtraCertificates(): string[] {
  if (nodeExtra === undefined) {
    const file = process.env.NODE_EXTRA_CA_CERTS;
    nodeExtra = [];
    if (file)
      try {
        nodeExtra.push(readFileSync(file, 'latin1'));
      } catch {}
  }
  return nodeExtra;
}

/**
 * A TLS context that trusts what Node trusts (the public roots and NODE_EXTRA_CA_CERTS) and `ca`. A `ca`
 * list replaces Node's trust store, so the rest is kept for the public endpoints. Made once per CA:
 * given as `ca`, every connection would parse the ~150 root certificates again (tens of milliseconds
 * of CPU each).
 */
export function trustingContext(ca: string): SecureContext {
  let context = contexts.get(ca);
  if (context === undefined) {
    context = createSecureContext({ ca: [...rootCertificates, ...nodeExtraCertificates(), ca] });
    contexts.set(ca, context);
  }
  return context;
}

/** `base` (default undici's fetch, which knows undici's Agent) sent through a pool that trusts `ca`. */
export function fetchTrusting(ca: string, base?: HttpFetch): TrustingFetch {
  const agent = new Agent({ connect: { secureContext: trustingContext(ca) } });
  const send: HttpFetch = base ?? (undiciFetch as unknown as HttpFetch);
  return {
    // undici's Agent is what fetch dispatches on; the DOM typing of RequestInit does not know it.
    fetch: (url, init) => send(url, { ...init, dispatcher: agent } as unknown as RequestInit),
    close: () => agent.close(),
  };
}
