/**
 * The API contract: endpoints, their schemas, the audit actions and the state tables. A leaf: the
 * server, the console and the CLI import it; it imports only the pure core vocabulary.
 */
export * from './activation-gate.ts';
export * from './attribute-labels.ts';
export * from './audit-actions.ts';
export * from './audit-sentences.ts';
export * from './config-steps.ts';
export * from './connection-states.ts';
export * from './date-time.ts';
export * from './endpoint.ts';
export * from './endpoints/index.ts';
export * from './error-titles.ts';
export * from './field-words.ts';
export * from './item-reasons.ts';
export * from './keyword-words.ts';
export * from './pattern-words.ts';
export * from './person-actions.ts';
export * from './run-outcomes.ts';
export * from './run-phases.ts';
export * from './run-states.ts';
export * from './schedule-words.ts';
export * from './schemas/access.ts';
export * from './schemas/agents.ts';
export * from './schemas/audit.ts';
export * from './schemas/common.ts';
export * from './schemas/connections.ts';
export * from './schemas/entitlements.ts';
export * from './schemas/invitations.ts';
export * from './schemas/microsoft-sign-in.ts';
export * from './schemas/notifications.ts';
export * from './schemas/overrides.ts';
export * from './schemas/persons.ts';
export * from './schemas/previews.ts';
export * from './schemas/runs.ts';
export * from './schemas/second-factor.ts';
export * from './schemas/settings.ts';
export * from './schemas/tenants.ts';
export * from './target-refusals.ts';
export * from './wall-clock.ts';
export * from './words.ts';
