/**
 * The Microsoft Entra ID target over Microsoft Graph v1.0: reader, writer, capabilities and test, on
 * one token provider and one HTTP client (trusting an extra CA when configured).
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { GraphTargetConfig } from '../../core/index.ts';
import type { Target } from '../../engine/ports.ts';
import { fetchTrusting } from '../../net/index.ts';
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
  /** What to do about a certificate that is not trusted, in this program's terms (the service names HRSYNC_EXTRA_CA_FILE). */
  readonly trustAdvice?: string;
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

export function createGraphTarget(config: GraphTargetConfig, deps: GraphDeps): GraphTarget {
  const ca = deps.ca ?? (config.caFile === undefined ? undefined : readFileSync(config.caFile, 'utf8'));
  const trusted = ca === undefined ? undefined : fetchTrusting(ca, deps.fetch);
  const fetchFn: HttpFetch = trusted?.fetch ?? deps.fetch ?? fetch;
  const sleep: Sleep = deps.sleep ?? ((ms, signal) => delay(ms, undefined, signal ? { signal } : {}));
  const clock = deps.clock ?? Date.now;

  const tokens = new GraphTokenProvider({
    tenantId: config.tenantId,
    clientId: config.clientId,
    authorityHost: config.authorityHost,
    credential: deps.credential,
    fetch: fetchFn,
    ...(deps.trustAdvice === undefined ? {} : { trustAdvice: deps.trustAdvice }),
  });
  const http = new GraphHttp({
    graphBaseUrl: config.graphBaseUrl,
    fetch: fetchFn,
    tokens,
    sleep,
    ...(deps.trustAdvice === undefined ? {} : { trustAdvice: deps.trustAdvice }),
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
      await trusted?.close();
    },
  };
}
