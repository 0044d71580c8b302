/**
 * Reading what entitlement rules refer to: each named group (its name, the licences it carries for
 * group-based licensing, and its members) and the tenant's licence pools (`subscribedSkus`). A group
 * Graph no longer knows (404) is left out of the snapshot, so the plan can say so per person.
 */
import { HrsyncError, isHrsyncError, type LicenceAssignment } from '../../core/index.ts';
import type {
  EntitlementCatalogue,
  EntitlementSnapshot,
  TargetGroup,
  TargetSku,
} from '../../engine/ports.ts';
import { type GraphErrorInfo, isObject } from './graph-errors.ts';
import type { GraphHttp } from './graph-http.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function readEntitlements(
  http: GraphHttp,
  request: { groupIds: readonly string[]; licences: boolean; signal?: AbortSignal },
): Promise<EntitlementSnapshot> {
  const options = request.signal ? { signal: request.signal } : {};
  const groups = new Map<string, TargetGroup>();
  for (const id of new Set(request.groupIds.map((g) => g.toLowerCase()))) {
    // Not a Graph object id (e.g. an AD DN in a cloud connection): no such group in this tenant.
    if (!GUID.test(id)) continue;
    const group = await readGroup(http, id, options);
    if (group) groups.set(id, group);
  }
  const skus = new Map<string, TargetSku>();
  if (request.licences) {
    const body = await http.get('/subscribedSkus', { ...options, what: 'GET subscribedSkus' });
    const list = isObject(body) && Array.isArray(body.value) ? body.value.filter(isObject) : [];
    for (const sku of list) {
      if (typeof sku.skuId !== 'string') continue;
      const prepaid = isObject(sku.prepaidUnits) ? sku.prepaidUnits : {};
      const plans = Array.isArray(sku.servicePlans) ? sku.servicePlans.filter(isObject) : [];
      skus.set(sku.skuId.toLowerCase(), {
        skuId: sku.skuId.toLowerCase(),
        skuPartNumber: typeof sku.skuPartNumber === 'string' ? sku.skuPartNumber : sku.skuId,
        enabled: Number(prepaid.enabled ?? 0),
        consumed: Number(sku.consumedUnits ?? 0),
        servicePlans: plans.flatMap((p) =>
          typeof p.servicePlanId === 'string'
            ? [{ id: p.servicePlanId.toLowerCase(), name: String(p.servicePlanName ?? p.servicePlanId) }]
            : [],
        ),
      });
    }
  }
  return { groups, skus };
}

/** Up to 50 groups whose name starts with the search text, and every subscribed SKU. */
export async function readCatalogue(
  http: GraphHttp,
  request: { search: string; signal?: AbortSignal },
): Promise<EntitlementCatalogue> {
  const options = request.signal ? { signal: request.signal } : {};
  const params = new URLSearchParams({
    $select: 'id,displayName,groupTypes,securityEnabled,assignedLicenses',
    $top: '50',
  });
  const search = request.search.trim();
  if (search !== '') params.set('$filter', `startswith(displayName,'${search.replaceAll("'", "''")}')`);
  const body = await http.get(`/groups?${params}`, { ...options, what: 'GET groups' });
  const list = isObject(body) && Array.isArray(body.value) ? body.value.filter(isObject) : [];
  const { skus } = await readEntitlements(http, { groupIds: [], licences: true, ...options });
  return {
    groups: list.flatMap((g) =>
      typeof g.id === 'string'
        ? [
            {
              id: g.id.toLowerCase(),
              displayName: typeof g.displayName === 'string' ? g.displayName : g.id,
              kind:
                Array.isArray(g.groupTypes) && g.groupTypes.includes('Unified')
                  ? ('microsoft-365' as const)
                  : ('security' as const),
              assignedLicences: licencesOf(g.assignedLicenses),
            },
          ]
        : [],
    ),
    skus: [...skus.values()],
  };
}

function licencesOf(value: unknown): LicenceAssignment[] {
  const list = Array.isArray(value) ? value.filter(isObject) : [];
  return list.flatMap((l): LicenceAssignment[] =>
    typeof l.skuId === 'string'
      ? [
          {
            skuId: l.skuId.toLowerCase(),
            disabledPlans: Array.isArray(l.disabledPlans) ? l.disabledPlans.map(String) : [],
          },
        ]
      : [],
  );
}

async function readGroup(
  http: GraphHttp,
  id: string,
  options: { signal?: AbortSignal },
): Promise<TargetGroup | undefined> {
  let body: unknown;
  try {
    body = await http.get(`/groups/${id}?$select=id,displayName,assignedLicenses`, {
      ...options,
      what: `GET groups/${id}`,
    });
  } catch (error) {
    if (isHrsyncError(error) && (error.cause as GraphErrorInfo | undefined)?.status === 404) return undefined;
    throw error;
  }
  if (!isObject(body))
    throw new HrsyncError('HRS_TARGET_READ_FAILED', `GET groups/${id}: no group in the answer`);
  const members = new Set<string>();
  let url: string | undefined = `/groups/${id}/members?$select=id&$top=999`;
  for (let page = 1; url !== undefined; page++) {
    const list = await http.get(url, { ...options, what: `GET groups/${id}/members (page ${page})` });
    if (!isObject(list) || !Array.isArray(list.value))
      throw new HrsyncError(
        'HRS_TARGET_READ_FAILED',
        `GET groups/${id}/members: Graph returned no "value" array.`,
      );
    for (const m of list.value) if (isObject(m) && typeof m.id === 'string') members.add(m.id.toLowerCase());
    url = typeof list['@odata.nextLink'] === 'string' ? list['@odata.nextLink'] : undefined;
  }
  return {
    id,
    displayName: typeof body.displayName === 'string' ? body.displayName : id,
    members,
    assignedLicences: licencesOf(body.assignedLicenses),
  };
}
