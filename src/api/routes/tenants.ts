import type { FastifyInstance } from 'fastify';
import {
  createTenant,
  deleteTenant,
  getTenant,
  listTenants,
  testTenantCredentials,
  updateTenant,
} from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import { agentTarget, reachedThroughAgents } from '../../jobs/agent-target.ts';
import { resolveCredential, tenantTargetConfig } from '../../jobs/connection-config.ts';
import { isUniqueViolation, type Store, type Tenant } from '../../store/index.ts';
import { loadTenant, nameTaken } from '../connections/load.ts';
import { mappingPlacements } from '../connections/placement-warning.ts';
import { tenantDto } from '../dto/tenants.ts';
import { registerEndpoint } from '../route.ts';
import { tenantInput } from './tenant-input.ts';

type CheckList = readonly { name: string; ok: boolean; required: boolean; message: string }[];

async function destroySecrets(store: Store, tenant: Tenant | null, ids: readonly string[]) {
  if (tenant) await store.secrets.delete(tenant.organisationId, ids);
}

export async function tenantRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listTenants, async ({ caller, store, query }) => {
    const tenants = await store.tenants.list(caller.organisationId, query.customerId);
    return { items: await Promise.all(tenants.map((t) => tenantDto(store, t))) };
  });

  registerEndpoint(app, getTenant, async ({ caller, store, params }) =>
    tenantDto(store, await loadTenant(store, caller, params.id)),
  );

  registerEndpoint(app, createTenant, async ({ caller, store, deps, body, audit }) => {
    const input = await tenantInput(store, caller.organisationId, body, null, deps.endpointPolicy);
    try {
      const tenant = await store.tenants.create(caller.organisationId, input.fields);
      await audit('tenant.created', {
        tenantId: tenant.id,
        message: `tenant "${tenant.name}" (${tenant.type}) created`,
        details: {
          name: tenant.name,
          type: tenant.type,
          directoryId: tenant.directoryId,
          subscriptionActive: tenant.subscriptionActive,
          credential: tenant.credential === null ? null : { type: tenant.credential.type, set: true },
        },
      });
      return tenantDto(store, tenant);
    } catch (error) {
      await destroySecrets(
        store,
        { organisationId: caller.organisationId } as Tenant,
        secretIdsOf(input.fields),
      );
      if (isUniqueViolation(error)) throw nameTaken('tenant', body.name);
      throw error;
    }
  });

  registerEndpoint(app, updateTenant, async ({ caller, store, deps, params, body, audit }) => {
    const before = await loadTenant(store, caller, params.id);
    const input = await tenantInput(store, caller.organisationId, body, before, deps.endpointPolicy);
    let tenant: Tenant | null;
    try {
      tenant = await store.tenants.update(caller.organisationId, params.id, input.fields);
    } catch (error) {
      if (input.credentialChanged) {
        const kept = new Set(secretIdsOf(before));
        await destroySecrets(
          store,
          before,
          secretIdsOf(input.fields).filter((id) => !kept.has(id)),
        );
      }
      if (isUniqueViolation(error)) throw nameTaken('tenant', body.name ?? before.name);
      throw error;
    }
    await destroySecrets(store, before, input.replacedSecretIds);
    const changed = Object.keys(body).filter(
      (k) => !['clientSecret', 'certificate', 'privateKey'].includes(k),
    );
    await audit('tenant.updated', {
      tenantId: before.id,
      message: `tenant "${before.name}" updated`,
      details: {
        name: tenant?.name ?? before.name,
        changed: input.credentialChanged ? [...changed, 'credential'] : changed,
        ...(body.subscriptionActive !== undefined
          ? { subscriptionActive: { old: before.subscriptionActive, new: body.subscriptionActive } }
          : {}),
      },
    });
    return tenantDto(store, tenant ?? before);
  });

  registerEndpoint(app, deleteTenant, async ({ caller, store, params, audit }) => {
    const tenant = await loadTenant(store, caller, params.id);
    const used = await store.tenants.connectionCount(caller.organisationId, tenant.id);
    if (used > 0) {
      throw new HrsyncError(
        'HRS_CONFLICT',
        `Tenant "${tenant.name}" is used by ${used} connection(s); delete or move them first.`,
      );
    }
    await store.tenants.delete(caller.organisationId, tenant.id);
    await destroySecrets(store, tenant, secretIdsOf(tenant));
    await audit('tenant.deleted', {
      tenantId: tenant.id,
      message: `tenant "${tenant.name}" deleted`,
      details: { name: tenant.name },
    });
    return undefined;
  });

  registerEndpoint(app, testTenantCredentials, async ({ caller, store, deps, params, audit, about }) => {
    const tenant = await loadTenant(store, caller, params.id);
    about({ tenantId: tenant.id });
    const target = tenantTargetConfig(tenant);
    if (target === null) {
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        tenant.type === 'hybrid'
          ? `Tenant "${tenant.name}" has no directory settings (controllers, bind account and password, container) yet; an admin adds them first.`
          : `Tenant "${tenant.name}" has no client id and credential yet; an admin adds them first.`,
      );
    }
    let result: { ok: boolean; message: string; checks?: CheckList };
    try {
      // Behind agents, the test goes to an agent: it binds with the password only it holds.
      const connector = reachedThroughAgents(tenant)
        ? agentTarget(store, tenant, target, deps.agentTimings)
        : deps.connectors.target(target, await resolveCredential(store, caller.organisationId, target));
      try {
        const containers =
          tenant.type === 'hybrid' ? mappingPlacements(await tenantConnections(store, tenant), tenant) : [];
        const outcome = await connector.test(containers.length > 0 ? { containers } : undefined);
        const checks = (outcome.details as { checks?: CheckList } | undefined)?.checks;
        result = { ok: outcome.ok, message: outcome.message, ...(checks ? { checks } : {}) };
      } finally {
        await (connector as { close?: () => Promise<void> }).close?.();
      }
    } catch (error) {
      result = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    const updated = await store.tenants.recordCredentialTest(
      caller.organisationId,
      tenant.id,
      result.ok ? 'valid' : 'invalid',
      result.message,
    );
    await audit('tenant.credentials-tested', {
      tenantId: tenant.id,
      outcome: result.ok ? 'success' : 'failure',
      message: `credentials of "${tenant.name}" tested: ${result.message}`,
      details: { name: tenant.name },
    });
    return {
      ok: result.ok,
      message: result.message,
      ...(result.checks ? { checks: [...result.checks] } : {}),
      tenant: await tenantDto(store, updated ?? tenant),
    };
  });
}

/** The tenant's connections (at most 500: more than any one tenant is given). */
async function tenantConnections(store: Store, tenant: Tenant) {
  const page = await store.connections.list(tenant.organisationId, {
    tenantId: tenant.id,
    sort: 'name',
    descending: false,
    page: 1,
    pageSize: 500,
  });
  return page.items.map((e) => e.connection);
}

function secretIdsOf(
  fields: Pick<Tenant, 'credential'> & { readonly directory?: Tenant['directory'] },
): string[] {
  const ref = fields.credential;
  const bind = fields.directory?.bindPasswordSecretId;
  const app =
    ref === null ? [] : ref.type === 'secret' ? [ref.secretId] : [ref.certificateId, ref.privateKeyId];
  return bind ? [...app, bind] : app;
}
