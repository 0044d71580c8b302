export { AccountIndex, normaliseKey } from './account-index.ts';
export { type MatchInput, type MatchResult, matchPerson } from './match.ts';
