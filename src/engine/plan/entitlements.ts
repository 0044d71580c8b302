/**
 * Groups and licences from entitlement rules, planned like attributes: per person the union of the
 * rules they meet, compared with what the tenant holds and what hrsync granted before (remembered
 * with the link). Pure and deterministic, after the account plan (it needs to know which accounts
 * exist, are created, enabled or disabled in this run).
 *
 * - Granted while the account is enabled, or from the create on for `grantAt: create` rules.
 * - Leaving every rule that grants something while enabled: taken back at once. After hrsync
 *   disabled the account: taken back `removeAfterDays` after the disable (the longest rule wins).
 * - Only what hrsync granted is taken back, except memberships of an authoritative rule's groups.
 * - Licence pools: enabled minus consumed plus what this run frees; persons past the end of a pool
 *   get no licence and a warning saying how many the run is short (see licence-capacity.ts).
 */
import {
  type EntitlementRule,
  type EntitlementWrite,
  type GrantedEntitlements,
  type LicenceAssignment,
  type Link,
  type LocalDate,
  NO_GRANTS,
  type Person,
  type PlannedWrite,
  parseLicenceKey,
} from '../../core/index.ts';
import type { AccountIndex } from '../match/index.ts';
import { addDays } from '../normalise/index.ts';
import type { EntitlementCapabilities, EntitlementSnapshot } from '../ports.ts';
import { compileScope } from '../scope/index.ts';
import { type EntitlementDraft, finishPerson } from './entitlement-finish.ts';
import { applyCapacity, type LicenceRequest } from './licence-capacity.ts';
import { licenceLabel, licenceName, planName } from './licence-names.ts';
import type { PersonPlan, Plan } from './types.ts';

export interface EntitlementPlanInput {
  readonly plan: Plan;
  readonly rules: readonly EntitlementRule[];
  readonly persons: readonly Person[];
  readonly index: AccountIndex;
  readonly links: readonly Link[];
  readonly snapshot: EntitlementSnapshot;
  readonly capabilities: EntitlementCapabilities;
  readonly today: LocalDate;
}

/** The group ids every rule names, for the target read. */
export function ruleGroupIds(rules: readonly EntitlementRule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.groups.map((g) => g.id.toLowerCase())))];
}

export function planEntitlements(input: EntitlementPlanInput): Plan {
  const { rules, snapshot, capabilities, today } = input;
  if (rules.length === 0) return input.plan;
  const compiled = rules.map((rule) => ({
    rule,
    test: compileScope({ filters: rule.condition, outOfScope: 'none' }),
  }));
  const personsBy = new Map(input.persons.map((p) => [p.employeeNumber, p]));
  const linksBy = new Map(input.links.map((l) => [l.employeeNumber, l]));
  const groupName = new Map<string, string>();
  for (const r of rules)
    for (const g of r.groups)
      groupName.set(
        g.id.toLowerCase(),
        snapshot.groups.get(g.id.toLowerCase())?.displayName ?? g.displayName ?? g.id,
      );
  const authoritative = new Set(
    rules.filter((r) => r.authoritative).flatMap((r) => r.groups.map((g) => g.id.toLowerCase())),
  );
  const planNames = new Map<string, string>();
  for (const r of rules)
    for (const l of r.licences)
      l.disabledPlans.forEach((id, i) => {
        const given = l.disabledPlanNames?.[i];
        if (given) planNames.set(id.toLowerCase(), given);
      });
  for (const sku of snapshot.skus.values())
    for (const p of sku.servicePlans) if (!planNames.has(p.id)) planNames.set(p.id, planName(p.name));
  const label = (a: LicenceAssignment) => {
    const sku = snapshot.skus.get(a.skuId);
    return licenceLabel(
      licenceName(sku?.skuPartNumber ?? a.skuId),
      a.disabledPlans.map((p) => planNames.get(p.toLowerCase()) ?? p),
    );
  };

  const drafts: (EntitlementDraft | null)[] = input.plan.persons.map((p) => draftFor(p));
  const requests: LicenceRequest[] = [];
  drafts.forEach((d, i) => {
    if (d === null) return;
    for (const add of d.licenceAdds)
      if (d.newSkus.has(add.skuId)) requests.push({ person: i, skuId: add.skuId });
    for (const skuId of d.groupLicenceSkus) requests.push({ person: i, skuId, viaGroup: true });
  });
  const freed = new Map<string, number>();
  for (const d of drafts)
    for (const skuId of d?.licenceRemoves ?? []) freed.set(skuId, (freed.get(skuId) ?? 0) + 1);
  const capacity = applyCapacity(requests, snapshot.skus, freed, (skuId) =>
    label({ skuId, disabledPlans: [] }),
  );

  const persons = input.plan.persons.map((p, i) => {
    const d = drafts[i];
    return d ? finishPerson(p, d, capacity.refused.get(i) ?? [], label) : p;
  });
  return Object.freeze({ ...input.plan, persons: Object.freeze(persons), licencePools: capacity.pools });

  function draftFor(p: PersonPlan): EntitlementDraft | null {
    if (p.item.status === 'failed' || p.item.action === 'out-of-scope' || p.item.action === 'conflict')
      return null;
    const n = p.item.employeeNumber;
    const create = p.writes.find((w) => w.kind === 'create');
    if (p.writes.some((w) => w.kind === 'delete')) return null;
    const accountId = p.item.accountId;
    if (!create && accountId === null) return null;
    const account = accountId === null ? undefined : input.index.byId.get(accountId);
    if (!create && !account) return null;
    const person = personsBy.get(n);
    const previous = linksBy.get(n)?.granted ?? NO_GRANTS;
    const enabledAfter = create
      ? create.enabled
      : p.writes.some((w) => w.kind === 'enable')
        ? true
        : p.writes.some((w) => w.kind === 'disable')
          ? false
          : account?.attributes.accountEnabled !== false;
    const notYetStarted = person?.lifecycle === 'pre-hire' || person?.lifecycle === 'future';
    const disabledOn = enabledAfter
      ? null
      : (previous.disabledOn ?? (create || notYetStarted ? null : today));

    const grantGroups = new Set<string>();
    const keepGroups = new Set<string>();
    const grantLicences = new Map<string, string[]>();
    const keepLicences = new Set<string>();
    const reasons: string[] = [];
    for (const { rule, test } of compiled) {
      if (!person || !test(person).inScope) continue;
      const state = enabledAfter
        ? 'grant'
        : rule.grantAt === 'create' && disabledOn === null
          ? 'grant'
          : disabledOn !== null && today < addDays(disabledOn, rule.removeAfterDays)
            ? 'keep'
            : 'none';
      if (state === 'none') continue;
      reasons.push(
        `rule "${rule.name}"${state === 'keep' ? ` (kept until ${addDays(disabledOn ?? today, rule.removeAfterDays)})` : ''}`,
      );
      for (const g of rule.groups) (state === 'grant' ? grantGroups : keepGroups).add(g.id.toLowerCase());
      for (const l of rule.licences) {
        const sku = l.skuId.toLowerCase();
        const plans = l.disabledPlans.map((x) => x.toLowerCase());
        if (state === 'keep') {
          keepLicences.add(sku);
          continue;
        }
        // Two rules granting one SKU: a plan stays off only when every rule leaves it off.
        const before = grantLicences.get(sku);
        grantLicences.set(sku, before === undefined ? plans : before.filter((x) => plans.includes(x)));
      }
    }

    const findings: string[] = [];
    const writes: EntitlementWrite[] = [];
    const changes: { attribute: 'group' | 'licence'; old: string | null; new: string | null }[] = [];
    const groups: Record<string, string> = { ...previous.groups };
    const licences: Record<string, string> = { ...previous.licences };
    const id = accountId?.toLowerCase() ?? '';
    const isMember = (g: string) => !create && (snapshot.groups.get(g)?.members.has(id) ?? false);
    const groupLicenceSkus: string[] = [];
    const heldSkus = new Set<string>();

    const current = new Map<string, string[]>();
    if (capabilities.licenceAttribute && account) {
      const value = account.attributes[capabilities.licenceAttribute];
      for (const key of Array.isArray(value) ? value : []) {
        const parsed = parseLicenceKey(key);
        current.set(parsed.skuId, parsed.disabledPlans);
        heldSkus.add(parsed.skuId);
      }
    }

    if (capabilities.groups) {
      for (const g of grantGroups) {
        const group = snapshot.groups.get(g);
        const name = groupName.get(g) ?? g;
        if (!group) {
          findings.push(
            `group "${name}" (${g}) does not exist in the tenant any more; not granted — update the rule`,
          );
          delete groups[g];
          continue;
        }
        if (isMember(g)) continue;
        writes.push({
          kind: 'add-to-group',
          employeeNumber: n,
          accountId,
          groupId: g,
          groupName: group.displayName,
        });
        groups[g] = today;
        const carried = group.assignedLicences.map(label);
        changes.push({
          attribute: 'group',
          old: null,
          new:
            carried.length > 0 ? `${group.displayName} (licence ${carried.join(', ')})` : group.displayName,
        });
        for (const l of group.assignedLicences) if (!heldSkus.has(l.skuId)) groupLicenceSkus.push(l.skuId);
      }
      const removable = new Set([...Object.keys(previous.groups), ...authoritative]);
      for (const g of removable) {
        if (grantGroups.has(g) || keepGroups.has(g)) continue;
        if (!snapshot.groups.has(g)) {
          delete groups[g];
          continue;
        }
        if (isMember(g) && accountId !== null) {
          const name = groupName.get(g) ?? g;
          writes.push({
            kind: 'remove-from-group',
            employeeNumber: n,
            accountId,
            groupId: g,
            groupName: name,
          });
          changes.push({ attribute: 'group', old: name, new: null });
        }
        delete groups[g];
      }
    } else if (grantGroups.size > 0)
      findings.push('this target cannot grant group memberships; groups left out');

    const licenceAdds: LicenceAssignment[] = [];
    const licenceRemoves: string[] = [];
    const newSkus = new Set<string>();
    if (capabilities.licenceAttribute) {
      const requires = capabilities.licenceRequires;
      const location =
        requires === null ? 'n/a' : requiredValue(p, create, account?.attributes[requires], requires);
      for (const [sku, plans] of grantLicences) {
        const pool = snapshot.skus.get(sku);
        const wanted = { skuId: sku, disabledPlans: plans };
        if (!pool) {
          findings.push(`licence ${sku} is not subscribed in the tenant; not assigned — update the rule`);
          continue;
        }
        const has = current.get(sku);
        if (has !== undefined) {
          // Only plans on a licence hrsync assigned are brought in line with the rule.
          if (previous.licences[sku] !== undefined && !samePlans(has, plans)) {
            licenceAdds.push(wanted);
            changes.push({
              attribute: 'licence',
              old: label({ skuId: sku, disabledPlans: has }),
              new: label(wanted),
            });
          }
          continue;
        }
        if (location === null || location === '') {
          findings.push(
            `${label(wanted)} not assigned: the account has no ${requires} (Microsoft refuses a licence without one); map ${requires}`,
          );
          continue;
        }
        licenceAdds.push(wanted);
        newSkus.add(sku);
        licences[sku] = today;
        changes.push({ attribute: 'licence', old: null, new: label(wanted) });
      }
      for (const sku of Object.keys(previous.licences)) {
        if (grantLicences.has(sku) || keepLicences.has(sku)) continue;
        const has = current.get(sku);
        if (has !== undefined) {
          licenceRemoves.push(sku);
          changes.push({ attribute: 'licence', old: label({ skuId: sku, disabledPlans: has }), new: null });
        }
        delete licences[sku];
      }
    } else if (grantLicences.size > 0) findings.push('this target cannot assign licences; licences left out');

    const granted: GrantedEntitlements = { groups, licences, disabledOn };
    return {
      employeeNumber: n,
      accountId,
      writes,
      changes,
      findings,
      reasons,
      licenceAdds,
      licenceRemoves,
      newSkus,
      groupLicenceSkus,
      granted,
    };
  }
}

/** The value an attribute will have after this run's create or update (for usageLocation). */
function requiredValue(
  p: PersonPlan,
  create: Extract<PlannedWrite, { kind: 'create' }> | undefined,
  current: unknown,
  attribute: string,
): string | null {
  if (create) {
    const v = create.attributes[attribute];
    return typeof v === 'string' ? v : null;
  }
  for (const w of p.writes)
    if (w.kind === 'update') {
      const change = w.changes.find((c) => c.attribute === attribute);
      if (change) return typeof change.new === 'string' ? change.new : null;
    }
  return typeof current === 'string' ? current : null;
}

function samePlans(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Removals of groups or licences count towards the guard's thresholds like disables. */
export function removesEntitlements(writes: readonly PlannedWrite[]): boolean {
  return writes.some(
    (w) => w.kind === 'remove-from-group' || (w.kind === 'assign-licences' && w.remove.length > 0),
  );
}
