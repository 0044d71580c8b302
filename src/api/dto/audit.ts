import type { Static } from '@sinclair/typebox';
import type { AuditEventDto } from '../../contracts/index.ts';
import type { AuditEvent } from '../../store/index.ts';
import { type ActorNamer, describeActor } from '../actor-names.ts';

export const toAuditEventDto = (
  e: AuditEvent,
  named: ActorNamer = describeActor,
): Static<typeof AuditEventDto> => ({
  id: e.id,
  at: e.at,
  actor: { type: e.actor.type, id: e.actor.id, name: e.actor.name, displayName: named(e.actor) },
  action: e.action,
  outcome: e.outcome,
  connection: e.connectionId === null ? null : { id: e.connectionId, name: e.connectionName },
  tenantId: e.tenantId,
  runId: e.runId,
  person: e.person,
  message: e.message,
  details: { ...e.details },
});
