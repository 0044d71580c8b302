/**
 * The console's one door to the service's API contracts (STYLE.md principle 8). Paths, methods,
 * access levels, DTO types and the state tables all come from src/contracts, so a changed endpoint
 * breaks this build instead of failing at run time in someone's browser.
 */
export * from '../../../src/contracts/index.ts';
export {
  LIST_LIMITS,
  NAMING_SCHEMES,
  type NamingScheme,
  PRIMARY_CRITERIA,
  type PrimaryCriterion,
  SCOPE_LIMITS,
  SCOPE_OPERATORS,
  type ScopeOperator,
} from '../../../src/core/config/schema.ts';
export { ERROR_CATALOGUE, type ErrorCode } from '../../../src/core/errors.ts';
export type { StepName } from '../../../src/core/plan.ts';
export type {
  Action,
  ConnectionState,
  ItemStatus,
  Role,
  RunKind,
  RunOutcome,
  RunPhase,
  RunStatus,
  ScheduleUnit,
  TenantType,
} from '../../../src/core/vocabulary.ts';
export {
  ACTIONS,
  CONNECTION_STATES,
  ITEM_STATUSES,
  ROLES,
  RUN_PHASES,
  RUN_STATUSES,
  SCHEDULE_LIMITS,
  SCHEDULE_UNITS,
  TENANT_TYPES,
} from '../../../src/core/vocabulary.ts';
