import type { FastifyInstance } from 'fastify';
import { createApiToken, listApiTokens, revokeApiToken } from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import { actorNamer } from '../actor-names.ts';
import { roleAtMost } from '../auth/caller.ts';
import { newApiToken, sha256 } from '../auth/credentials.ts';
import { toApiTokenDto } from '../dto/access.ts';
import { registerEndpoint } from '../route.ts';

/** Tokens expire after 90 days unless the creator chooses another lifetime (at most 10 years). */
export const DEFAULT_TOKEN_DAYS = 90;

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listApiTokens, async ({ caller, store }) => {
    const named = await actorNamer(store, caller.organisationId);
    return { items: (await store.apiTokens.list(caller.organisationId)).map((t) => toApiTokenDto(t, named)) };
  });

  registerEndpoint(app, createApiToken, async ({ caller, store, body, deps, audit }) => {
    if (!roleAtMost(body.role, caller.role)) {
      throw new HrsyncError(
        'HRS_FORBIDDEN',
        `A token cannot have more rights (${body.role}) than you (${caller.role}).`,
      );
    }
    if (caller.userId === null) {
      throw new HrsyncError(
        'HRS_FORBIDDEN',
        'Only a user can create an API token; this caller answers to none.',
      );
    }
    const token = newApiToken();
    const days = body.expiresInDays ?? DEFAULT_TOKEN_DAYS;
    const expiresAt = new Date(Date.parse(deps.clock.now()) + days * 86_400_000).toISOString();
    const created = await store.apiTokens.create({
      organisationId: caller.organisationId,
      createdBy: caller.user?.email ?? caller.actor.name,
      createdByUserId: caller.userId,
      name: body.name,
      role: body.role,
      tokenHash: sha256(token),
      prefix: token.slice(0, 8),
      expiresAt,
    });
    await audit('token.created', {
      message: `API token "${created.name}" created with role ${created.role}`,
      details: { tokenId: created.id, name: created.name, role: created.role, expiresAt },
    });
    return { token, apiToken: toApiTokenDto(created, await actorNamer(store, caller.organisationId)) };
  });

  registerEndpoint(app, revokeApiToken, async ({ caller, store, params, audit }) => {
    const existing = await store.apiTokens.get(caller.organisationId, params.id);
    if (!existing)
      throw new HrsyncError('HRS_NOT_FOUND', `API token ${params.id} was not found in your organisation.`);
    if (existing.revokedAt !== null)
      throw new HrsyncError('HRS_INVALID_STATE', `API token "${existing.name}" is already revoked.`);
    const revoked = await store.apiTokens.revoke(caller.organisationId, params.id);
    await audit('token.revoked', {
      message: `API token "${existing.name}" revoked`,
      details: { tokenId: existing.id, name: existing.name },
    });
    return toApiTokenDto(revoked ?? existing, await actorNamer(store, caller.organisationId));
  });
}
