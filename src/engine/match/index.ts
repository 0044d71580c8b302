export { AccountIndex, normaliseKey } from './account-index.ts';
export {
  type FoundReason,
  foundDetail,
  Linked,
  type LinkedReason,
  linkedReason,
  Matched,
  type MatchedReason,
  type MatchInput,
  type MatchResult,
  matchDetail,
  matchedReason,
  matchPerson,
  type NoneReason,
  noneDetail,
} from './match.ts';
