export { AccountIndex, type KeyHash, KeySet, keyHashOf, normaliseKey } from './account-index.ts';
export { hashOf, KeyTable, prefixHash } from './key-table.ts';
export {
  contestedConflict,
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
