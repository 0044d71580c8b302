import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AfasEmulatorState } from './emulator-state.ts';
import { getConnectorHandler } from './get-connector-route.ts';
import { registerMetainfoRoutes } from './metainfo-routes.ts';
import { BadRequest, ProfitError, profitErrorBody, unexpected } from './profit-error.ts';
import { profitGuard } from './profit-guard.ts';
import { noteOn, sendEmpty } from './request-notes.ts';
import { updateHandler } from './updates/index.ts';

/** AFAS allows up to 75 MB per call. */
const MAX_BODY_BYTES = 75 * 1024 * 1024;

/** Everything under `/ProfitRestServices` (any case): GetConnectors, UpdateConnectors and metainfo. */
export function profitPlugin(state: AfasEmulatorState) {
  return async (app: FastifyInstance): Promise<void> => {
    // Profit reads the body whatever the Content-Type says; parsing happens in the handler so that
    // malformed JSON gets Profit's bare 400 rather than Fastify's error document.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    app.addHook('onRequest', profitGuard(state));
    app.setErrorHandler(profitErrorHandler);

    app.get('/connectors/:id', getConnectorHandler(state));
    app.put('/connectors/:id', updateHandler(state));
    app.post('/connectors/:id', updateHandler(state));
    registerMetainfoRoutes(app, state);
  };
}

function profitErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ProfitError) {
    if (error.detail !== undefined) noteOn(request, { detail: error.detail });
    return reply.code(500).send(profitErrorBody(error));
  }
  noteOn(request, { detail: error.message });
  if (error instanceof BadRequest) return sendEmpty(reply, 400);
  if (error.statusCode === 413) return sendEmpty(reply, 413);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return sendEmpty(reply, 400);
  request.log.error(error);
  return reply.code(500).send(profitErrorBody(unexpected(error.message)));
}
