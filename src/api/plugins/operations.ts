/** /healthz (the process answers), /readyz (store reachable, migrations applied), /metrics (Prometheus). */
import type { FastifyInstance } from 'fastify';
import { readiness } from '../../store/index.ts';

export async function operationsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const ready = await readiness(app.deps.store);
    return reply
      .code(ready.ok ? 200 : 503)
      .send({ status: ready.ok ? 'ready' : 'not-ready', message: ready.message });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const { registry } = app.deps.metrics;
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
