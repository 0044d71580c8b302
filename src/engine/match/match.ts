/**
 * match: find the existing account for a person. A stored link wins; otherwise the matching
 * attributes are tried in precedence order and the first attribute with any candidate decides:
 * exactly one → match, more than one → conflict (never a guess). Accounts already linked to someone
 * else are never taken over.
 */
import type { Account, AttrValue, Link } from '../../core/index.ts';
import type { AccountIndex } from './account-index.ts';

export type MatchResult =
  | { readonly kind: 'linked'; readonly account: Account; readonly message: string }
  | { readonly kind: 'matched'; readonly account: Account; readonly message: string }
  | { readonly kind: 'none'; readonly message: string; readonly staleLink: boolean }
  | { readonly kind: 'conflict'; readonly candidates: readonly Account[]; readonly message: string };

export interface MatchInput {
  readonly employeeNumber: string;
  readonly link: Link | undefined;
  /** Values to match on, per matching attribute, in precedence order. */
  readonly values: readonly { readonly attribute: string; readonly value: AttrValue }[];
  readonly index: AccountIndex;
  /** account id → employee number, for every stored link. */
  readonly owners: ReadonlyMap<string, string>;
}

export function matchPerson(input: MatchInput): MatchResult {
  const { link, index, owners, employeeNumber } = input;
  let staleLink = false;
  if (link) {
    const account = index.byId.get(link.accountId);
    if (account)
      return { kind: 'linked', account, message: `linked to account ${account.id} since ${link.linkedAt}` };
    staleLink = true;
  }
  const tried: string[] = [];
  for (const { attribute, value } of input.values) {
    if (value === null || value === '' || Array.isArray(value)) {
      tried.push(`${attribute} (no value)`);
      continue;
    }
    const candidates = index.find(attribute, String(value));
    if (candidates.length === 0) {
      tried.push(`${attribute} = "${value}"`);
      continue;
    }
    if (candidates.length > 1) {
      return {
        kind: 'conflict',
        candidates,
        message: `${candidates.length} accounts have ${attribute} = "${value}": ${candidates.map((c) => c.id).join(', ')}`,
      };
    }
    const account = candidates[0] as Account;
    const owner = owners.get(account.id);
    if (owner !== undefined && owner !== employeeNumber) {
      return {
        kind: 'conflict',
        candidates,
        message: `account ${account.id} matches on ${attribute} = "${value}" but is linked to employee ${owner}`,
      };
    }
    return {
      kind: 'matched',
      account,
      message: `matched account ${account.id} on ${attribute} = "${value}"`,
    };
  }
  const prefix = staleLink ? `linked account ${link?.accountId} no longer exists; ` : '';
  return {
    kind: 'none',
    staleLink,
    message: `${prefix}no account found (tried ${tried.join(', ') || 'nothing'})`,
  };
}
