import type { FastifyInstance } from 'fastify';
import { exportAuditEventsCsv, listAuditEvents } from '../../contracts/index.ts';
import { toSafeCsv } from '../../engine/index.ts';
import type { AuditQuery } from '../../store/index.ts';
import { actorNamer } from '../actor-names.ts';
import { toAuditEventDto } from '../dto/audit.ts';
import { registerEndpoint } from '../route.ts';

const EXPORT_LIMIT = 100_000;

function filter(q: Record<string, unknown>): AuditQuery {
  const keys = ['connectionId', 'runId', 'from', 'to', 'actor', 'action', 'person', 'outcome'] as const;
  return Object.fromEntries(keys.filter((k) => q[k] !== undefined).map((k) => [k, q[k]])) as AuditQuery;
}

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listAuditEvents, async ({ caller, store, query }) => {
    const page = await store.audit.list(
      caller.organisationId,
      filter(query),
      query.page ?? 1,
      query.pageSize ?? 50,
      query.cursor,
    );
    const named = await actorNamer(store, caller.organisationId);
    return { ...page, items: page.items.map((e) => toAuditEventDto(e, named)) };
  });

  registerEndpoint(app, exportAuditEventsCsv, async ({ caller, store, query, reply }) => {
    const events = await store.audit.all(caller.organisationId, filter(query), EXPORT_LIMIT);
    reply.header('content-disposition', 'attachment; filename="audit-events.csv"');
    const rows = events.map((e) => [
      e.at,
      e.actor.name,
      e.actor.type,
      e.action,
      e.outcome,
      e.connectionName ?? '',
      e.connectionId ?? '',
      e.tenantId ?? '',
      e.runId ?? '',
      e.person ?? '',
      e.message,
      JSON.stringify(e.details),
    ]);
    const columns = [
      'at',
      'actor',
      'actorType',
      'action',
      'outcome',
      'connection',
      'connectionId',
      'tenantId',
      'runId',
      'person',
      'message',
      'details',
    ];
    // Cells that would start a formula (`=`, `+`, `-`, `@`, tab, CR) are neutralised.
    return toSafeCsv(rows, columns);
  });
}
