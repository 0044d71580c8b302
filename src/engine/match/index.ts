export { AccountIndex, normaliseKey } from './account-index.ts';
export {
  type FoundReason,
  foundDetail,
  type MatchInput,
  type MatchResult,
  matchDetail,
  matchPerson,
  type NoneReason,
  noneDetail,
} from './match.ts';
