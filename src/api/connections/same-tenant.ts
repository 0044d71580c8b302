/**
 * A second connection to the same tenant: two connections that manage the same accounts undo each
 * other's changes (one disables whom the other enables). "The same tenant" is the same tenant record,
 * or another record of the same Microsoft 365 directory (cloud) or Active Directory domain (hybrid) —
 * a customer registered twice is still one tenant. A warning, not a refusal: split by scope it works.
 */
import type { Store, Tenant } from '../../store/index.ts';

export interface SameTenantWarning {
  readonly kind: 'same-tenant';
  readonly message: string;
  readonly connections: readonly { readonly id: string; readonly name: string }[];
}

/** `DC=Contoso, DC=nl` and `dc=contoso,dc=nl` are one domain. */
const dn = (value: string): string =>
  value
    .toLowerCase()
    .replace(/\s*,\s*/g, ',')
    .trim();

/** The AD domain a hybrid tenant writes to: its base DN, or else where its accounts are created. */
const domainOf = (t: Tenant): string | null => {
  if (!t.directory) return null;
  if (t.directory.baseDn) return dn(t.directory.baseDn);
  const dcs = dn(t.directory.container)
    .split(',')
    .filter((part) => part.startsWith('dc='));
  return dcs.length > 0 ? dcs.join(',') : null;
};

function sameTenant(a: Tenant, b: Tenant): boolean {
  if (a.id === b.id) return true;
  if (a.type !== b.type) return false;
  if (a.type === 'cloud') return a.directoryId.toLowerCase() === b.directoryId.toLowerCase();
  const domain = domainOf(a);
  return domain !== null && domain === domainOf(b);
}

/** Other connections of the organisation that write to the tenant `tenantId` is (or is the same as). */
export async function sameTenantWarning(
  store: Store,
  organisationId: string,
  connectionId: string | null,
  tenantId: string | null,
): Promise<SameTenantWarning | null> {
  if (tenantId === null) return null;
  const tenants = await store.tenants.list(organisationId);
  const tenant = tenants.find((t) => t.id === tenantId);
  if (!tenant) return null;
  const others: { id: string; name: string }[] = [];
  for (const t of tenants.filter((candidate) => sameTenant(candidate, tenant))) {
    const page = await store.connections.list(organisationId, {
      tenantId: t.id,
      sort: 'name',
      descending: false,
      page: 1,
      pageSize: 100,
    });
    for (const e of page.items)
      if (e.connection.id !== connectionId) others.push({ id: e.connection.id, name: e.connection.name });
  }
  if (others.length === 0) return null;
  const names = others.map((c) => `“${c.name}”`).join(', ');
  // The tenant named after its kind, in quotes as the connections are: a name in parentheses read
  // "(Contoso (Microsoft 365))" when the demo's tenant was named that way.
  const domain = tenant.type === 'hybrid' ? domainOf(tenant) : null;
  const what =
    tenant.type === 'hybrid'
      ? `the same Active Directory domain, ${domain ?? `“${tenant.name}”`}`
      : `the same Microsoft 365 tenant, “${tenant.name}”`;
  const verb = others.length === 1 ? 'already writes' : 'already write';
  return {
    kind: 'same-tenant',
    message: `${names} ${verb} to ${what}. Two connections that manage the same accounts undo each other’s changes: give each its own persons with scoping filters (step 4), or use one connection.`,
    connections: others,
  };
}
