/**
 * A person whose match is a conflict: nothing is written or linked. In scope it is a failure that
 * names the accounts; out of scope only a linked account is ever acted on, and a conflict has none, so
 * the ambiguity blocks nothing this connection would do: it is not a finding (nor an activation blocker).
 */
import type { RunStep } from '../../core/index.ts';
import type { MatchResult } from '../match/index.ts';
import { because, withReason } from './plan-steps.ts';
import { bare, draftItem, type PersonPlan } from './types.ts';

export function conflictPlan(
  n: string,
  name: string,
  read: RunStep,
  scoped: RunStep,
  inScope: boolean,
  match: Extract<MatchResult, { readonly kind: 'conflict' }>,
): PersonPlan {
  if (!inScope) {
    const steps = [
      read,
      scoped,
      withReason(
        'match',
        `${match.message}; left alone because the person is out of scope`,
        match.reason,
        'skipped',
      ),
      because('plan', { code: 'out-of-scope-left', account: false }),
    ];
    return bare(draftItem(n, name, 'out-of-scope', 'skipped', null, [], steps));
  }
  const steps = [read, scoped, withReason('match', match.message, match.reason, 'failed')];
  const error = {
    code: 'HRS_MATCH_AMBIGUOUS',
    message: match.message,
    accounts: match.candidates.map((c) => c.id),
  };
  return bare(draftItem(n, name, 'conflict', 'failed', null, [], steps, error));
}
