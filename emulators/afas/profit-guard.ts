import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AfasEmulatorState } from './emulator-state.ts';
import { type FaultContext, latencyOf } from './faults.ts';
import { pageNumber, parsePage } from './paging.ts';
import { ERROR_NUMBER, ProfitError, profitErrorBody, UNEXPECTED_ERROR } from './profit-error.ts';
import { MAX_QUERY_LENGTH, queryParams, rawQuery } from './query.ts';
import { noteOn, sendEmpty } from './request-notes.ts';
import { isAuthorized } from './token.ts';

const CONNECTOR_PATH = /\/connectors\/([^/?]+)/i;

/**
 * What happens before any route: the query-length limit, injected latency and maintenance (503),
 * the token check, a revoked token, and injected 500s. Maintenance is answered before the token is
 * looked at, as a load balancer in front of Profit would.
 */
export function profitGuard(state: AfasEmulatorState) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    if (rawQuery(request.url).length > MAX_QUERY_LENGTH) return sendEmpty(reply, 404);
    const context = faultContext(request);

    const latency = state.faults.fire('latency', context);
    if (latency !== undefined) {
      noteOn(request, { fault: 'latency' });
      await sleep(latencyOf(latency));
    }

    const unavailable = state.faults.fire('unavailable', context);
    if (unavailable !== undefined) {
      noteOn(request, { fault: 'unavailable' });
      const seconds = unavailable.retryAfter ?? 30;
      return reply
        .code(503)
        .header('retry-after', String(seconds))
        .send({
          error: { code: '503', message: 'Service temporarily unavailable (AFAS emulator fault injection).' },
          retry_after: seconds,
        });
    }

    if (!isAuthorized(request.headers.authorization, state.token)) {
      noteOn(request, { detail: 'missing or wrong AfasToken' });
      return sendEmpty(reply, 401);
    }
    if (state.faults.fire('revoked', context) !== undefined) {
      noteOn(request, { fault: 'revoked' });
      return sendEmpty(reply, 401);
    }

    const error = state.faults.fire('error', context);
    if (error !== undefined) {
      noteOn(request, { fault: 'error' });
      const injected = new ProfitError(error.message ?? UNEXPECTED_ERROR, ERROR_NUMBER.unexpected);
      return reply.code(500).send(profitErrorBody(injected));
    }
    return undefined;
  };
}

function faultContext(request: FastifyRequest): FaultContext {
  const encoded = CONNECTOR_PATH.exec(request.url.split('?')[0] ?? '')?.[1];
  if (encoded === undefined) return { method: request.method };
  const connector = safeDecode(encoded);
  if (request.method !== 'GET') return { method: request.method, connector };
  try {
    return { method: request.method, connector, page: pageNumber(parsePage(queryParams(request.url))) };
  } catch {
    return { method: request.method, connector };
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
