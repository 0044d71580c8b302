/**
 * The product's vocabulary, named once (DESIGN.md §2). Every other module imports these lists
 * instead of spelling the strings again.
 */
export const ACTIONS = [
  'create',
  'update',
  'enable',
  'disable',
  'delete',
  'no-change',
  'out-of-scope',
  'conflict',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ITEM_STATUSES = ['success', 'failed', 'skipped', 'warning', 'blocked'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const RUN_KINDS = ['simulation', 'sync', 'on-demand'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export const RUN_STATUSES = [
  'queued',
  'running',
  'blocked',
  'succeeded',
  'failed',
  'cancelled',
  'discarded',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * What a finished run means, in one vocabulary for the API, the CLI (exit codes), the console's
 * badges and the audit log (contracts/run-outcomes.ts derives it from the status and item counts).
 */
export const RUN_OUTCOMES = [
  'succeeded',
  'succeeded-with-warnings',
  'completed-with-failures',
  'blocked',
  'failed',
  'cancelled',
] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** The phases of a run as its progress reports them (the console and CLI say them in words). */
export const RUN_PHASES = ['read-source', 'read-target', 'plan', 'apply', 'record'] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

export const CONNECTION_STATES = ['draft', 'simulation', 'active', 'deactivated'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const TENANT_TYPES = ['cloud', 'hybrid'] as const;
export type TenantType = (typeof TENANT_TYPES)[number];

export const LIFECYCLES = ['pre-hire', 'active', 'leaver', 'gone', 'future', 'no-employment'] as const;
/**
 * pre-hire: starts within the lead days; future: starts later than that; active: employed today;
 * leaver: ended, still within the grace days; gone: ended longer ago; no-employment: no rows at all.
 */
export type Lifecycle = (typeof LIFECYCLES)[number];

/**
 * A schedule's units, each with the most an interval may be in it: a week of hours, a year of days
 * or of weeks. The service's check, its schema and the console's field all read this one table.
 */
export const SCHEDULE_LIMITS = { hours: 168, days: 365, weeks: 52 } as const;
export type ScheduleUnit = keyof typeof SCHEDULE_LIMITS;
export const SCHEDULE_UNITS = Object.keys(SCHEDULE_LIMITS) as readonly ScheduleUnit[];

export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
