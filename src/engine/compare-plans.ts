/**
 * The difference between two plans of one connection, person by person: whose action, status or
 * values differ, with both versions side by side. Used by "Preview impact" (the saved configuration's
 * plan against a draft's) and by comparing two stored runs ("what changed since the last sync").
 * Pure: items in, difference out.
 */
import { ACTIONS, type Action, type AttrValue, type ItemStatus, type RunItem } from '../core/index.ts';

/** One side of a person's comparison: what that plan (or run) does with them. */
export interface PlanSide {
  readonly action: Action;
  readonly status: ItemStatus;
  readonly accountId: string | null;
  /** The reason of a failed, skipped or conflicting person. */
  readonly error: string | null;
}

/**
 * One attribute whose outcome differs: `current` is what the account holds now (null for an account
 * still to be created), `before` and `after` what it holds after each plan.
 */
export interface AttributeDifference {
  readonly attribute: string;
  readonly current: AttrValue;
  readonly before: AttrValue;
  readonly after: AttrValue;
}

export const DIFFERENCE_KINDS = ['action', 'status', 'values'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export interface PersonDifference {
  readonly employeeNumber: string;
  readonly displayName: string;
  /** null: the person is not in that plan at all (not read from AFAS, or not in that run). */
  readonly before: PlanSide | null;
  readonly after: PlanSide | null;
  readonly attributes: readonly AttributeDifference[];
  readonly kinds: readonly DifferenceKind[];
}

export interface ActionTransition {
  readonly from: Action | 'absent';
  readonly to: Action | 'absent';
  readonly count: number;
}

export interface PlanDifference {
  /** Persons in either plan. */
  readonly compared: number;
  /** Persons whose action, status or values differ. */
  readonly changed: number;
  readonly byKind: Readonly<Record<DifferenceKind, number>>;
  /** How many persons moved from one action to another (only moves, most frequent first). */
  readonly transitions: readonly ActionTransition[];
  readonly beforeActions: Readonly<Record<Action, number>>;
  readonly afterActions: Readonly<Record<Action, number>>;
  /** The changed persons by name, at most `limit` of them (`truncated` says when more differ). */
  readonly persons: readonly PersonDifference[];
  readonly truncated: boolean;
}

export const DIFFERENCE_LIMIT = 10_000;

const emptyActions = () => Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;

function sideOf(item: RunItem): PlanSide {
  return {
    action: item.action,
    status: item.status,
    accountId: item.accountId,
    error: item.error?.message ?? null,
  };
}

function sameValue(a: AttrValue | undefined, b: AttrValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return (a ?? null) === (b ?? null);
}

/** A blocked run marks every planned write "blocked"; underneath, the plan is what is compared. */
const comparableStatus = (item: RunItem): ItemStatus | null =>
  item.status === 'blocked' ? null : item.status;

function attributeDifferences(
  before: RunItem | undefined,
  after: RunItem | undefined,
): AttributeDifference[] {
  const b = new Map((before?.changes ?? []).map((c) => [c.attribute, c]));
  const a = new Map((after?.changes ?? []).map((c) => [c.attribute, c]));
  const names = [...new Set([...b.keys(), ...a.keys()])].sort();
  const out: AttributeDifference[] = [];
  for (const name of names) {
    const cb = b.get(name);
    const ca = a.get(name);
    const current = (cb ?? ca)?.old ?? null;
    // A plan that does not change the attribute leaves the account's value as it is.
    const valueBefore = before === undefined ? null : cb ? cb.new : current;
    const valueAfter = after === undefined ? null : ca ? ca.new : current;
    if (!sameValue(valueBefore, valueAfter)) {
      out.push({ attribute: name, current, before: valueBefore, after: valueAfter });
    }
  }
  return out;
}

const nameKey = (displayName: string, employeeNumber: string) =>
  `${displayName.toLowerCase()}\u0000${employeeNumber}`;

/** Compares two plans' items by employee number. */
export function comparePlans(
  before: readonly RunItem[],
  after: readonly RunItem[],
  limit = DIFFERENCE_LIMIT,
): PlanDifference {
  const beforeBy = new Map(before.map((i) => [i.employeeNumber, i]));
  const afterBy = new Map(after.map((i) => [i.employeeNumber, i]));
  const beforeActions = emptyActions();
  const afterActions = emptyActions();
  for (const i of before) beforeActions[i.action]++;
  for (const i of after) afterActions[i.action]++;
  const numbers = new Set([...beforeBy.keys(), ...afterBy.keys()]);
  const byKind: Record<DifferenceKind, number> = { action: 0, status: 0, values: 0 };
  const transitions = new Map<string, ActionTransition>();
  const changed: { key: string; difference: PersonDifference }[] = [];
  for (const number of numbers) {
    const b = beforeBy.get(number);
    const a = afterBy.get(number);
    const kinds: DifferenceKind[] = [];
    const actionBefore = b?.action ?? 'absent';
    const actionAfter = a?.action ?? 'absent';
    if (actionBefore !== actionAfter) {
      kinds.push('action');
      const key = `${actionBefore}>${actionAfter}`;
      const t = transitions.get(key);
      transitions.set(key, { from: actionBefore, to: actionAfter, count: (t?.count ?? 0) + 1 });
    }
    if (b && a) {
      const sb = comparableStatus(b);
      const sa = comparableStatus(a);
      if (
        (sb !== null && sa !== null && sb !== sa) ||
        (b.error?.message ?? null) !== (a.error?.message ?? null)
      )
        kinds.push('status');
    }
    const attributes = attributeDifferences(b, a);
    if (attributes.length > 0 && b && a) kinds.push('values');
    if (kinds.length === 0) continue;
    for (const k of kinds) byKind[k]++;
    const shown = a ?? b;
    if (!shown) continue;
    changed.push({
      key: nameKey(shown.displayName, number),
      difference: {
        employeeNumber: number,
        displayName: shown.displayName,
        before: b ? sideOf(b) : null,
        after: a ? sideOf(a) : null,
        attributes,
        kinds,
      },
    });
  }
  changed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return {
    compared: numbers.size,
    changed: changed.length,
    byKind,
    transitions: [...transitions.values()].sort(
      (x, y) => y.count - x.count || `${x.from}${x.to}`.localeCompare(`${y.from}${y.to}`),
    ),
    beforeActions,
    afterActions,
    persons: changed.slice(0, limit).map((c) => c.difference),
    truncated: changed.length > limit,
  };
}
