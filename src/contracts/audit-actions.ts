/**
 * Every audit action, named once. Endpoints declare which of these they record (endpoint.ts), the
 * worker and scheduler use the run and account ones, and the console filters by them.
 */
export const AUDIT_ACTIONS = [
  'session.signed-in',
  'session.signed-out',
  'session.locked-out',
  'user.created',
  'user.updated',
  'token.created',
  'token.revoked',
  'organisation.updated',
  'customer.created',
  'customer.renamed',
  'customer.deleted',
  'tenant.created',
  'tenant.updated',
  'tenant.deleted',
  'tenant.credentials-tested',
  'connection.created',
  'connection.copied',
  'connection.updated',
  'connection.deleted',
  'connection.step-saved',
  'connection.source-tested',
  'connection.expression-tested',
  'connection.state-changed',
  'connection.schedule-changed',
  'run.queued',
  'run.started',
  'run.requeued',
  'run.finished',
  'run.blocked',
  'run.approved',
  'run.discarded',
  'run.cancelled',
  'account.create',
  'account.update',
  'account.enable',
  'account.disable',
  'account.delete',
  'account.write-back',
  'settings.retention-changed',
  'agent.registration-created',
  'agent.registered',
  'agent.revoked',
  'agent.connected',
  'agent.operation-answered',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'refused'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
