/**
 * What a run reads for entitlement rules: the account attributes (licences, usage location) and the
 * target's groups and licence pools. Nothing when the connection has no rules.
 */
import type { ConnectionConfig } from '../core/index.ts';
import { ruleGroupIds } from './plan/index.ts';
import type { EntitlementSnapshot, Target, TargetCapabilities } from './ports.ts';

export function entitlementAttributes(config: ConnectionConfig, capabilities: TargetCapabilities): string[] {
  const rules = config.entitlements ?? [];
  const e = capabilities.entitlements;
  if (!e || !rules.some((r) => r.licences.length > 0)) return [];
  return [e.licenceAttribute, e.licenceRequires].filter((a): a is string => a !== null);
}

export async function readEntitlementSnapshot(
  target: Target,
  config: ConnectionConfig,
  signal: AbortSignal | undefined,
): Promise<EntitlementSnapshot | null> {
  const rules = config.entitlements ?? [];
  if (rules.length === 0 || !target.capabilities.entitlements || !target.readEntitlements) return null;
  const groupIds = target.capabilities.entitlements.groups ? ruleGroupIds(rules) : [];
  // Group-based licensing: a group's licences count against the pools even without licence rules.
  const licences =
    target.capabilities.entitlements.licenceAttribute !== null &&
    (groupIds.length > 0 || rules.some((r) => r.licences.length > 0));
  return target.readEntitlements({ groupIds, licences, ...(signal ? { signal } : {}) });
}
