/**
 * The Microsoft Entra ID target over Microsoft Graph v1.0: reader, writer, capabilities and test, on
 * one token provider and one HTTP client (trusting an extra CA when configured).
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { GraphTargetConfig } from '../../core/index.ts';
import type { Target } from '../../engine/ports.ts';
import { BatchPacer, GRAPH_WRITE_QUOTA, type PacerOptions } from './batch-pacer.ts';
import { GRAPH_CAPABILITIES, LIST_ATTRIBUTES } from './graph-capabilities.ts';
import { checkGraphConnection } from './graph-check.ts';
import { readCatalogue, readEntitlements } from './graph-entitlements.ts';
import { GraphHttp, type HttpFetch, type Sleep } from './graph-http.ts';
import { findAccounts, readAccounts } from './graph-reader.ts';
import { type GraphCredentialMaterial, GraphTokenProvider } from './graph-token.ts';
import { GraphWriter, type WriterOptions, type WriteStats } from './graph-writer.ts';
import { strongPassword } from './password.ts';

export interface GraphDeps {
  /** The resolved credential: a client secret, or a PEM certificate with its PEM private key. */
  readonly credential: GraphCredentialMaterial;
  /** PEM of an extra certificate authority to trust besides the public roots (the emulator's test CA); default: `config.caFile`. */
  readonly ca?: string;
  readonly fetch?: HttpFetch;
  readonly sleep?: Sleep;
  /** Milliseconds since the epoch; used for pacing and Retry-After. */
  readonly clock?: () => number;
  /** The write quota to stay under; default Graph's 3,000 requests per 150 s. */
  readonly pacing?: PacerOptions;
  readonly writer?: WriterOptions;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
}

export interface GraphTarget extends Target {
  /** Requests, 429s and batches sent by `apply` so far. */
  readonly stats: Readonly<WriteStats>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

const contexts = new Map<string, SecureContext>();

/**
 * A TLS context that trusts the public roots and `ca`. A `ca` list replaces Node's trust store, so the
 * roots are kept for graph.microsoft.com. Made once per CA: given as `ca`, every connection would parse
 * the ~150 root certificates again (tens of milliseconds of CPU each).
 */
function trusting(ca: string): SecureContext {
  let context = contexts.get(ca);
  if (context === undefined) {
    context = createSecureContext({ ca: [...rootCertificates, ca] });
    contexts.set(ca, context);
  }
  return context;
}

export function createGraphTarget(config: GraphTargetConfig, deps: GraphDeps): GraphTarget {
  const ca = deps.ca ?? (config.caFile === undefined ? undefined : readFileSync(config.caFile, 'utf8'));
  const agent = ca === undefined ? undefined : new Agent({ connect: { secureContext: trusting(ca) } });
  const baseFetch: HttpFetch = deps.fetch ?? (agent ? (undiciFetch as unknown as HttpFetch) : fetch);
  const fetchFn: HttpFetch = agent
    ? // undici's Agent is what Node's fetch dispatches on; the DOM typing of RequestInit does not know it.
      (url, init) => baseFetch(url, { ...init, dispatcher: agent } as unknown as RequestInit)
    : baseFetch;
  const sleep: Sleep = deps.sleep ?? ((ms, signal) => delay(ms, undefined, signal ? { signal } : {}));
  const clock = deps.clock ?? Date.now;

  const tokens = new GraphTokenProvider({
    tenantId: config.tenantId,
    clientId: config.clientId,
    authorityHost: config.authorityHost,
    credential: deps.credential,
    fetch: fetchFn,
  });
  const http = new GraphHttp({
    graphBaseUrl: config.graphBaseUrl,
    fetch: fetchFn,
    tokens,
    sleep,
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
  });
  const pacer = new BatchPacer(deps.pacing ?? GRAPH_WRITE_QUOTA, clock, sleep);
  const writer = new GraphWriter(
    http,
    pacer,
    {
      graphBaseUrl: config.graphBaseUrl,
      usePasswordProfile: config.usePasswordProfile,
      password: () => strongPassword(),
      listAttributes: LIST_ATTRIBUTES,
    },
    deps.writer ?? {},
    clock,
    sleep,
  );

  return {
    capabilities: GRAPH_CAPABILITIES,
    stats: writer.stats,
    readAccounts: (options) => readAccounts(http, options),
    findAccounts: (attribute, value, attributes) => findAccounts(http, attribute, value, attributes),
    readEntitlements: (request) => readEntitlements(http, request),
    entitlementCatalogue: (request) => readCatalogue(http, request),
    apply: (writes, options) => writer.apply(writes, options),
    test: () => checkGraphConnection(http, config.defaultDomain),
    close: async () => {
      await agent?.close();
    },
  };
}
