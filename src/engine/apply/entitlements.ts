/**
 * Applying group memberships and licences, after creates, updates and managers: every account
 * exists by now and has its usageLocation (Graph refuses a licence without one). What hrsync
 * granted is remembered with the link only for the writes that succeeded.
 */
import {
  ENTITLEMENT_WRITE_KINDS,
  type EntitlementWrite,
  type GrantedEntitlements,
  type ItemStatus,
  type Link,
  NO_GRANTS,
  type PlannedWrite,
  type RunStep,
} from '../../core/index.ts';
import type { PersonPlan } from '../plan/index.ts';
import type { Target, WriteOutcome } from '../ports.ts';

export interface EntitlementTracker {
  readonly plan: PersonPlan;
  readonly accountId: string | null;
  readonly status: ItemStatus;
  readonly steps: RunStep[];
}

const KINDS: ReadonlySet<string> = new Set(ENTITLEMENT_WRITE_KINDS);
const isEntitlementWrite = (w: PlannedWrite): w is EntitlementWrite => KINDS.has(w.kind);

/**
 * Sends the writes, reports each outcome on the tracker (a failed grant is a warning: the account
 * itself is fine) and returns the grants to remember per tracker that has any.
 */
export async function applyEntitlements<T extends EntitlementTracker>(
  trackers: readonly T[],
  ctx: {
    readonly target: Target;
    readonly links: ReadonlyMap<string, Link>;
    readonly signal?: AbortSignal;
    readonly warn: (t: T, message: string) => void;
    readonly progress: (n: number) => void;
  },
): Promise<Map<T, GrantedEntitlements>> {
  const jobs: { t: T; w: EntitlementWrite }[] = [];
  const result = new Map<T, GrantedEntitlements>();
  for (const t of trackers) {
    if (t.plan.granted === undefined || t.status === 'failed' || t.accountId === null) continue;
    result.set(t, t.plan.granted);
    for (const w of t.plan.writes)
      if (isEntitlementWrite(w)) jobs.push({ t, w: { ...w, accountId: t.accountId } });
  }
  // Removals first, in their own call: a licence this run frees must be back in the pool before
  // the assignment that counts on it (the writer sends one call's batches in parallel).
  const removesOnly = (w: EntitlementWrite) =>
    w.kind === 'remove-from-group' || (w.kind === 'assign-licences' && w.add.length === 0);
  const ordered = [jobs.filter((j) => removesOnly(j.w)), jobs.filter((j) => !removesOnly(j.w))];
  for (const chunk of ordered.flatMap((list) => chunks(list, 100))) {
    const outcomes = await ctx.target.apply(
      chunk.map((c) => c.w),
      ctx.signal ? { signal: ctx.signal } : {},
    );
    chunk.forEach(({ t, w }, j) => {
      const o = outcomes[j];
      if (o?.ok) {
        t.steps.push({ step: 'apply', status: 'success', message: `${describe(w)} applied` });
        return;
      }
      ctx.warn(t, `${describe(w)} failed: ${failure(o)}`);
      const previous = ctx.links.get(t.plan.item.employeeNumber)?.granted ?? NO_GRANTS;
      result.set(t, undo(result.get(t) ?? NO_GRANTS, previous, w));
    });
    ctx.progress(chunk.length);
  }
  return result;
}

/** What hrsync holds after a write failed: as before that write. */
function undo(
  granted: GrantedEntitlements,
  previous: GrantedEntitlements,
  w: EntitlementWrite,
): GrantedEntitlements {
  const groups = { ...granted.groups };
  const licences = { ...granted.licences };
  const restore = (into: Record<string, string>, from: Readonly<Record<string, string>>, key: string) => {
    const before = from[key];
    if (before === undefined) delete into[key];
    else into[key] = before;
  };
  if (w.kind === 'assign-licences') {
    for (const a of w.add) restore(licences, previous.licences, a.skuId);
    for (const sku of w.remove) restore(licences, previous.licences, sku);
  } else restore(groups, previous.groups, w.groupId);
  return { ...granted, groups, licences };
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function describe(w: EntitlementWrite): string {
  switch (w.kind) {
    case 'add-to-group':
      return `add to group ${w.groupName}`;
    case 'remove-from-group':
      return `remove from group ${w.groupName}`;
    case 'assign-licences':
      return `licences (+${w.add.length}, −${w.remove.length})`;
  }
}

function failure(o: WriteOutcome | undefined): string {
  return o && !o.ok ? o.message : 'the target returned no outcome';
}
