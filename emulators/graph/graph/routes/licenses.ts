import type { GraphSkuRecord } from '../../../demo-data/types.ts';
import { servicePlansOf } from '../../directory/service-plans.ts';
import { badRequest } from '../graph-error.ts';
import { PERMISSIONS, requirePermission } from '../principal.ts';
import type { GraphRoute } from '../route-types.ts';
import { usersContext, viewUser } from '../user-view.ts';
import { findUserOr404 } from './users.ts';

interface LicenseChange {
  readonly add: readonly { readonly skuId: string; readonly disabledPlans: string[] }[];
  readonly remove: readonly string[];
}

function readLicenseChange(body: unknown): LicenseChange {
  const { addLicenses, removeLicenses } = (body ?? {}) as Record<string, unknown>;
  if (!Array.isArray(addLicenses) || !Array.isArray(removeLicenses)) {
    throw badRequest(
      "Invalid value specified for property 'addLicenses' or 'removeLicenses' of resource 'User'.",
    );
  }
  const add = addLicenses.map((entry: unknown) => {
    const { skuId, disabledPlans } = (entry ?? {}) as Record<string, unknown>;
    if (typeof skuId !== 'string')
      throw badRequest("Invalid value specified for property 'skuId' of resource 'License'.");
    return {
      skuId: skuId.toLowerCase(),
      disabledPlans: Array.isArray(disabledPlans) ? disabledPlans.map((p) => String(p).toLowerCase()) : [],
    };
  });
  if (!removeLicenses.every((id) => typeof id === 'string')) {
    throw badRequest("Invalid value specified for property 'removeLicenses' of resource 'User'.");
  }
  return { add, remove: removeLicenses.map((id: string) => id.toLowerCase()) };
}

const skuView = (tenantId: string, tenantName: string, sku: GraphSkuRecord) => ({
  accountId: tenantId,
  accountName: tenantName,
  appliesTo: 'User',
  capabilityStatus: 'Enabled',
  consumedUnits: sku.consumedUnits,
  id: `${tenantId}_${sku.skuId}`,
  skuId: sku.skuId,
  skuPartNumber: sku.skuPartNumber,
  prepaidUnits: { enabled: sku.prepaidUnits.enabled, suspended: 0, warning: 0, lockedOut: 0 },
  servicePlans: servicePlansOf(sku).map((p) => ({
    servicePlanId: p.servicePlanId,
    servicePlanName: p.servicePlanName,
    provisioningStatus: 'Success',
    appliesTo: 'User',
  })),
});

export const licenseRoutes: readonly GraphRoute[] = [
  {
    method: 'GET',
    template: '/subscribedSkus',
    cost: 3,
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.readLicenses);
      const { directory } = context;
      return {
        status: 200,
        body: {
          '@odata.context': `${context.graphBase}/$metadata#subscribedSkus`,
          value: [...directory.skus.values()].map((sku) =>
            skuView(directory.tenantId, directory.displayName, sku),
          ),
        },
      };
    },
  },
  {
    method: 'POST',
    template: '/users/{id}/assignLicense',
    handle(context) {
      requirePermission(context.principal, PERMISSIONS.assignLicenses);
      const change = readLicenseChange(context.request.body);
      const user = findUserOr404(context);
      const { skus } = context.directory;
      const current = user.assignedLicenses ?? [];
      if (change.add.length > 0 && !user.usageLocation) {
        throw badRequest('License assignment cannot be done for user with invalid usage location.');
      }
      for (const { skuId } of change.add) {
        const sku = skus.get(skuId);
        if (!sku) throw badRequest(`License ${skuId} does not correspond to a valid company License.`);
        const plans = new Set(servicePlansOf(sku).map((p) => p.servicePlanId));
        const disabled = change.add.find((a) => a.skuId === skuId)?.disabledPlans ?? [];
        const unknown = disabled.find((p) => !plans.has(p.toLowerCase()));
        if (unknown !== undefined)
          throw badRequest(`Service plan ${unknown} is not part of license ${skuId}.`);
        const alreadyHas = current.some((l) => l.skuId === skuId);
        if (!alreadyHas && sku.consumedUnits >= sku.prepaidUnits.enabled) {
          throw badRequest(`Subscription ${sku.skuPartNumber} has no licenses available for assignment.`);
        }
      }
      for (const skuId of change.remove) {
        if (!current.some((l) => l.skuId === skuId))
          throw badRequest(`User does not have a license ${skuId} to remove.`);
      }
      const adding = new Set(change.add.map((a) => a.skuId));
      const has = (skuId: string) => current.some((l) => l.skuId === skuId);
      for (const skuId of change.remove) if (!adding.has(skuId)) adjust(skus, skuId, -1);
      for (const skuId of adding) if (!has(skuId)) adjust(skus, skuId, 1);
      const kept = current.filter((l) => !change.remove.includes(l.skuId) && !adding.has(l.skuId));
      context.directory.updateUser(user, {
        assignedLicenses: [...kept, ...change.add.map((a) => ({ ...a }))],
      });
      return {
        status: 200,
        body: {
          '@odata.context': usersContext(context.graphBase, undefined, true),
          ...viewUser(user, undefined),
        },
      };
    },
  },
];

function adjust(skus: Map<string, GraphSkuRecord>, skuId: string, delta: number): void {
  const sku = skus.get(skuId);
  if (sku) sku.consumedUnits = Math.max(0, sku.consumedUnits + delta);
}
