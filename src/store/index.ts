/** The store's front door: open a database, and the records it hands out. */
export type { DialectName } from './context.ts';
export type { OpenStoreOptions } from './open.ts';
export { dialectOf, openStore, readiness, systemClock } from './open.ts';
export * from './records.ts';
export type {
  AgentOperation,
  AgentOperationState,
  CompleteOutcome,
} from './repositories/agent-operations.ts';
export type { AgentIdentity, RedeemResult } from './repositories/agents.ts';
export type { AuditQuery, NewAuditEvent } from './repositories/audit.ts';
export type { ConnectionListEntry, ConnectionQuery, ConnectionSort } from './repositories/connections.ts';
export { CONNECTION_SORTS } from './repositories/connections.ts';
export type { Invitation, InvitationStatus } from './repositories/invitations.ts';
export type {
  MicrosoftSignInSettings,
  RoleMapping,
  SignInAttempt,
} from './repositories/microsoft-sign-in.ts';
export type {
  ConnectionNotifications,
  NotificationEventKind,
  NotificationRules,
  OrganisationNotifications,
  OverrideMode,
  SmtpRecord,
  SmtpSecurity,
  WebhookFormat,
  WebhookRecord,
} from './repositories/notification-settings.ts';
export {
  DEFAULT_CONNECTION_NOTIFICATIONS,
  DEFAULT_ORGANISATION_NOTIFICATIONS,
} from './repositories/notification-settings.ts';
export type { PruneResult } from './repositories/retention.ts';
export { namedIn } from './repositories/run-item-refs.ts';
export type { RunItemQuery, RunItemSort } from './repositories/run-items.ts';
export { RUN_ITEM_SORTS } from './repositories/run-items.ts';
export type { ExpiredLeases, RunResult } from './repositories/run-queue.ts';
export { LEASE_EXPIRED_CODE } from './repositories/run-queue.ts';
export type { SecondFactor } from './repositories/second-factors.ts';
export type { TenantFields } from './repositories/tenants.ts';
export { loadOrCreateKeyFile, parseSecretKey } from './secret-box.ts';
export { isUniqueViolation } from './sql-errors.ts';
export { Store } from './store.ts';
export { TENANT_MEMORY_ACCOUNTS } from './tenant-memory.ts';
