/**
 * Group-based licensing as Entra does it: a member of a group that carries licences gets them while a
 * member (one unit per SKU, however many groups carry it); leaving the last such group takes the
 * licence away unless it was also assigned directly. With an empty pool Entra records an error on
 * the member instead of a licence; the emulator simply assigns nothing.
 */
import type { GraphGroupRecord } from '../../demo-data/types.ts';
import type { Directory } from './directory.ts';
import type { UserEntity } from './entities.ts';

export function joinGroupLicences(directory: Directory, group: GraphGroupRecord, user: UserEntity): void {
  const licences = group.assignedLicenses ?? [];
  if (licences.length === 0) return;
  const byUser = directory.groupLicences.get(user.id) ?? new Map<string, Set<string>>();
  directory.groupLicences.set(user.id, byUser);
  const current = user.assignedLicenses ?? [];
  const added: { skuId: string; disabledPlans: string[] }[] = [];
  for (const l of licences) {
    const skuId = l.skuId.toLowerCase();
    const via = byUser.get(skuId) ?? new Set<string>();
    const held = current.some((c) => c.skuId === skuId) || via.size > 0;
    const sku = directory.skus.get(skuId);
    if (!held) {
      if (!sku || sku.consumedUnits >= sku.prepaidUnits.enabled) continue;
      sku.consumedUnits += 1;
      added.push({ skuId, disabledPlans: [...l.disabledPlans] });
    }
    via.add(group.id.toLowerCase());
    byUser.set(skuId, via);
  }
  if (added.length > 0) directory.updateUser(user, { assignedLicenses: [...current, ...added] });
}

export function leaveGroupLicences(directory: Directory, group: GraphGroupRecord, userId: string): void {
  const byUser = directory.groupLicences.get(userId);
  if (!byUser) return;
  const user = directory.activeUser(userId);
  const gone: string[] = [];
  for (const [skuId, via] of byUser) {
    if (!via.delete(group.id.toLowerCase()) || via.size > 0) continue;
    byUser.delete(skuId);
    gone.push(skuId);
  }
  if (!user || gone.length === 0) return;
  for (const skuId of gone) {
    const sku = directory.skus.get(skuId);
    if (sku) sku.consumedUnits = Math.max(0, sku.consumedUnits - 1);
  }
  directory.updateUser(user, {
    assignedLicenses: (user.assignedLicenses ?? []).filter((l) => !gone.includes(l.skuId)),
  });
}
