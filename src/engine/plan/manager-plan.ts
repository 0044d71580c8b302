/**
 * Managers, once every person is planned: a person's manager is another person's account, which may
 * be one this run creates. A manager that differs from what the account has is set; one that cannot
 * be resolved is a warning, as the sync would set none either.
 */
import type { AttrValue, Person, PlannedWrite, RunItem, StepReason } from '../../core/index.ts';
import type { ExternalOwner } from '../ports.ts';
import { withLockedManager } from './account-owner.ts';
import type { PlanRun } from './plan-run.ts';
import { because } from './plan-steps.ts';
import { NOT_KEPT, type PersonPlan } from './types.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The persons whose plan may get a manager, in plan order, kept as columns rather than an object per
 * person; and the planned account of every employee someone names as manager.
 */
export class ManagerReferences {
  /**
   * Columns made at their final size (at most one entry per person): grown by push() they are copied
   * a dozen times each on the way to 50,000 entries.
   */
  private readonly at: number[];
  /**
   * The person's employee number and the manager HR names, read while the person is planned (their
   * record is at hand then; the manager pass would fetch each person's record and attributes again).
   */
  private readonly numbers: string[];
  private readonly wanted: AttrValue[];
  private readonly accounts: (string | null)[];
  private readonly current: (string | null | undefined)[];
  /** The system that owns the account, when another does (ownerOf, as the person's plan found it). */
  private readonly owners: (ExternalOwner | null)[];
  /**
   * What the pass reads of each person's plan, taken while the plan was just made: its `applied`
   * values (where the manager is recorded), whether it failed, and the manager hrsync last set (the
   * link's). The pass then reads no plan, item or link again for a person whose manager stays.
   */
  private readonly applied: Record<string, AttrValue>[];
  /** 1 where the plan failed. */
  private readonly failed: Uint8Array;
  private readonly previous: (AttrValue | undefined)[];
  private count = 0;
  /** employee number → account id (null while its create is pending), for employees named as manager. */
  private readonly planned = new Map<string, string | null>();
  /** The managers these persons name (made with `planned` when the pass starts, from the columns). */
  private readonly named = new Set<string>();
  private everyone: Map<string, string | null> | undefined;
  private byAccount: Map<string, string> | undefined;

  constructor(
    private readonly run: PlanRun,
    persons: readonly Person[],
  ) {
    this.at = new Array(persons.length);
    this.numbers = new Array(persons.length);
    this.wanted = new Array(persons.length);
    this.accounts = new Array(persons.length);
    this.current = new Array(persons.length);
    this.owners = new Array(persons.length);
    this.applied = new Array(persons.length);
    this.failed = new Uint8Array(persons.length);
    this.previous = new Array(persons.length);
  }

  /**
   * A planned person with an account (or one to be created) at `index` of the plan's persons: only
   * columns are filled, from what the person's plan had at hand (their record and account are in
   * cache then); the pass reads neither again.
   */
  add(
    index: number,
    person: Person,
    plan: PersonPlan,
    accountId: string | null,
    current: string | null | undefined,
    owner: ExternalOwner | null,
  ): void {
    const i = this.count++;
    const n = person.employeeNumber;
    this.at[i] = index;
    this.numbers[i] = n;
    this.wanted[i] = person.attributes.ManagerEmployeeNumber ?? null;
    this.accounts[i] = accountId;
    this.current[i] = current;
    this.owners[i] = owner;
    this.applied[i] = plan.applied as Record<string, AttrValue>;
    this.failed[i] = plan.item.status === 'failed' ? 1 : 0;
    this.previous[i] = this.run.linksByEmployee.get(n)?.applied.manager;
  }

  /**
   * The person planned at `index` of the plan's persons has no account after all (another person of
   * the run took the account it matched, account-claims.ts): their entry is dropped, so nobody gets
   * that account as their manager through them. Rare, so the columns are shifted (order kept).
   */
  forget(index: number): void {
    let i = 0;
    while (i < this.count && this.at[i] !== index) i++;
    if (i === this.count) return;
    for (const column of [
      this.at,
      this.numbers,
      this.wanted,
      this.accounts,
      this.current,
      this.owners,
      this.applied,
      this.previous,
    ] as unknown[][])
      column.copyWithin(i, i + 1, this.count);
    this.failed.copyWithin(i, i + 1, this.count);
    this.count--;
  }

  /**
   * The planned account of every employee one of these persons names as manager. Only they can be a
   * manager this pass sets (a manager without a planned account is found through their link), and a
   * map of everyone would be ~7 times larger.
   */
  private findPlanned(): void {
    for (let i = 0; i < this.count; i++) {
      const wanted = this.wanted[i];
      if (typeof wanted === 'string') this.named.add(wanted);
    }
    for (let i = 0; i < this.count; i++) {
      const n = this.numbers[i] as string;
      if (this.named.has(n)) this.planned.set(n, this.accounts[i] as string | null);
    }
  }

  /**
   * Sets every person's manager in `plans` (in place where the plan is still a draft). `replaced`:
   * some plans were replaced after they were added (names unique per container), so each is read
   * from `plans`, not from what add() took.
   */
  apply(plans: PersonPlan[], replaced = false): void {
    this.findPlanned();
    for (let i = 0; i < this.count; i++) {
      const at = this.at[i] as number;
      let p = replaced ? (plans[at] as PersonPlan) : undefined;
      if (p === undefined ? this.failed[i] === 1 : p.item.status === 'failed') continue;
      const n = this.numbers[i] as string;
      const accountId = this.accounts[i] as string | null;
      const currentManager = this.current[i];
      const wanted = this.wanted[i];
      // Every manager wanted is among the names findPlanned looked up.
      const wantedAccount = typeof wanted === 'string' ? this.namedAccount(wanted) : undefined;
      if (typeof wanted === 'string' && wantedAccount === undefined) {
        // A reference that cannot resolve: the sync sets no manager either, so say so now.
        p = withWarning(draftOf(p ?? (plans[at] as PersonPlan)), this.unresolved(wanted));
        plans[at] = p;
      }
      const desired = typeof wanted === 'string' && wantedAccount !== undefined ? wanted : null;
      // What the account has now: read from the target when it reports managers, else what hrsync last set.
      const previous = this.previous[i];
      const unchanged =
        currentManager === undefined
          ? desired === (typeof previous === 'string' ? previous : null)
          : wantedAccount !== null && (wantedAccount ?? null) === currentManager;
      // Without a manager to set — none in HR, or one without an account yet — a manager is only
      // cleared when hrsync set it itself; one an administrator set by hand is left alone.
      const keep = desired === null && (typeof wanted === 'string' || typeof previous !== 'string');
      if (unchanged || keep) {
        const manager = unchanged ? desired : null;
        if (p === undefined) recordIn(this.applied[i] as Record<string, AttrValue>, manager);
        else recordManager(p, manager);
        continue;
      }
      p ??= plans[at] as PersonPlan;
      const old =
        currentManager === undefined
          ? typeof previous === 'string'
            ? previous
            : null
          : currentManager === null
            ? null
            : (this.employeeOfAccount(currentManager) ?? currentManager);
      const write: PlannedWrite = {
        kind: 'set-manager',
        employeeNumber: n,
        accountId,
        managerEmployeeNumber: desired,
        managerAccountId: wantedAccount ?? null,
        oldManagerAccountId: currentManager ?? (old === null ? null : (this.managerAccount(old) ?? null)),
      };
      const owner = this.owners[i] as ExternalOwner | null;
      // The target would refuse the manager: the person fails with why (rare: a copy is made to say so).
      plans[at] =
        owner && !owner.writable.includes('manager')
          ? withLockedManager(p, withManagerWrite(copyOf(p), write, old, desired), owner)
          : withManagerWrite(draftOf(p), write, old, desired);
    }
  }

  /** Why a manager reference does not resolve: the warning's reason (words in contracts/item-reasons.ts). */
  private unresolved(wanted: string): StepReason {
    const name = this.run.personNamed(wanted)?.displayName;
    const why =
      name !== undefined
        ? 'no-account'
        : this.run.input.onlyEmployeeNumber !== undefined
          ? 'not-linked'
          : 'not-in-read';
    return { code: 'manager-unresolved', manager: wanted, name: name ?? null, why };
  }

  /** A manager's account: planned in this run, else (on-demand runs) found through their link. */
  private managerAccount(n: string): string | null | undefined {
    if (this.named.has(n)) return this.namedAccount(n);
    const planned = this.plannedOf(n);
    return planned !== undefined ? planned : this.linkedAccount(n);
  }

  /** managerAccount of a manager some person names (one lookup fewer: `n` is among `named`). */
  private namedAccount(n: string): string | null | undefined {
    const planned = this.planned.get(n);
    // null: the manager's create is pending, which is their account in this run.
    return planned !== undefined ? planned : this.linkedAccount(n);
  }

  /** The account a manager without a planned account is linked to, if it still exists. */
  private linkedAccount(n: string): string | undefined {
    const linked = this.run.linksByEmployee.get(n)?.accountId;
    return linked !== undefined && this.run.index.byId.has(linked) ? linked : undefined;
  }

  /** The planned account of someone nobody names as manager (a previous manager): made on first use. */
  private plannedOf(n: string): string | null | undefined {
    if (this.everyone === undefined) {
      this.everyone = new Map();
      for (let i = 0; i < this.count; i++)
        this.everyone.set(this.numbers[i] as string, this.accounts[i] as string | null);
    }
    return this.everyone.get(n);
  }

  /**
   * Only a manager that changes is shown by employee number. The reverse map is made on first use,
   * and only for accounts some person's account has as manager now: a person of this run holding the
   * account wins over a stored link (the last such person, in plan order).
   */
  private employeeOfAccount(id: string): string | undefined {
    if (this.byAccount === undefined) {
      const managing = new Set<string>();
      for (let i = 0; i < this.count; i++) {
        const c = this.current[i];
        if (typeof c === 'string') managing.add(c);
      }
      this.byAccount = new Map<string, string>();
      for (let i = 0; i < this.count; i++) {
        const account = this.accounts[i];
        if (typeof account === 'string' && managing.has(account))
          this.byAccount.set(account, this.numbers[i] as string);
      }
    }
    return this.byAccount.get(id) ?? this.run.owners.get(id);
  }
}

/**
 * The plan's `applied` values are its own fresh object (the mapped values of this person), so the
 * manager is recorded in place: copying twenty attributes for each of 50,000 persons only feeds the
 * garbage collector.
 */
function recordManager(p: PersonPlan, manager: string | null): void {
  recordIn(p.applied as Record<string, AttrValue>, manager);
}

/** The manager recorded in a plan's `applied` values, unless the plan keeps none (NOT_KEPT). */
function recordIn(applied: Record<string, AttrValue>, manager: string | null): void {
  if (applied !== NOT_KEPT) applied.manager = manager;
}

/** The manager write added to a plan, changed in place (`p` is a draft or a copy). */
function withManagerWrite(
  p: PersonPlan,
  write: PlannedWrite,
  old: string | null,
  desired: string | null,
): PersonPlan {
  const plan = p as Mutable<PersonPlan>;
  const item = plan.item as Mutable<RunItem>;
  if (item.action === 'no-change') item.action = 'update';
  item.changes = appended(item.changes, { attribute: 'manager', old, new: desired });
  item.steps = appended(item.steps, because('plan', { code: 'manager', old, new: desired }));
  plan.writes = appended(plan.writes, write);
  recordManager(p, desired);
  return p;
}

/** A warning added to a plan, changed in place (`p` is a draft). */
function withWarning(p: PersonPlan, reason: StepReason): PersonPlan {
  const item = p.item as Mutable<RunItem>;
  if (item.status === 'success') item.status = 'warning';
  item.steps = appended(item.steps, because('plan', reason, 'warning'));
  return p;
}

/** The plan itself when the planner may still change it, else a copy it may change. */
function draftOf(p: PersonPlan): PersonPlan {
  return Object.isFrozen(p.item) ? copyOf(p) : p;
}

function copyOf(p: PersonPlan): PersonPlan {
  return { ...p, item: { ...p.item } };
}

/**
 * The list with one more element, at its final length: a spread (`[...list, x]`) leaves room for
 * sixteen more, and a quarter of the persons get a manager.
 */
function appended<T>(list: readonly T[], x: T): T[] {
  const out = new Array<T>(list.length + 1);
  for (let i = 0; i < list.length; i++) out[i] = list[i] as T;
  out[list.length] = x;
  return out;
}
