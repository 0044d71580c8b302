import type { FastifyBaseLogger } from 'fastify';
import type { Clock, EndpointPolicy } from '../core/index.ts';
import type { AgentTimings } from '../jobs/agent-timings.ts';
import type { Analyses } from '../jobs/analyses.ts';
import type { Connectors } from '../jobs/connectors.ts';
import type { ServiceMetrics } from '../jobs/metrics.ts';
import type { Notifier } from '../notify/index.ts';
import type { Store } from '../store/index.ts';
import type { SignInGuard } from './auth/sign-in-guard.ts';
import type { ExportLimits, ExportSlots } from './exports.ts';

export interface AppOptions {
  readonly store: Store;
  readonly connectors: Connectors;
  readonly metrics: ServiceMetrics;
  /** A pino logger (with redaction) from the composition root; `false` for silence. */
  readonly logger?: FastifyBaseLogger | false;
  /** Folder of the built web console (`web/dist`); served at `/` when it exists. */
  readonly webDir?: string | null;
  /** `auto`: the cookie is Secure when the request came over HTTPS (see `trustProxy`). */
  readonly secureCookies?: 'auto' | boolean;
  /** true, or the proxies' addresses/CIDRs: X-Forwarded-Proto/For from them are believed. */
  readonly trustProxy?: boolean | readonly string[];
  readonly sessionTtlHours?: number;
  /** Tests: answering with an error code the endpoint did not declare becomes a 500. */
  readonly strictContracts?: boolean;
  readonly version?: string;
  /** Serve HTTPS directly (PEM); otherwise put a TLS-terminating proxy in front and set trustProxy. */
  readonly https?: { readonly cert: string; readonly key: string };
  /** Called after a run was queued, so an in-process worker starts without waiting for its poll. */
  readonly onRunQueued?: () => void;
  /** Hosts allowed as AFAS/Microsoft/directory endpoints besides the official ones; default none. */
  readonly endpointPolicy?: EndpointPolicy;
  /** How long the service and directory agents wait for each other; default DEFAULT_AGENT_TIMINGS. */
  readonly agentTimings?: AgentTimings;
  /** The most one agent read's pages may hold in all, in bytes; default MAX_READ_BYTES. */
  readonly agentReadBytes?: number;
  /**
   * The largest request body one page of an agent's read may be, in bytes; default MAX_PAGE_BYTES.
   * Agents learn it from every work answer and split their pages to fit.
   */
  readonly agentPageBytes?: number;
  /** Delivers notifications (and the test action); default: no server mail server, no links. */
  readonly notifier?: Notifier;
  /**
   * Where previews and run comparisons are computed; the service passes its analysis thread.
   * Default: in the API's own thread (tests and tools that build the app by hand).
   */
  readonly analyses?: Analyses;
  /** Extra CA (PEM) to trust when talking to the Microsoft sign-in endpoints (an emulator's test CA). */
  readonly identityCa?: string;
  /** The bearer token /metrics requires (HRSYNC_METRICS_TOKEN); unset or null: no /metrics (404). */
  readonly metricsToken?: string | null;
  /**
   * How long a client has to send a request whole — headers and body — from its first byte, in ms;
   * default REQUEST_TIMEOUT_MS (30 s). Producing the answer is not counted (the agents' long poll).
   */
  readonly requestTimeoutMs?: number;
  /** Exports running at once, per organisation and per process; default DEFAULT_EXPORT_LIMITS (2 and 4). */
  readonly exportLimits?: ExportLimits;
  /** Items or audit events an export reads and writes per batch; default EXPORT_BATCH (500). */
  readonly exportBatch?: number;
}

/** What routes reach through `app.deps`. */
export interface ApiDeps {
  readonly store: Store;
  readonly connectors: Connectors;
  readonly metrics: ServiceMetrics;
  readonly clock: Clock;
  readonly secureCookies: 'auto' | boolean;
  readonly sessionTtlHours: number;
  readonly strictContracts: boolean;
  readonly onRunQueued: () => void;
  readonly endpointPolicy: EndpointPolicy;
  readonly agentTimings: AgentTimings;
  readonly agentReadBytes: number;
  readonly agentPageBytes: number;
  readonly signInGuard: SignInGuard;
  readonly notifier: Notifier;
  readonly analyses: Analyses;
  readonly identityCa: string | null;
  readonly metricsToken: string | null;
  readonly exportSlots: ExportSlots;
  readonly exportBatch: number;
}
