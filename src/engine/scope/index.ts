export { compileScope, type ScopeDecision, type ScopeFn, validateScope } from './scope.ts';
