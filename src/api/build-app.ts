/**
 * Builds the Fastify app: decorators for the store and services, one plugin per area, schemas from
 * the contracts, one error handler. Separate from listen(), so tests drive it with inject().
 */
import cookie from '@fastify/cookie';
import fastJsonStringify from 'fast-json-stringify';
import Fastify, { type FastifyInstance } from 'fastify';
import { PRODUCTION_ENDPOINTS } from '../core/index.ts';
import { DEFAULT_AGENT_TIMINGS } from '../jobs/agent-timings.ts';
import { inlineAnalyses } from '../jobs/analyses.ts';
import { Notifier } from '../notify/index.ts';
import { MAX_PAGE_BYTES, MAX_READ_BYTES } from '../targets/remote/index.ts';
import { authPlugin } from './auth/auth-plugin.ts';
import { SignInGuard } from './auth/sign-in-guard.ts';
import type { ApiDeps, AppOptions } from './deps.ts';
import {
  BODY_LIMIT_BYTES,
  methodNotAllowedError,
  notFoundError,
  registerErrorHandling,
  sendError,
} from './errors.ts';
import './fastify-types.ts';
import { DEFAULT_EXPORT_LIMITS, EXPORT_BATCH, ExportSlots } from './exports.ts';
import { clientErrorHandler } from './plugins/client-errors.ts';
import { registerConsole } from './plugins/console.ts';
import { registerInputHygiene } from './plugins/input-hygiene.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { operationsRoutes } from './plugins/operations.ts';
import { recordRouteMethods } from './plugins/route-methods.ts';
import { registerWebHardening } from './plugins/web-hardening.ts';
import { agentProtocolRoutes } from './routes/agent-protocol.ts';
import { agentRoutes } from './routes/agents.ts';
import { auditRoutes } from './routes/audit-events.ts';
import { configurationRoutes } from './routes/configuration.ts';
import { configurationTestRoutes } from './routes/configuration-tests.ts';
import { connectionRoutes } from './routes/connections.ts';
import { customerRoutes } from './routes/customers.ts';
import { entitlementOptionRoutes } from './routes/entitlement-options.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { microsoftSignInRoutes } from './routes/microsoft-sign-in.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { organisationRoutes } from './routes/organisation.ts';
import { overrideRoutes } from './routes/overrides.ts';
import { personRoutes } from './routes/persons.ts';
import { previewRoutes } from './routes/previews.ts';
import { runRoutes } from './routes/runs.ts';
import { scheduleRoutes } from './routes/schedule.ts';
import { secondFactorRoutes } from './routes/second-factor.ts';
import { sessionRoutes } from './routes/session.ts';
import { settingsRoutes } from './routes/settings.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { unsavedTenantTestRoutes } from './routes/unsaved-tenant-tests.ts';
import { userRoutes } from './routes/users.ts';
import { validatorCompiler } from './validation.ts';

/**
 * Response serializers check union branches (anyOf/oneOf) with Ajv validators that
 * fast-json-stringify compiles lazily, on the first response that reaches them. The console polls
 * these routes while a run is in progress, so their first answers compiled validators on the API's
 * event loop just as the run thread started (2.8 s for the first `GET /runs/:id` at load 24): they
 * are compiled when the routes are built instead, validators included, for their successful
 * answers. Every other serializer is built on its route's first answer with that status: building
 * all ~950 (each route, status and HEAD) took 2.2–3.3 s of CPU at every start, where a process
 * answers with a few dozen of them (`compileEverySerializer` builds them all, for the test that
 * proves each one builds).
 */
const EAGER_SERIALIZERS = new Set([
  '/api/v1/runs/:id',
  '/api/v1/runs/:id/items',
  '/api/v1/connections/:id/runs',
  '/api/v1/connections/:id/simulate',
  '/api/v1/connections/:id/sync',
]);

/**
 * How long a client has to send a request whole, headers and body, from its first byte. Fastify
 * leaves Node's `requestTimeout` at 0 (none), so a client that sent its headers and then a body a
 * byte a minute held its connection for ever, and many such clients held them all (slowloris); only
 * incomplete headers were cut, at Node's `headersTimeout` of 60 s. 30 s leaves room for the largest
 * body the API takes (2 MiB) at about 70 KB/s. Node counts until the request has arrived, not until
 * it is answered: an agent's held work request (20 s) or a long simulation is not cut short.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Each app's serializers that are built on first use. */
const lazySerializers = new WeakMap<FastifyInstance, readonly (() => unknown)[]>();

/** Builds every serializer of a ready app that is not built yet; returns how many the app has in all. */
export function compileEverySerializer(app: FastifyInstance): number {
  const lazy = lazySerializers.get(app) ?? [];
  for (const built of lazy) built();
  return lazy.length;
}

/**
 * Node looks for late requests every `connectionsCheckingInterval` (30 s by default, so a 30 s limit
 * could take a minute); a quarter of the limit bounds the overshoot to 25 %.
 */
function requestTimeouts(requestTimeout: number) {
  return {
    requestTimeout,
    headersTimeout: requestTimeout,
    connectionsCheckingInterval: Math.max(25, Math.floor(requestTimeout / 4)),
  };
}

/** The smallest page limit that still holds a page of a few accounts. */
const MIN_PAGE_BYTES = 1024;

function pageBytesOf(value: number | undefined): number {
  if (value === undefined) return MAX_PAGE_BYTES;
  if (!Number.isSafeInteger(value) || value < MIN_PAGE_BYTES) {
    throw new Error(
      `agentPageBytes must be a whole number of bytes, at least ${MIN_PAGE_BYTES}; got ${value}`,
    );
  }
  return value;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const timeouts = requestTimeouts(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    trustProxy:
      typeof options.trustProxy === 'object' ? [...options.trustProxy] : (options.trustProxy ?? false),
    // Node would answer a request without Host with a bare 400; input-hygiene.ts says why instead.
    ...(options.https
      ? {
          https: { cert: options.https.cert, key: options.https.key, requireHostHeader: false, ...timeouts },
        }
      : { http: { requireHostHeader: false, ...timeouts } }),
    // A request not whole in time is answered 408 HRS_REQUEST_TIMEOUT by clientErrorHandler. The
    // socket's idle timeout (`connectionTimeout`) stays off: a held work request is idle by design.
    requestTimeout: timeouts.requestTimeout,
    bodyLimit: BODY_LIMIT_BYTES,
    // Fastify's router refuses a path parameter over 100 characters in its own shape (414
    // FST_ERR_MAX_PARAM_LENGTH): let each route's schema say which parameter is too long and its
    // limit. Node's 16 KiB for the URL and headers still bounds them.
    routerOptions: { maxParamLength: 16_384 },
    // Requests Node's parser refuses (too long, not HTTP) get the API's error shape too.
    clientErrorHandler,
  });
  const routeMethods = recordRouteMethods(app);
  const lazy: (() => unknown)[] = [];
  lazySerializers.set(app, lazy);
  app.setSerializerCompiler(({ schema, url, method, httpStatus }) => {
    // The answers the console waits for during a run: success, to GET and POST (never HEAD).
    if (EAGER_SERIALIZERS.has(url) && method !== 'HEAD' && String(httpStatus).startsWith('2'))
      return fastJsonStringify(schema as object, { compileValidators: true });
    let serialize: ((data: unknown) => string) | undefined;
    const built = () => {
      serialize ??= fastJsonStringify(schema as object, { compileValidators: false });
      return serialize;
    };
    lazy.push(built);
    return (data: unknown) => built()(data);
  });
  const deps: ApiDeps = {
    store: options.store,
    connectors: options.connectors,
    metrics: options.metrics,
    clock: options.store.clock,
    secureCookies: options.secureCookies ?? 'auto',
    sessionTtlHours: options.sessionTtlHours ?? 12,
    strictContracts: options.strictContracts ?? false,
    onRunQueued: options.onRunQueued ?? (() => {}),
    endpointPolicy: options.endpointPolicy ?? PRODUCTION_ENDPOINTS,
    signInGuard: new SignInGuard(() => Date.parse(options.store.clock.now())),
    agentTimings: options.agentTimings ?? DEFAULT_AGENT_TIMINGS,
    agentReadBytes: options.agentReadBytes ?? MAX_READ_BYTES,
    agentPageBytes: pageBytesOf(options.agentPageBytes),
    notifier:
      options.notifier ??
      new Notifier({
        store: options.store,
        smtp: null,
        endpointPolicy: options.endpointPolicy ?? PRODUCTION_ENDPOINTS,
        publicUrl: null,
      }),
    analyses:
      options.analyses ??
      inlineAnalyses({
        store: options.store,
        connectors: options.connectors,
        agentTimings: options.agentTimings ?? DEFAULT_AGENT_TIMINGS,
      }),
    metricsToken: options.metricsToken ?? null,
    identityCa: options.identityCa ?? null,
    exportSlots: new ExportSlots(options.exportLimits ?? DEFAULT_EXPORT_LIMITS),
    exportBatch: options.exportBatch ?? EXPORT_BATCH,
  };
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler());

  registerInputHygiene(app);

  registerErrorHandling(app);
  await registerWebHardening(app);
  await app.register(cookie);
  await app.register(authPlugin);
  await registerOpenApi(app, options.version ?? '0.1.0');

  await app.register(sessionRoutes);
  await app.register(microsoftSignInRoutes);
  await app.register(userRoutes);
  await app.register(invitationRoutes);
  await app.register(secondFactorRoutes);
  await app.register(tokenRoutes);
  await app.register(organisationRoutes);
  await app.register(customerRoutes);
  await app.register(tenantRoutes);
  await app.register(unsavedTenantTestRoutes);
  await app.register(connectionRoutes);
  await app.register(configurationRoutes);
  await app.register(configurationTestRoutes);
  await app.register(personRoutes);
  await app.register(entitlementOptionRoutes);
  await app.register(scheduleRoutes);
  await app.register(overrideRoutes);
  await app.register(runRoutes);
  await app.register(previewRoutes);
  await app.register(auditRoutes);
  await app.register(settingsRoutes);
  await app.register(notificationRoutes);
  await app.register(agentRoutes);
  await app.register(agentProtocolRoutes);
  await app.register(operationsRoutes);

  const serveIndex = await registerConsole(app, options.webDir);
  app.setNotFoundHandler((request, reply) => {
    if (serveIndex && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return serveIndex(request, reply);
    }
    const allowed = routeMethods.allowedFor(request.url);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      return sendError(reply, methodNotAllowedError(request.method, request.url, allowed));
    }
    return sendError(reply, notFoundError(request.method, request.url));
  });
  return app;
}
