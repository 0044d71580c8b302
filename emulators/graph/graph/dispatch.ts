import { randomUUID } from 'node:crypto';
import type { GraphEmulatorState } from '../emulator-state.ts';
import { invalidToken } from '../identity/token-signer.ts';
import { requestCost } from '../throttle/request-cost.ts';
import { formatRetryAfter } from '../throttle/throttle.ts';
import { GraphError, renderGraphError } from './graph-error.ts';
import { type Principal, principalFrom } from './principal.ts';
import type { GraphRequest, GraphResult } from './route-types.ts';
import type { Router } from './router.ts';

export const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface DispatchOutcome extends GraphResult {
  readonly headers: Readonly<Record<string, string>>;
  /** The matched template, for counting and fault decisions. */
  readonly template: string;
}

/**
 * Runs one Graph request through the same steps Graph applies: route, authenticate, throttle (per
 * app+tenant), then the handler with its permission checks. Used for HTTP requests and for every
 * `$batch` item, so both behave identically.
 */
export async function dispatch(
  state: GraphEmulatorState,
  router: Router,
  request: GraphRequest,
  knownPrincipal?: Principal,
): Promise<DispatchOutcome> {
  const requestId = randomUUID();
  const clientRequestId = request.headers['client-request-id'] ?? randomUUID();
  const lookup = router.lookup(request.method, request.path);
  const template =
    lookup.kind === 'found'
      ? lookup.route.template
      : lookup.kind === 'method-not-allowed'
        ? lookup.template
        : '/(unmatched)';
  const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': clientRequestId };
  let result: GraphResult;
  try {
    if (lookup.kind === 'not-found') {
      throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${lookup.segment}'.`);
    }
    if (lookup.kind === 'method-not-allowed') {
      throw new GraphError(
        405,
        'Request_BadRequest',
        'Specified HTTP method is not allowed for the request target.',
      );
    }
    const principal = knownPrincipal ?? (await authenticate(state, request));
    const { route } = lookup;
    if (!route.envelope) {
      const cost = requestCost(request.method, route.cost ?? 1, request.query);
      headers['x-ms-resource-unit'] = String(cost.resourceUnits);
      const decision = state.throttle.check(
        principal.appId,
        principal.tenantId,
        cost,
        state.directory.userCount,
      );
      if (!decision.allowed) {
        throw new GraphError(
          429,
          'TooManyRequests',
          'Too many requests from this application to this tenant. Please try again later.',
          [],
          {
            'Retry-After': formatRetryAfter(decision.retryAfterMs, state.timeScale),
            'x-ms-throttle-scope': `Tenant_Application/${decision.limit}/${principal.appId}/${principal.tenantId}`,
            'x-ms-throttle-information': decision.information,
          },
        );
      }
      if (decision.usage > 0.8) headers['x-ms-throttle-limit-percentage'] = decision.usage.toFixed(2);
    }
    result = await route.handle({
      request,
      params: lookup.params,
      principal,
      state,
      directory: state.directory,
      graphBase: `${request.baseUrl}/v1.0`,
    });
  } catch (error) {
    result = errorResult(error, requestId, clientRequestId, state.now());
  }
  if (result.body !== undefined) {
    headers['Content-Type'] = typeof result.body === 'string' ? 'text/plain' : JSON_CONTENT_TYPE;
  }
  state.requests.record({
    method: request.method,
    route: `/v1.0${template}`,
    status: result.status,
    viaBatch: request.viaBatch,
  });
  return { ...result, template, headers: { ...headers, ...result.headers } };
}

async function authenticate(state: GraphEmulatorState, request: GraphRequest): Promise<Principal> {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw invalidToken('Access token is empty.');
  const claims = await state.signer.verify(match[1]!, state.directory.tenantId, state.now());
  return principalFrom(claims);
}

function errorResult(error: unknown, requestId: string, clientRequestId: string, nowMs: number): GraphResult {
  const graphError =
    error instanceof GraphError
      ? error
      : new GraphError(
          500,
          'InternalServerError',
          `The emulator failed: ${(error as Error)?.message ?? String(error)}`,
        );
  return {
    status: graphError.status,
    body: renderGraphError(graphError, { requestId, clientRequestId, date: new Date(nowMs) }),
    headers: graphError.headers,
  };
}
