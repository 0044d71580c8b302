import type { Static } from '@sinclair/typebox';
import type { AgentDto } from '../../contracts/index.ts';
import { type Agent, agentStatus } from '../../store/index.ts';
import { type ActorNamer, describeActor } from '../actor-names.ts';

/** `named` resolves users' names (actorNamer). */
export function toAgentDto(
  a: Agent,
  now: string,
  silenceMs: number,
  named: ActorNamer = describeActor,
): Static<typeof AgentDto> {
  const heard = a.lastSeenAt === null ? null : Date.parse(now) - Date.parse(a.lastSeenAt);
  return {
    id: a.id,
    tenantId: a.tenantId,
    name: a.name,
    status: agentStatus(a, now),
    host: a.host,
    version: a.version,
    createdBy: a.createdBy,
    createdByName: named({ name: a.createdBy }),
    createdAt: a.createdAt,
    keyExpiresAt: a.keyExpiresAt,
    registeredAt: a.registeredAt,
    revokedAt: a.revokedAt,
    connected: a.revokedAt === null && a.connectedSince !== null && heard !== null && heard <= silenceMs,
    connectedSince: a.connectedSince,
    lastSeenAt: a.lastSeenAt,
    controllers: a.controllers,
  };
}
