/**
 * The pickers of step 3's "Groups and licences": groups by name and the subscribed licences of the
 * connection's tenant, read live through the tenant's app registration.
 */
import type { FastifyInstance } from 'fastify';
import { listEntitlementOptions } from '../../contracts/index.ts';
import { HrsyncError } from '../../core/index.ts';
import { licenceName, planName } from '../../engine/plan/licence-names.ts';
import { resolveCredential, tenantTargetConfig } from '../../jobs/connection-config.ts';
import { loadConnection } from '../connections/load.ts';
import { registerEndpoint } from '../route.ts';

export async function entitlementOptionRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listEntitlementOptions, async ({ caller, store, deps, params, query }) => {
    const connection = await loadConnection(store, caller, params.id);
    const tenant =
      connection.tenantId === null
        ? null
        : await store.tenants.get(caller.organisationId, connection.tenantId);
    if (tenant === null)
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        'Choose the tenant in step 2 first; its groups and licences are listed from there.',
      );
    if (tenant.type === 'hybrid')
      return {
        groups: [],
        skus: [],
        message: 'Active Directory groups are named by distinguished name; type the DN of each group.',
      };
    const config = tenantTargetConfig(tenant);
    if (config === null)
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        `Tenant "${tenant.name}" has no client id and credential yet; an admin adds them first.`,
      );
    const target = deps.connectors.target(
      config,
      await resolveCredential(store, caller.organisationId, config),
    );
    try {
      if (!target.entitlementCatalogue)
        return { groups: [], skus: [], message: 'This tenant offers no groups or licences.' };
      const catalogue = await target.entitlementCatalogue({ search: query.q ?? '' });
      const skuName = new Map(catalogue.skus.map((s) => [s.skuId, licenceName(s.skuPartNumber)]));
      return {
        groups: catalogue.groups.map((g) => ({
          id: g.id,
          displayName: g.displayName,
          kind: g.kind,
          licences: g.assignedLicences.map((l) => skuName.get(l.skuId) ?? l.skuId),
        })),
        skus: catalogue.skus.map((s) => ({
          skuId: s.skuId,
          skuPartNumber: s.skuPartNumber,
          name: licenceName(s.skuPartNumber),
          enabled: s.enabled,
          consumed: s.consumed,
          servicePlans: s.servicePlans.map((p) => ({ id: p.id, name: p.name, label: planName(p.name) })),
        })),
        message: null,
      };
    } finally {
      await (target as { close?: () => Promise<void> }).close?.();
    }
  });
}
