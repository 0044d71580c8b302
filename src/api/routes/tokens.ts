import type { FastifyInstance } from 'fastify';
import { createApiToken, listApiTokens, revokeApiToken } from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import { roleAtMost } from '../auth/caller.ts';
import { newApiToken, sha256 } from '../auth/credentials.ts';
import { toApiTokenDto } from '../dto/access.ts';
import { registerEndpoint } from '../route.ts';

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listApiTokens, async ({ caller, store }) => ({
    items: (await store.apiTokens.list(caller.organisationId)).map(toApiTokenDto),
  }));

  registerEndpoint(app, createApiToken, async ({ caller, store, body, deps, audit }) => {
    if (!roleAtMost(body.role, caller.role)) {
      throw new HrsyncError(
        'HRS_FORBIDDEN',
        `A token cannot have more rights (${body.role}) than you (${caller.role}).`,
      );
    }
    const token = newApiToken();
    const expiresAt =
      body.expiresInDays === undefined
        ? null
        : new Date(Date.parse(deps.clock.now()) + body.expiresInDays * 86_400_000).toISOString();
    const created = await store.apiTokens.create({
      organisationId: caller.organisationId,
      createdBy: caller.actor.name,
      name: body.name,
      role: body.role,
      tokenHash: sha256(token),
      prefix: token.slice(0, 8),
      expiresAt,
    });
    await audit('token.created', {
      message: `API token "${created.name}" created with role ${created.role}`,
      details: { tokenId: created.id, role: created.role, expiresAt },
    });
    return { token, apiToken: toApiTokenDto(created) };
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
      details: { tokenId: existing.id },
    });
    return toApiTokenDto(revoked ?? existing);
  });
}
