import type { FastifyInstance } from 'fastify';
import { exportAuditEventsCsv, listAuditEvents } from '../../contracts/index.ts';
import { safeCsvHeader, safeCsvRows } from '../../engine/index.ts';
import type { AuditEvent, AuditQuery } from '../../store/index.ts';
import { actorNamer } from '../actor-names.ts';
import { toAuditEventDto } from '../dto/audit.ts';
import { startExport } from '../exports.ts';
import { registerEndpoint } from '../route.ts';

export const EXPORT_LIMIT = 100_000;

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

  // Written as read, a batch at a time by keyset (exports.ts), within the export slots.
  registerEndpoint(app, exportAuditEventsCsv, async ({ caller, store, query, reply, request }) => {
    const q = filter(query);
    async function* chunks(): AsyncGenerator<string> {
      yield safeCsvHeader(AUDIT_COLUMNS);
      for await (const events of store.audit.inBatches(
        caller.organisationId,
        q,
        EXPORT_LIMIT,
        app.deps.exportBatch,
      ))
        yield safeCsvRows(events.map(auditRow));
    }
    const what = { export: 'audit-events' };
    // A stream, not the string the contract describes: Fastify sends it as it is read.
    const stream = startExport(app.deps.exportSlots, request, caller.organisationId, what, chunks);
    // Named only once admitted: a refusal named as an attachment was saved as the file.
    reply.header('content-disposition', 'attachment; filename="audit-events.csv"');
    return stream as string;
  });
}

export const AUDIT_COLUMNS = [
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
] as const;

/** An event as a row of AUDIT_COLUMNS; cells that would start a formula are neutralised when written. */
export function auditRow(e: AuditEvent): readonly unknown[] {
  return [
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
  ];
}
