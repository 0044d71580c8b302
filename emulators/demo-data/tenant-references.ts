/**
 * References in a tenant dataset that Entra ID could never hold, checked where a dataset file is
 * read: a UPN on a domain the tenant has not verified (Graph refuses it on every write), a manager or
 * group member naming no object (a reference always names an existing one; deleting an object
 * removes the references to it, as for a role's members), a group holding one member twice, a
 * licence from a SKU the tenant does not subscribe to. Ids are compared without case, as the emulator does.
 */
import type { TenantDataset } from './types.ts';

/** The first such reference in words with where it is (`path` names the tenant, `tenant` or ''), or undefined. */
export function tenantReferenceProblem(tenant: TenantDataset, path: string): string | undefined {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  const verified = tenant.domains.filter((d) => d.isVerified).map((d) => d.id);
  const verifiedKeys = new Set(verified.map((d) => d.toLowerCase()));
  const users = new Set(tenant.users.map((u) => u.id.toLowerCase()));
  const groups = new Set(tenant.groups.map((g) => g.id.toLowerCase()));
  const skus = new Set(tenant.subscribedSkus.map((s) => s.skuId.toLowerCase()));
  for (const [i, user] of tenant.users.entries()) {
    const where = at(`users[${i}]`);
    const domain = user.userPrincipalName.slice(user.userPrincipalName.lastIndexOf('@') + 1);
    if (!verifiedKeys.has(domain.toLowerCase()))
      return `${where}.userPrincipalName ${JSON.stringify(user.userPrincipalName)} is on ${domain}, which is no verified domain of the tenant (${verified.join(', ') || 'it has none'}); Entra ID takes a UPN only on a verified domain`;
    if (typeof user.managerId === 'string' && !users.has(user.managerId.toLowerCase()))
      return `${where}.managerId ${JSON.stringify(user.managerId)} names no user of the tenant; Entra ID holds a manager as a reference to an existing user`;
    for (const [j, licence] of (user.assignedLicenses ?? []).entries()) {
      if (!skus.has(licence.skuId.toLowerCase()))
        return `${where}.assignedLicenses[${j}].skuId ${JSON.stringify(licence.skuId)} is no SKU of subscribedSkus; a licence is assigned only from a SKU the tenant subscribes to`;
    }
  }
  for (const [i, group] of tenant.groups.entries()) {
    const seen = new Map<string, number>();
    for (const [j, member] of group.members.entries()) {
      const key = member.toLowerCase();
      const where = at(`groups[${i}].members`);
      if (!users.has(key) && !groups.has(key))
        return `${where}[${j}] ${JSON.stringify(member)} names no user or group of the tenant; a member is an existing object`;
      const first = seen.get(key);
      if (first !== undefined)
        return `${where}[${first}] and ${where}[${j}] both name ${JSON.stringify(member)}; a group holds each member once`;
      seen.set(key, j);
    }
    for (const [j, licence] of (group.assignedLicenses ?? []).entries()) {
      if (!skus.has(licence.skuId.toLowerCase()))
        return `${at(`groups[${i}]`)}.assignedLicenses[${j}].skuId ${JSON.stringify(licence.skuId)} is no SKU of subscribedSkus; a licence is assigned only from a SKU the tenant subscribes to`;
    }
  }
  for (const [i, role] of (tenant.directoryRoles ?? []).entries()) {
    for (const [j, member] of role.members.entries()) {
      if (!users.has(member.toLowerCase()))
        return `${at(`directoryRoles[${i}].members`)}[${j}] ${JSON.stringify(member)} names no user of the tenant; a role member is an existing object`;
    }
  }
  return undefined;
}
