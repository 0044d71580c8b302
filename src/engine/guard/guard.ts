/**
 * guard: safety thresholds. A run that would disable or delete too many accounts, or whose source
 * shrank implausibly, is blocked with the reason; nothing is applied until an operator approves.
 * An empty source read never gets past here when accounts are managed (DESIGN.md invariant 2).
 */
import type { PlannedWrite, ThresholdsConfig } from '../../core/index.ts';
import { removesEntitlements } from '../plan/entitlements.ts';
import type { Plan } from '../plan/types.ts';

export type GuardResult = { readonly blocked: false } | { readonly blocked: true; readonly reason: string };

export interface GuardInput {
  readonly plan: Plan;
  readonly thresholds: ThresholdsConfig;
  readonly lastSourceCount: number | null;
}

export function guard({ plan, thresholds, lastSourceCount }: GuardInput): GuardResult {
  const reasons: string[] = [];
  const current = plan.sourceCount;
  if (current === 0 && (plan.managedAccounts > 0 || (lastSourceCount ?? 0) > 0)) {
    reasons.push('the source returned no persons at all while accounts are managed');
  } else if (lastSourceCount !== null && lastSourceCount > 0 && thresholds.maxSourceShrinkPercent !== null) {
    const shrink = ((lastSourceCount - current) / lastSourceCount) * 100;
    if (shrink > thresholds.maxSourceShrinkPercent) {
      reasons.push(
        `the source shrank from ${lastSourceCount} to ${current} persons (${shrink.toFixed(1)}%), over the ${thresholds.maxSourceShrinkPercent}% limit`,
      );
    }
  }
  // Taking groups or licences away is a removal too: a wrong rule must not strip a whole company.
  // Counted in plain loops: every person of the run passes here, and nearly all remove nothing.
  let entitlementOnly = 0;
  let removals = 0;
  const persons = plan.persons;
  for (let i = 0; i < persons.length; i++) {
    const writes = (persons[i] as Plan['persons'][number]).writes;
    if (writes.length === 0) continue;
    if (disablesOrDeletes(writes)) removals++;
    else if (removesEntitlements(writes)) {
      removals++;
      entitlementOnly++;
    }
  }
  const also = entitlementOnly > 0 ? ` (${entitlementOnly} of them lose groups or licences)` : '';
  if (thresholds.maxDisableDeleteCount !== null && removals > thresholds.maxDisableDeleteCount) {
    reasons.push(
      `${removals} disables + deletes${also}, over the limit of ${thresholds.maxDisableDeleteCount}`,
    );
  }
  if (thresholds.maxDisableDeletePercent !== null && removals > 0) {
    const base = Math.max(plan.managedAccounts, 1);
    const percent = (removals / base) * 100;
    if (percent > thresholds.maxDisableDeletePercent) {
      reasons.push(
        `${removals} disables + deletes${also} are ${percent.toFixed(1)}% of ${plan.managedAccounts} managed accounts, over the ${thresholds.maxDisableDeletePercent}% limit`,
      );
    }
  }
  return reasons.length > 0 ? { blocked: true, reason: reasons.join('; ') } : { blocked: false };
}

function disablesOrDeletes(writes: readonly PlannedWrite[]): boolean {
  for (let i = 0; i < writes.length; i++) {
    const kind = (writes[i] as PlannedWrite).kind;
    if (kind === 'disable' || kind === 'delete') return true;
  }
  return false;
}
