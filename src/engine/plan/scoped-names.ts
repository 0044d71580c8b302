/**
 * Names that must be unique only within a container: Active Directory's `cn` is the account's RDN,
 * so two accounts with one cn in one OU are refused (entryAlreadyExists, 68) while the same cn in
 * two OUs is fine. The planner knows every account the target holds and every create, rename and
 * move of the run, so it predicts the clash and resolves it before anything is written:
 * the second person gets the name with a disambiguator from another (unique) attribute, e.g.
 * "Jan Jansen (jjansen2)"; only when that too is taken does the person fail, with the reason.
 *
 * Objects that are not accounts count too: an RDN is unique among all children of a container
 * whatever their class, so a group or contact named "Jan Jansen" in the OU blocks the name as well
 * (the target reports them as reservations; they are never renamed).
 *
 * Accounts keep their present place for the whole run (one that moves away still holds its old name
 * until it is applied), so the order in which the writes go out never matters. The result is
 * stable: the next run computes the same disambiguated name and plans no rename.
 */
import type { AttributeChange, AttrValue, PlannedWrite } from '../../core/index.ts';
import type { AccountIndex } from '../match/index.ts';
import type { ScopedReservation, ScopedUniqueName } from '../ports.ts';
import { item, type PersonPlan } from './types.ts';

const text = (v: AttrValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** DNs and names compare case-insensitively, with the space after an RDN's comma ignored. */
const keyOf = (container: string, name: string) =>
  `${container.toLowerCase().replace(/,\s+/g, ',')}\u0000${name.toLowerCase()}`;

export function resolveScopedNames(
  plans: readonly PersonPlan[],
  index: AccountIndex,
  rule: ScopedUniqueName,
  reservations: readonly ScopedReservation[] = [],
): PersonPlan[] {
  const { attribute, within } = rule;
  /** container+name → the account id (or "create:<employee>", or "held:<what>") that holds it. */
  const holders = new Map<string, string>();
  for (const r of reservations) holders.set(keyOf(r.within, r.value), `held:${r.holder}`);
  for (const account of index.byId.values()) {
    const name = text(account.attributes[attribute]);
    const container = text(account.attributes[within]);
    if (name && container) holders.set(keyOf(container, name), account.id);
  }
  const free = (container: string, name: string, owner: string) => {
    const held = holders.get(keyOf(container, name));
    return held === undefined || held === owner;
  };
  /** Who holds a name, in words: "another account", or what a reservation says ("a group"). */
  const holderOf = (container: string, name: string) => {
    const held = holders.get(keyOf(container, name)) ?? '';
    return held.startsWith('held:') ? held.slice(5) : 'another account';
  };
  const disambiguated = (name: string, by: string) => {
    const tail = ` (${by})`;
    const max = rule.maxLength ?? Number.POSITIVE_INFINITY;
    return `${name.slice(0, Math.max(1, max - tail.length)).trimEnd()}${tail}`;
  };

  return plans.map((plan) => {
    const create = plan.writes.find((w) => w.kind === 'create');
    if (create) {
      const attrs = create.attributes;
      const name = text(attrs[attribute]) ?? (rule.fallback ? text(attrs[rule.fallback]) : null);
      const container = text(attrs[within]);
      if (!name || !container) return plan;
      const owner = `create:${plan.item.employeeNumber}`;
      if (free(container, name, owner)) {
        holders.set(keyOf(container, name), owner);
        return plan;
      }
      const by = text(attrs[rule.disambiguateWith]);
      const other = by ? disambiguated(name, by) : null;
      const who = holderOf(container, name);
      if (!other || !free(container, other, owner))
        return failed(plan, clashMessage(who, name, container, other));
      holders.set(keyOf(container, other), owner);
      return renamed(plan, attribute, name, other, true, `"${name}" is taken in ${container} by ${who}`);
    }
    const update = plan.writes.find((w) => w.kind === 'update');
    const accountId = plan.item.accountId;
    if (!update || accountId === null) return plan;
    const nameChange = update.changes.find((c) => c.attribute === attribute);
    const moveChange = update.changes.find((c) => c.attribute === within);
    if (!nameChange && !moveChange) return plan;
    const account = index.byId.get(accountId);
    const current = text(account?.attributes[attribute]);
    const name = nameChange ? text(nameChange.new) : current;
    const container = moveChange ? text(moveChange.new) : text(account?.attributes[within]);
    if (!name || !container) return plan;
    if (free(container, name, accountId)) {
      holders.set(keyOf(container, name), accountId);
      return plan;
    }
    const by = text(account?.attributes[rule.disambiguateWith]);
    const other = by ? disambiguated(name, by) : null;
    const who = holderOf(container, name);
    if (!other || !free(container, other, accountId))
      return failed(plan, clashMessage(who, name, container, other));
    holders.set(keyOf(container, other), accountId);
    return renamed(
      plan,
      attribute,
      name,
      other,
      false,
      `"${name}" is taken in ${container} by ${who}`,
      current,
    );
  });
}

function clashMessage(who: string, name: string, container: string, other: string | null): string {
  return (
    `${who} in ${container} is already named "${name}"${other ? ` and "${other}" is taken too` : ''}: ` +
    'names (cn) must be unique within a container; map cn to something that tells these people apart'
  );
}

/** The person fails with the reason; nothing of theirs is written. */
function failed(plan: PersonPlan, message: string): PersonPlan {
  const i = plan.item;
  const steps = [...i.steps, { step: 'plan' as const, status: 'failed' as const, message }];
  return {
    ...plan,
    item: item(i.employeeNumber, i.displayName, i.action, 'failed', i.accountId, i.changes, steps, {
      code: 'HRS_TARGET_VALUE_INVALID',
      message,
    }),
    writes: [],
    newLink: false,
  };
}

/** The name replaced by its disambiguated form in the writes, the shown changes and what is applied. */
function renamed(
  plan: PersonPlan,
  attribute: string,
  from: string,
  to: string,
  create: boolean,
  why: string,
  current?: string | null,
): PersonPlan {
  const i = plan.item;
  // An account already holding the disambiguated name keeps it: no rename.
  const unchanged = !create && current?.toLowerCase() === to.toLowerCase();
  const fix = (changes: readonly AttributeChange[]) =>
    unchanged
      ? changes.filter((c) => c.attribute !== attribute)
      : changes.some((c) => c.attribute === attribute)
        ? changes.map((c) => (c.attribute === attribute ? { ...c, new: to } : c))
        : [...changes, { attribute, old: current ?? null, new: to }];
  const writes: PlannedWrite[] = plan.writes.flatMap((w): PlannedWrite[] => {
    if (w.kind === 'create') return [{ ...w, attributes: { ...w.attributes, [attribute]: to } }];
    if (w.kind !== 'update') return [w];
    const changes = fix(w.changes);
    return changes.length > 0 ? [{ ...w, changes }] : [];
  });
  const changes = fix(i.changes);
  const action =
    i.action === 'update' && !writes.some((w) => w.kind !== 'set-manager') ? 'no-change' : i.action;
  const message = unchanged
    ? `${why}; the account keeps "${to}"`
    : `${why}; ${create ? 'created' : 'renamed'} as "${to}" instead of "${from}"`;
  const steps = [...i.steps, { step: 'plan' as const, status: 'success' as const, message }];
  return {
    ...plan,
    item: item(i.employeeNumber, i.displayName, action, i.status, i.accountId, changes, steps, i.error),
    writes,
    applied: { ...plan.applied, [attribute]: to },
  };
}
