import { canonicalDn, dnProblem } from '../distinguished-name.ts';
import type { ErrorDetail } from '../errors.ts';
import type { ConnectionConfig } from './schema.ts';

/** Checks the schema cannot express: each rule grants something, no SKU twice in one rule. */
export function entitlementErrors(config: ConnectionConfig): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const names = new Map<string, number>();
  const directory = config.target?.type === 'active-directory';
  (config.entitlements ?? []).forEach((rule, i) => {
    const path = `/entitlements/${i}`;
    const earlier = names.get(rule.name.trim().toLowerCase());
    if (earlier !== undefined)
      errors.push({
        path: `${path}/name`,
        message: `"${rule.name}" is already the name of /entitlements/${earlier}`,
      });
    names.set(rule.name.trim().toLowerCase(), i);
    if (rule.groups.length === 0 && rule.licences.length === 0)
      errors.push({ path, message: 'a rule must grant at least one group or licence' });
    const skus = new Set<string>();
    rule.licences.forEach((licence, j) => {
      const id = licence.skuId.toLowerCase();
      if (skus.has(id))
        errors.push({
          path: `${path}/licences/${j}/skuId`,
          message: `licence ${licence.skuId} is listed twice in this rule`,
        });
      skus.add(id);
    });
    const groups = new Set<string>();
    rule.groups.forEach((group, j) => {
      // Active Directory names a group by its DN: parsed as the controller will, compared as it does.
      const problem = directory ? dnProblem(group.id) : null;
      if (problem)
        errors.push({ path: `${path}/groups/${j}/id`, message: `not a distinguished name: ${problem}` });
      const id = (directory ? canonicalDn(group.id) : null) ?? group.id.toLowerCase();
      if (groups.has(id))
        errors.push({
          path: `${path}/groups/${j}/id`,
          message: `group ${group.id} is listed twice in this rule`,
        });
      groups.add(id);
    });
  });
  return errors;
}
