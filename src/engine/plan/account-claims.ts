/**
 * One account, one person — decided by the strength of the match, never by the order AFAS sends the
 * persons in. Persons of one run who match the same account (namesakes, a leaver and a newcomer who
 * share a mail address) contest it: the claim on the earlier attribute of the connection's matching
 * order wins (an override's link before any attribute; a stored link never gets here, matchPerson
 * refuses an account linked to someone else); a tie on one attribute gives it to nobody, and each
 * tied person is a conflict naming the other, as Entra's DuplicateSourceEntries and midPoint's
 * "disputed" situation do. Persons out of scope claim too: what they match says whose account it is
 * (a leaver's account, found by their employee id, is not handed to a newcomer found by mail), but
 * winning gives them nothing to write.
 *
 * One pass: each matched person costs one lookup and one small-integer entry (plan index and rank
 * packed into one number, no object). A later person who matches an account already claimed is a
 * conflict at once when the claim holding it is as strong or stronger, and takes it over when it is
 * weaker; either way the account is noted as contested. Once everyone is planned the few contested
 * accounts are settled (settleContests): every claimant but the winner is planned as a conflict
 * with the final owner's name, whatever they were planned as when they came.
 */
import type { Account } from '../../core/index.ts';
import { type AccountIndex, contestedConflict, type MatchResult } from '../match/index.ts';
import { conflictPlan } from './conflict-plan.ts';
import type { PersonPlan } from './types.ts';

/** The connection's matching attributes, in precedence order. */
type MatchingOrder = readonly { readonly attribute: string }[];

/** A claim's rank: 0 for an override's link, 1 + the attribute's place in the matching order. */
export function rankOf(matchOn: MatchingOrder, attribute: string | null): number {
  if (attribute === null) return 0;
  for (let i = 0; i < matchOn.length; i++)
    if ((matchOn[i] as MatchingOrder[number]).attribute === attribute) return i + 1;
  return matchOn.length + 1;
}

/** The attribute of a rank: null for an override's link. */
export function attributeOf(matchOn: MatchingOrder, rank: number): string | null {
  return rank === 0 ? null : ((matchOn[rank - 1] as MatchingOrder[number] | undefined)?.attribute ?? null);
}

export class AccountClaims {
  /** Ranks per plan index in a packed claim: `at * ranks + rank`. */
  private readonly ranks: number;
  /** account id → the claim holding it so far (packed). */
  private readonly holders = new Map<string, number>();
  /** account id → every claim on it (packed), for the accounts two or more persons claim: few or none. */
  private contested: Map<string, number[]> | undefined;
  /** The rank of the claim the last losing claim() lost to. */
  lostTo = 0;

  constructor(matchOn: MatchingOrder) {
    this.ranks = matchOn.length + 2;
  }

  /**
   * The person planned at `at` matched `accountId` on `rank`: -1 when they hold it (for now), else
   * the plan index of the claim they lose to (for now: settled by settleContests), whose rank is
   * then `lostTo`.
   */
  claim(accountId: string, at: number, rank: number): number {
    const mine = at * this.ranks + rank;
    const held = this.holders.get(accountId);
    if (held === undefined) {
      this.holders.set(accountId, mine);
      return -1;
    }
    this.contested ??= new Map();
    const claims = this.contested.get(accountId);
    if (claims === undefined) this.contested.set(accountId, [held, mine]);
    else claims.push(mine);
    if (rank < held % this.ranks) {
      this.holders.set(accountId, mine);
      return -1;
    }
    this.lostTo = held % this.ranks;
    return Math.floor(held / this.ranks);
  }

  /** Whether any account was claimed twice: only then is there anything to settle. */
  get anyContested(): boolean {
    return this.contested !== undefined;
  }

  /** The contested accounts, each with its claims as plan index and rank. */
  *contests(): Generator<[string, { at: number; rank: number }[]]> {
    for (const [accountId, packed] of this.contested ?? [])
      yield [accountId, packed.map((c) => ({ at: Math.floor(c / this.ranks), rank: c % this.ranks }))];
  }
}

/**
 * Once everyone is planned: each contested account goes to its single strongest claimant (already
 * planned as its holder); every other claimant becomes a conflict naming the winner, or, on a tie,
 * the other tied person (the lowest employee number among them). `takenFrom` is told the plan index
 * of each claimant that was planned with the account and loses it (its account is to be un-counted).
 * Returns whether any plan was replaced.
 */
export function settleContests(
  claims: AccountClaims,
  plans: PersonPlan[],
  index: AccountIndex,
  matchOn: MatchingOrder,
  takenFrom: (at: number) => void,
): boolean {
  let replaced = false;
  for (const [accountId, contest] of claims.contests()) {
    const account = index.byId.get(accountId) as Account;
    const claimants = contest.map(({ at, rank }) => claimantOf(plans, at, rank));
    let best = Number.POSITIVE_INFINITY;
    for (const c of claimants) if (c.rank < best) best = c.rank;
    const strongest = claimants
      .filter((c) => c.rank === best)
      .sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
    const winner = strongest.length === 1 ? strongest[0] : undefined;
    const ownerAttribute = attributeOf(matchOn, best);
    for (const c of claimants) {
      if (c === winner) continue;
      const tied = winner === undefined && c.rank === best;
      const owner = tied
        ? (strongest.find((s) => s !== c) as Claimant)
        : (winner ?? (strongest[0] as Claimant));
      const conflict = contestedConflict(account, c.attribute, c.value, owner.n, ownerAttribute, tied);
      if (c.held) takenFrom(c.at);
      plans[c.at] = rebuilt(c, conflict);
      replaced = true;
    }
  }
  return replaced;
}

interface Claimant {
  readonly at: number;
  readonly rank: number;
  readonly n: string;
  readonly plan: PersonPlan;
  readonly attribute: string | null;
  readonly value: string | null;
  /** Planned with the account (it held the account when planned), not as a conflict. */
  readonly held: boolean;
}

/** A claimant as their plan shows them: a match step with the account, or a conflict for it. */
function claimantOf(plans: readonly PersonPlan[], at: number, rank: number): Claimant {
  const plan = plans[at] as PersonPlan;
  const reason = plan.item.steps.find((s) => s.step === 'match')?.reason;
  if (reason?.code === 'matched' || reason?.code === 'conflict-linked-elsewhere')
    return {
      at,
      rank,
      n: plan.item.employeeNumber,
      plan,
      attribute: reason.attribute,
      value: reason.value,
      held: reason.code === 'matched',
    };
  throw new Error(`the plan of employee ${plan.item.employeeNumber} claims an account but shows no match`);
}

/** A claimant's plan as a conflict: their read and scope steps kept, the match step the conflict's. */
function rebuilt(c: Claimant, conflict: Extract<MatchResult, { readonly kind: 'conflict' }>): PersonPlan {
  const item = c.plan.item;
  const read = item.steps.find((s) => s.step === 'read');
  const scoped = item.steps.find((s) => s.step === 'scope');
  if (read === undefined || scoped === undefined)
    throw new Error(`the plan of employee ${item.employeeNumber} has no read or scope step`);
  return conflictPlan(
    item.employeeNumber,
    item.displayName,
    read,
    scoped,
    scoped.status === 'success',
    conflict,
  );
}
