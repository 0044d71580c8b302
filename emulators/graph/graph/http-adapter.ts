import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphEmulatorState } from '../emulator-state.ts';
import { baseUrlOf } from '../identity/identity-routes.ts';
import { batchCreatesUser } from './batch.ts';
import { type DispatchOutcome, dispatch, JSON_CONTENT_TYPE } from './dispatch.ts';
import { GraphError, renderGraphError } from './graph-error.ts';
import type { Router } from './router.ts';

/**
 * Serves `/v1.0/*` over HTTP: applies the armed faults (latency, 503, dropped connections), turns
 * the HTTP request into a GraphRequest and hands it to the dispatcher. Bodies are parsed here so a
 * malformed one gets Graph's error instead of Fastify's.
 */
export async function graphHttpRoutes(
  app: FastifyInstance,
  state: GraphEmulatorState,
  router: Router,
): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: '/v1.0/*',
    handler: async (request, reply) => {
      if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
      if (state.faults.takeReset('before')) return dropConnection(request, reply);
      const url = new URL(request.url, 'http://graph.invalid');
      const path = url.pathname.slice('/v1.0'.length) || '/';
      const retryAfter = state.faults.takeUnavailable();
      if (retryAfter !== undefined)
        return serviceUnavailable(state, router, request, reply, path, retryAfter);

      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : (value ?? ''),
        ]),
      );
      let body: unknown;
      try {
        body = parseBody(request.body);
      } catch (error) {
        return send(reply, errorOutcome(error as GraphError, state.now()));
      }
      const outcome = await dispatch(state, router, {
        method: request.method,
        path,
        query: url.searchParams,
        headers,
        body,
        baseUrl: baseUrlOf(request),
        viaBatch: false,
      });
      if (createdUser(request.method, path, body, outcome) && state.faults.takeReset('after-create')) {
        return dropConnection(request, reply);
      }
      return send(reply, outcome);
    },
  });
}

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
}

/** A user was created by this request (directly or inside a batch): the lost-response fault fires here. */
function createdUser(method: string, path: string, body: unknown, outcome: DispatchOutcome): boolean {
  if (method !== 'POST') return false;
  if (/^\/users\/?$/i.test(path)) return outcome.status === 201;
  if (path === '/$batch' && batchCreatesUser(body)) {
    const responses = (outcome.body as { responses?: { status: number }[] } | undefined)?.responses ?? [];
    return responses.some((r) => r.status === 201);
  }
  return false;
}

function dropConnection(request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  request.raw.socket.destroy();
}

function serviceUnavailable(
  state: GraphEmulatorState,
  router: Router,
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  retryAfterSeconds: number,
) {
  const lookup = router.lookup(request.method, path);
  const template =
    lookup.kind === 'not-found'
      ? '/(unmatched)'
      : lookup.kind === 'found'
        ? lookup.route.template
        : lookup.template;
  state.requests.record({ method: request.method, route: `/v1.0${template}`, status: 503, viaBatch: false });
  const error = new GraphError(
    503,
    'ServiceUnavailable',
    'Service is temporarily unavailable. Please retry after a while.',
    [],
    {
      'Retry-After': String(retryAfterSeconds),
    },
  );
  return send(reply, errorOutcome(error, state.now()));
}

function errorOutcome(error: GraphError, nowMs: number): DispatchOutcome {
  const requestId = randomUUID();
  return {
    status: error.status,
    template: '',
    headers: {
      'request-id': requestId,
      'client-request-id': requestId,
      'Content-Type': JSON_CONTENT_TYPE,
      ...error.headers,
    },
    body: renderGraphError(error, { requestId, clientRequestId: requestId, date: new Date(nowMs) }),
  };
}

function send(reply: FastifyReply, outcome: DispatchOutcome) {
  reply.code(outcome.status).headers(outcome.headers);
  if (outcome.body === undefined) return reply.send();
  return reply.send(typeof outcome.body === 'string' ? outcome.body : JSON.stringify(outcome.body));
}
