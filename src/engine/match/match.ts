/**
 * match: find the existing account for a person. A stored link wins; otherwise the matching
 * attributes are tried in precedence order and the first attribute with any candidate decides:
 * exactly one → match, more than one → conflict (never a guess). Accounts already linked to someone
 * else are never taken over. An operator's override decides before any of that: a `link` override
 * names the account, and accounts the person must never match are left out of the candidates (and a
 * stored link to one is dropped).
 */
import type { Account, AttrValue, Link, MatchOverride, MatchTry, StepReason } from '../../core/index.ts';
import type { AccountIndex } from './account-index.ts';

/** `message` is the matcher's own detail; `reason` the same as data, put into words where shown. */
export type MatchResult = (
  | Linked
  | Matched
  | { readonly kind: 'none'; readonly staleLink: boolean; readonly reason: NoneReason }
  | { readonly kind: 'conflict'; readonly candidates: readonly Account[]; readonly reason: StepReason }
) & { readonly message: string };

/** Why a person has an account: a stored (or override's) link, or a match. */
export type FoundReason = Extract<StepReason, { readonly code: 'linked' | 'matched' }>;

/**
 * A matched person, as nearly every person of a first run is: the reason's fields are the result's
 * own, and the reason (and the message) are made from them when read. The planner makes the person's
 * match step from the fields (plan-steps.ts MatchedStep), so no reason object is made for the
 * person at all: it was one of the objects of every person kept with the run's items.
 */
export class Matched {
  get kind(): 'matched' {
    return 'matched';
  }

  constructor(
    readonly account: Account,
    readonly attribute: string | null,
    readonly value: string | null,
    readonly unlinked: string | null,
  ) {}

  get reason(): MatchedReason {
    return matchedReason(this.account.id, this.attribute, this.value, this.unlinked);
  }

  get message(): string {
    return foundDetail(this.reason);
  }
}

/** A linked person, as nearly every person of a later run is: as Matched, for a stored link. */
export class Linked {
  get kind(): 'linked' {
    return 'linked';
  }

  constructor(
    readonly account: Account,
    readonly since: string | null,
    readonly override: boolean,
  ) {}

  get reason(): LinkedReason {
    return linkedReason(this.account.id, this.since, this.override);
  }

  get message(): string {
    return foundDetail(this.reason);
  }
}

export type MatchedReason = Extract<StepReason, { readonly code: 'matched' }>;
export type LinkedReason = Extract<StepReason, { readonly code: 'linked' }>;

/** A matched person's reason, its keys in the order the store and the items' JSON have them. */
export const matchedReason = (
  account: string,
  attribute: string | null,
  value: string | null,
  unlinked: string | null,
): MatchedReason => ({ code: 'matched', account, attribute, value, unlinked });

/** A linked person's reason, its keys in the order the store and the items' JSON have them. */
export const linkedReason = (account: string, since: string | null, override: boolean): LinkedReason => ({
  code: 'linked',
  account,
  since,
  override,
});

/** The matcher's detail of a linked or matched person, from its reason (see Found). */
export function foundDetail(reason: FoundReason): string {
  if (reason.code === 'linked')
    return reason.since === null || reason.override
      ? `linked to account ${reason.account} by an override`
      : linkedMessage(reason.account, reason.since);
  if (reason.attribute === null) return `matched account ${reason.account} by an override`;
  const prefix =
    reason.unlinked === null ? '' : `the link to account ${reason.unlinked} is removed by an override; `;
  return matchedMessage(prefix, reason.account, reason.attribute, reason.value ?? '');
}

/** Why no account was found for a person. */
export type NoneReason = Extract<StepReason, { readonly code: 'no-account' }>;

/**
 * A person no account was found for (every create): the message is made from the reason when read, as
 * Found's is. It was made for each such person, with a list of what was tried, and kept in their item.
 */
class NotFound {
  readonly kind = 'none';

  constructor(
    readonly staleLink: boolean,
    readonly reason: NoneReason,
  ) {}

  get message(): string {
    return noneDetail(this.reason);
  }
}

/** The matcher's detail of a person no account was found for, from its reason (see NotFound). */
export function noneDetail(reason: NoneReason): string {
  const stale = reason.staleLink;
  const prefix =
    stale === null
      ? ''
      : reason.unlinkedByOverride
        ? `the link to account ${stale} is removed by an override; `
        : `linked account ${stale} no longer exists; `;
  let tried = '';
  for (const t of reason.tried) {
    const text =
      t.value === null
        ? `${t.attribute} (no value)`
        : `${t.attribute} = "${t.value}"${t.leftOut > 0 ? ` (${t.leftOut} account(s) left out by an override)` : ''}`;
    tried = tried === '' ? text : `${tried}, ${text}`;
  }
  return `${prefix}no account found (tried ${tried || 'nothing'})`;
}

/** The matcher's detail of any match step's reason: found (linked, matched) or not. */
export const matchDetail = (reason: FoundReason | NoneReason): string =>
  reason.code === 'no-account' ? noneDetail(reason) : foundDetail(reason);

export interface MatchInput {
  readonly employeeNumber: string;
  readonly link: Link | undefined;
  /** Values to match on, per matching attribute, in precedence order. */
  readonly values: readonly { readonly attribute: string; readonly value: AttrValue }[];
  readonly index: AccountIndex;
  /** account id → employee number, for every stored link. */
  readonly owners: ReadonlyMap<string, string>;
  /** The operator's `link` override for this person. */
  readonly linkOverride?: MatchOverride | undefined;
  /** Accounts this person must not match: `never-match` overrides and accounts linked to others by override. */
  readonly refused?: ReadonlySet<string> | undefined;
  /**
   * A result the matcher refills for a matched person instead of making one (newMatched): for a
   * caller that reads the result before its next call and keeps none of it, as the planner does for
   * each of a first run's ~45,000 matched persons.
   */
  readonly scratch?: Matched | undefined;
}

/** A matched result: `scratch` refilled when given (see MatchInput.scratch), else a new one. */
export function newMatched(
  scratch: Matched | undefined,
  account: Account,
  attribute: string | null,
  value: string | null,
  unlinked: string | null,
): Matched {
  if (scratch === undefined) return new Matched(account, attribute, value, unlinked);
  const m = scratch as { -readonly [K in 'account' | 'attribute' | 'value' | 'unlinked']: Matched[K] };
  m.account = account;
  m.attribute = attribute;
  m.value = value;
  m.unlinked = unlinked;
  return scratch;
}

export function matchPerson(input: MatchInput): MatchResult {
  const { link, index, owners, employeeNumber } = input;
  const refused = input.refused ?? NONE;
  let staleLink = false;
  const forced = input.linkOverride;
  if (forced?.accountId) {
    const account = index.byId.get(forced.accountId);
    if (!account)
      return {
        kind: 'conflict',
        candidates: [],
        message: `an override links this person to account ${forced.accountId}, which is no longer in the tenant; remove the override or link another account`,
        reason: { code: 'override-account-gone', account: forced.accountId },
      };
    return link?.accountId === account.id
      ? new Linked(account, null, true)
      : new Matched(account, null, null, null);
  }
  // A stored link an override refuses is dropped (the person is then matched as if unlinked).
  const unlinked = link !== undefined && refused.has(link.accountId);
  if (unlinked) staleLink = true;
  else if (link) {
    const account = index.byId.get(link.accountId);
    if (account) return new Linked(account, link.linkedAt, false);
    staleLink = true;
  }
  // Made only when an attribute finds nobody: most persons match on their first attribute.
  let triedValues: MatchTry[] | undefined;
  // An indexed loop: for-of makes an iterator per person.
  const values = input.values;
  for (let i = 0; i < values.length; i++) {
    const { attribute, value } = values[i] as MatchInput['values'][number];
    if (value === null || value === '' || Array.isArray(value)) {
      triedValues ??= [];
      triedValues.push({ attribute, value: null, leftOut: 0 });
      continue;
    }
    const text = String(value);
    const entry = index.entry(attribute, text);
    let account: Account;
    let candidates: readonly Account[] | undefined;
    if (entry !== undefined && !Array.isArray(entry) && !refused.has((entry as Account).id)) {
      // One account, not refused, as nearly every match is: no list of candidates is made.
      account = entry as Account;
    } else {
      const found: readonly Account[] =
        entry === undefined ? NO_ACCOUNTS : Array.isArray(entry) ? entry : [entry as Account];
      candidates = refused.size === 0 ? found : found.filter((a) => !refused.has(a.id));
      if (candidates.length === 0) {
        triedValues ??= [];
        triedValues.push({ attribute, value: text, leftOut: found.length });
        continue;
      }
      if (candidates.length > 1) {
        return {
          kind: 'conflict',
          candidates,
          message: `${candidates.length} accounts have ${attribute} = "${text}": ${candidates.map((c) => c.id).join(', ')}`,
          reason: { code: 'conflict', attribute, value: text, accounts: candidates.map((c) => c.id) },
        };
      }
      account = candidates[0] as Account;
    }
    // A stored link beats any match. Persons of this run who match one account contest it by the
    // strength of their match, once all are matched (plan/account-claims.ts, contestedConflict).
    const owner = owners.get(account.id);
    if (owner !== undefined && owner !== employeeNumber) {
      return {
        kind: 'conflict',
        candidates: candidates ?? [account],
        message: `account ${account.id} matches on ${attribute} = "${text}" but is linked to employee ${owner}`,
        reason: {
          code: 'conflict-linked-elsewhere',
          account: account.id,
          attribute,
          value: text,
          owner,
        },
      };
    }
    return newMatched(input.scratch, account, attribute, text, unlinked ? (link?.accountId ?? null) : null);
  }
  return new NotFound(staleLink, {
    code: 'no-account',
    tried: triedValues ?? [],
    staleLink: staleLink ? (link?.accountId ?? null) : null,
    unlinkedByOverride: unlinked,
  });
}

/**
 * A person of this run who matched an account that another person of the run matched more strongly
 * (`ownerAttribute` earlier in the matching order) or as strongly (a tie: neither gets it). Null
 * attributes are an override's link, which no rule beats.
 */
export function contestedConflict(
  account: Account,
  attribute: string | null,
  value: string | null,
  owner: string,
  ownerAttribute: string | null,
  tie: boolean,
): Extract<MatchResult, { readonly kind: 'conflict' }> {
  const mine = attribute === null ? 'by an override' : `on ${attribute} = "${value ?? ''}"`;
  const theirs = ownerAttribute === null ? 'by an override' : `on ${ownerAttribute}`;
  return {
    kind: 'conflict',
    candidates: [account],
    message: tie
      ? `account ${account.id} matches ${mine}, as it does for employee ${owner} of this run on the same matching attribute: a tie, so neither is linked (one account is linked to one person; link one of them with an override)`
      : `account ${account.id} matches ${mine}, but employee ${owner} of this run matches it ${theirs}, earlier in the matching order (one account is linked to one person)`,
    reason: {
      code: 'conflict-linked-elsewhere',
      account: account.id,
      attribute: attribute ?? '',
      value: value ?? '',
      owner,
      inRun: true,
      ...(ownerAttribute === null ? {} : { ownerAttribute }),
      ...(tie ? { tie: true } : {}),
    },
  };
}

/**
 * The messages every matched or linked person's item keeps, each as one flat string: `+` and template
 * literals leave a chain of pieces (six objects for the match, twice the bytes of its text) that every
 * garbage collection copies until the run's items are dropped, where join() writes the text out once.
 * The lists are filled in place for each message (no list per person).
 */
const MATCHED = ['', 'matched account ', '', ' on ', '', ' = "', '', '"'];
const LINKED = ['linked to account ', '', ' since ', ''];

function matchedMessage(prefix: string, accountId: string, attribute: string, value: string): string {
  MATCHED[0] = prefix;
  MATCHED[2] = accountId;
  MATCHED[4] = attribute;
  MATCHED[6] = value;
  return MATCHED.join('');
}

function linkedMessage(accountId: string, since: string): string {
  LINKED[1] = accountId;
  LINKED[3] = since;
  return LINKED.join('');
}

const NONE: ReadonlySet<string> = new Set();
const NO_ACCOUNTS: readonly Account[] = Object.freeze([]);
