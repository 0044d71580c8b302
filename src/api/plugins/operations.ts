/**
 * /healthz (the process answers), /readyz (store reachable, migrations applied), /metrics
 * (Prometheus). /metrics carries service-wide totals only (no organisation, connection or person
 * labels) and answers only a scraper that presents HRSYNC_METRICS_TOKEN as a bearer token; without
 * that setting it does not exist (404), so nobody can read totals across organisations.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HrsyncError } from '../../core/index.ts';
import { readiness } from '../../store/index.ts';
import { notFoundError, sendError } from '../errors.ts';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time comparison of the presented bearer token with the configured one. */
export function metricsTokenMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}

export async function operationsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const ready = await readiness(app.deps.store);
    return reply
      .code(ready.ok ? 200 : 503)
      .send({ status: ready.ok ? 'ready' : 'not-ready', message: ready.message });
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = app.deps.metricsToken;
    if (token === null) return sendError(reply, notFoundError(request.method, request.url));
    if (!metricsTokenMatches(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="hrsync metrics"');
      return sendError(
        reply,
        new HrsyncError('HRS_UNAUTHENTICATED', 'The metrics need the metrics token as a bearer token.'),
      );
    }
    const { registry } = app.deps.metrics;
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
