import type { FastifyInstance } from 'fastify';
import { getRetention, setRetention } from '../../contracts/index.ts';
import { registerEndpoint } from '../route.ts';

export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, getRetention, async ({ caller, store }) =>
    store.retention.get(caller.organisationId),
  );

  registerEndpoint(app, setRetention, async ({ caller, store, body, audit }) => {
    const old = await store.retention.get(caller.organisationId);
    const saved = await store.retention.set(caller.organisationId, body);
    await audit('settings.retention-changed', {
      message: `retention changed: run items ${saved.runItemDays} days (latest ${saved.keepRuns} runs kept), audit events ${saved.auditDays === null ? 'kept for ever' : `${saved.auditDays} days`}`,
      details: { old, new: saved },
    });
    return saved;
  });
}
