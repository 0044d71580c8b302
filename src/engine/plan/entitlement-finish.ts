/**
 * Folds one person's planned entitlements into their plan: writes, changes shown like attributes
 * ("group": null → "Sales"), a plan step, warnings for what could not be granted, and the grants to
 * remember with the link after a successful apply.
 */
import type {
  AttributeChange,
  EntitlementWrite,
  GrantedEntitlements,
  LicenceAssignment,
  RunStep,
} from '../../core/index.ts';
import type { Refusal } from './licence-capacity.ts';
import type { PersonPlan } from './types.ts';

export interface EntitlementDraft {
  readonly employeeNumber: string;
  readonly accountId: string | null;
  readonly writes: readonly EntitlementWrite[];
  readonly changes: readonly { attribute: 'group' | 'licence'; old: string | null; new: string | null }[];
  readonly findings: readonly string[];
  readonly reasons: readonly string[];
  readonly licenceAdds: readonly LicenceAssignment[];
  readonly licenceRemoves: readonly string[];
  /** SKUs the account does not hold yet (they take a unit from the pool). */
  readonly newSkus: ReadonlySet<string>;
  /** SKUs a group added in this run carries that the account does not hold yet. */
  readonly groupLicenceSkus: readonly string[];
  readonly granted: GrantedEntitlements;
}

export function finishPerson(
  p: PersonPlan,
  d: EntitlementDraft,
  refused: readonly Refusal[],
  label: (l: LicenceAssignment) => string,
): PersonPlan {
  const findings = [...d.findings];
  const refusedSkus = new Set(refused.filter((r) => !r.viaGroup).map((r) => r.skuId));
  for (const r of refused) {
    const short = `${r.pool.short} short for ${r.pool.name} in this run: ${r.pool.wanted} wanted, ${r.pool.enabled - r.pool.consumed} free + ${r.pool.freed} freed`;
    findings.push(
      r.viaGroup
        ? `a group carries ${r.pool.name} but the pool is empty (${short}); Microsoft will show the licence in error`
        : `${r.pool.name} not assigned: no licences left in the pool (${short})`,
    );
  }
  const adds = d.licenceAdds.filter((a) => !refusedSkus.has(a.skuId));
  const refusedLabels = new Set(d.licenceAdds.filter((a) => refusedSkus.has(a.skuId)).map(label));
  const changes: AttributeChange[] = d.changes.filter(
    (c) => !(c.attribute === 'licence' && c.old === null && c.new !== null && refusedLabels.has(c.new)),
  );
  const licences = { ...d.granted.licences };
  for (const sku of refusedSkus) delete licences[sku];
  const writes: EntitlementWrite[] = d.writes.filter((w) => w.kind !== 'assign-licences');
  if (adds.length > 0 || d.licenceRemoves.length > 0)
    writes.push({
      kind: 'assign-licences',
      employeeNumber: d.employeeNumber,
      accountId: d.accountId,
      add: adds,
      remove: d.licenceRemoves,
    });

  const steps: RunStep[] = [...p.item.steps];
  if (changes.length > 0 || d.reasons.length > 0)
    steps.push({
      step: 'plan',
      status: 'success',
      message:
        changes.length > 0
          ? `entitlements: ${changes.map(describe).join(', ')}${d.reasons.length > 0 ? ` (from ${d.reasons.join(', ')})` : ''}`
          : `entitlements up to date (from ${d.reasons.join(', ')})`,
    });
  for (const f of findings) steps.push({ step: 'plan', status: 'warning', message: f });
  const status = findings.length > 0 && p.item.status === 'success' ? 'warning' : p.item.status;
  const action = writes.length > 0 && p.item.action === 'no-change' ? 'update' : p.item.action;
  return {
    ...p,
    item: { ...p.item, action, status, changes: [...p.item.changes, ...changes], steps },
    writes: [...p.writes, ...writes],
    granted: { ...d.granted, licences },
  };
}

function describe(c: AttributeChange): string {
  if (c.old === null) return `+ ${c.attribute} ${c.new}`;
  if (c.new === null) return `− ${c.attribute} ${c.old}`;
  return `${c.attribute} ${c.old} → ${c.new}`;
}
