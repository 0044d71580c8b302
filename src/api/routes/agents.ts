/** Administration of directory agents: register (a one-time key), list, revoke (issue 9). */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  createAgentRegistration,
  listAgents,
  revokeAgent,
  setTenantDirectoryAccess,
} from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import { actorNamer } from '../actor-names.ts';
import { sha256 } from '../auth/credentials.ts';
import { loadTenant } from '../connections/load.ts';
import { toAgentDto } from '../dto/agents.ts';
import { tenantDto } from '../dto/tenants.ts';
import { registerEndpoint } from '../route.ts';

export const AGENT_KEY_PREFIX = 'hra_';
const KEY_LIFETIME_MS = 60 * 60 * 1000;

export async function agentRoutes(app: FastifyInstance): Promise<void> {
  const dtos = async (
    store: Parameters<typeof actorNamer>[0],
    organisationId: string,
    agents: readonly Parameters<typeof toAgentDto>[0][],
  ) => {
    const named = await actorNamer(store, organisationId);
    return agents.map((a) => toAgentDto(a, app.deps.clock.now(), app.deps.agentTimings.silenceMs, named));
  };
  const dto = async (
    store: Parameters<typeof actorNamer>[0],
    organisationId: string,
    agent: Parameters<typeof toAgentDto>[0],
  ) => (await dtos(store, organisationId, [agent]))[0] as ReturnType<typeof toAgentDto>;

  registerEndpoint(app, listAgents, async ({ caller, store, params }) => {
    const tenant = await loadTenant(store, caller, params.id);
    return {
      items: await dtos(
        store,
        caller.organisationId,
        await store.agents.list(caller.organisationId, tenant.id),
      ),
    };
  });

  registerEndpoint(
    app,
    createAgentRegistration,
    async ({ caller, store, params, body, deps, audit, about }) => {
      const tenant = await loadTenant(store, caller, params.id);
      about({ tenantId: tenant.id });
      if (tenant.type !== 'hybrid') {
        throw new HrsyncError(
          'HRS_INVALID_STATE',
          `Tenant "${tenant.name}" is a cloud tenant: directory agents carry out Active Directory operations of hybrid tenants only.`,
        );
      }
      const key = `${AGENT_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const expiresAt = new Date(Date.parse(deps.clock.now()) + KEY_LIFETIME_MS).toISOString();
      const agent = await store.agents.createRegistration({
        organisationId: caller.organisationId,
        tenantId: tenant.id,
        name: body.name,
        createdBy: caller.actor.name,
        keyHash: sha256(key),
        keyExpiresAt: expiresAt,
      });
      await audit('agent.registration-created', {
        tenantId: tenant.id,
        message: `directory agent "${agent.name}" registration created for tenant "${tenant.name}"; its key expires at ${expiresAt}`,
        details: { agentId: agent.id, name: agent.name, tenant: tenant.name, keyExpiresAt: expiresAt },
      });
      return { key, expiresAt, agent: await dto(store, caller.organisationId, agent) };
    },
  );

  registerEndpoint(app, setTenantDirectoryAccess, async ({ caller, store, params, body, audit, about }) => {
    const tenant = await loadTenant(store, caller, params.id);
    about({ tenantId: tenant.id });
    if (tenant.type !== 'hybrid') {
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        `Tenant "${tenant.name}" is a cloud tenant: it has no directory to reach through agents.`,
      );
    }
    // Behind agents the service holds no bind password: one stored earlier is destroyed.
    const storedPassword = body.viaAgents ? (tenant.directory?.bindPasswordSecretId ?? null) : null;
    if (storedPassword !== null && tenant.directory) {
      const { organisationId: _o, id: _i, ...rest } = tenant;
      await store.tenants.update(caller.organisationId, tenant.id, {
        ...rest,
        directory: { ...tenant.directory, bindPasswordSecretId: null },
      });
      await store.secrets.delete(caller.organisationId, [storedPassword]);
    }
    const updated = await store.tenants.setDirectoryViaAgents(
      caller.organisationId,
      tenant.id,
      body.viaAgents,
    );
    await audit('tenant.updated', {
      tenantId: tenant.id,
      message: body.viaAgents
        ? `tenant "${tenant.name}": the directory is reached through directory agents${storedPassword ? '; the stored bind password was destroyed' : ''}`
        : `tenant "${tenant.name}": the service reaches the directory itself`,
      details: {
        changed: ['directoryViaAgents'],
        directoryViaAgents: { old: tenant.directoryViaAgents, new: body.viaAgents },
      },
    });
    return tenantDto(store, updated ?? tenant);
  });

  registerEndpoint(app, revokeAgent, async ({ caller, store, params, audit, about }) => {
    const existing = await store.agents.get(caller.organisationId, params.id);
    if (!existing) {
      throw new HrsyncError(
        'HRS_NOT_FOUND',
        `Directory agent ${params.id} was not found in your organisation.`,
      );
    }
    about({ tenantId: existing.tenantId });
    if (existing.revokedAt !== null) {
      throw new HrsyncError('HRS_INVALID_STATE', `Directory agent "${existing.name}" is already revoked.`);
    }
    const revoked = await store.agents.revoke(caller.organisationId, existing.id);
    await audit('agent.revoked', {
      tenantId: existing.tenantId,
      message: `directory agent "${existing.name}" revoked`,
      details: { agentId: existing.id, name: existing.name, host: existing.host },
    });
    return dto(store, caller.organisationId, revoked ?? existing);
  });
}
