/**
 * Audit events as sentences an administrator reads at a glance ("Jan Bakker activated the
 * connection “Contoso HR”"), with the actor as a person, an API token or "Scheduled run" rather
 * than a process name. The raw action, message and details stay one click away (the console's event
 * panel, the CLI's --json). The console's audit log and `hrsync audit list` both say them from here.
 */
import type { Static } from '@sinclair/typebox';
import type { RunKind, RunOutcome } from '../core/vocabulary.ts';
import type { AuditAction } from './audit-actions.ts';
import { RUN_OUTCOME_INFO } from './run-outcomes.ts';
import type { AuditEventDto } from './schemas/audit.ts';

type AuditEvent = Static<typeof AuditEventDto>;

type Phrase = (object: string, e: AuditEvent) => string;

const conn = (e: AuditEvent): string =>
  e.connection ? `the connection “${e.connection.name ?? e.connection.id}”` : 'a connection';
const of = (e: AuditEvent): string => (e.connection ? ` of “${e.connection.name ?? e.connection.id}”` : '');
const person = (e: AuditEvent): string => (e.person ? ` of ${e.person}` : '');

const RUN_NOUNS: Readonly<Record<RunKind, string>> = {
  simulation: 'a simulation',
  sync: 'a sync',
  'on-demand': 'an on-demand sync',
};
/**
 * "a simulation", "a sync": the run's kind from the event's details, or from the worker's message
 * ("simulation run started"), which carries no details; "a run" when neither says.
 */
function run(e: AuditEvent): string {
  const kind = typeof e.details.kind === 'string' ? e.details.kind : /^([\w-]+) run\b/.exec(e.message)?.[1];
  return kind !== undefined && Object.hasOwn(RUN_NOUNS, kind) ? RUN_NOUNS[kind as RunKind] : 'a run';
}
const outcomeOf = (e: AuditEvent): RunOutcome | undefined =>
  typeof e.details.outcome === 'string' && Object.hasOwn(RUN_OUTCOME_INFO, e.details.outcome)
    ? (e.details.outcome as RunOutcome)
    : undefined;

/**
 * What the actor did, per action; `object` is the connection phrase where one applies. Keyed by every
 * audit action, so a new one does not compile until it reads as a sentence here.
 */
const PHRASES: Readonly<Record<AuditAction, Phrase>> = {
  'session.signed-in': () => 'signed in',
  'session.signed-out': () => 'signed out',
  'session.locked-out': () => 'was locked out after too many failed sign-ins',
  'user.created': () => 'added a user',
  'user.updated': () => 'changed a user',
  'user.second-factor-enrolment-started': () => 'started setting up a second factor',
  'user.second-factor-enabled': () => 'turned on a second factor for their account',
  'user.second-factor-disabled': () => 'turned off the second factor of their account',
  'user.recovery-codes-renewed': () => 'made new recovery codes',
  'user.second-factor-reset': () => 'reset a user’s second factor',
  'token.created': () => 'created an API token',
  'token.revoked': () => 'revoked an API token',
  'organisation.updated': () => 'changed the organisation’s settings',
  'organisation.sign-in-changed': () => 'changed how people sign in with Microsoft',
  'organisation.sign-in-tested': () => 'tested the sign-in with Microsoft',
  'invitation.created': () => 'invited a colleague',
  'invitation.resent': () => 'sent an invitation again',
  'invitation.revoked': () => 'withdrew an invitation',
  'invitation.accepted': () => 'accepted an invitation',
  'invitation.opened': () => 'opened an invitation link',
  'customer.created': () => 'added a customer',
  'customer.renamed': () => 'renamed a customer',
  'customer.deleted': () => 'removed a customer',
  'tenant.created': () => 'registered a tenant',
  'tenant.updated': () => 'changed a tenant',
  'tenant.deleted': () => 'removed a tenant',
  'tenant.credentials-tested': () => 'tested a tenant’s credentials',
  'connection.created': (o) => `created ${o}`,
  'connection.copied': (o) => `copied ${o}`,
  'connection.updated': (o) => `renamed or re-described ${o}`,
  'connection.deleted': (o) => `deleted ${o}`,
  'connection.step-saved': (o) => `saved a configuration step of ${o}`,
  'connection.source-tested': (o) => `tested the AFAS connection of ${o}`,
  'connection.expression-tested': (o) => `tried an expression in ${o}`,
  'connection.state-changed': (o, e) =>
    /activated anyway/.test(e.message)
      ? `activated ${o} anyway`
      : /deactivated/.test(e.message)
        ? `deactivated ${o}`
        : /activated/.test(e.message)
          ? `activated ${o}`
          : `changed the state of ${o}`,
  'connection.schedule-changed': (o) => `changed the schedule of ${o}`,
  'connection.previewed': (o) => `previewed unsaved changes to ${o}`,
  'connection.override-added': (o, e) => `added an override${person(e)} to ${o}`,
  'connection.override-removed': (o, e) => `removed an override${person(e)} from ${o}`,
  'connection.quarantine-released': (o, e) =>
    e.person ? `released ${e.person} from quarantine in ${o}` : `released the quarantined persons of ${o}`,
  'run.queued': (_, e) => `asked for a run${of(e)}`,
  'run.started': (_, e) => `started ${run(e)}${of(e)}`,
  'run.requeued': (_, e) => `picked up an interrupted run${of(e)} again`,
  'run.finished': (_, e) => `finished ${run(e)}${of(e)}`,
  'run.blocked': (_, e) => `stopped a run${of(e)} at a safety threshold`,
  'run.approved': (_, e) => `approved the blocked run${of(e)}`,
  'run.discarded': (_, e) => `discarded the blocked run${of(e)}`,
  'run.cancelled': (_, e) => `cancelled a run${of(e)}`,
  'account.create': (_, e) => `created the account${person(e)}`,
  'account.update': (_, e) => `updated the account${person(e)}`,
  'account.enable': (_, e) => `enabled the account${person(e)}`,
  'account.disable': (_, e) => `disabled the account${person(e)}`,
  'account.delete': (_, e) => `deleted the account${person(e)}`,
  'account.write-back': (_, e) => `wrote the e-mail address${person(e)} back to AFAS`,
  'settings.retention-changed': () => 'changed how long history is kept',
  'agent.registration-created': () => 'created a key to register a directory agent',
  'agent.registered': () => 'registered a directory agent',
  'agent.revoked': () => 'revoked a directory agent',
  'agent.connected': () => 'connected',
  'agent.operation-answered': () => 'answered a directory request',
  'notification.settings-changed': (_, e) =>
    e.connection ? `changed the notifications${of(e)}` : 'changed the notification settings',
  'notification.tested': () => 'sent a test notification',
  'notification.sent': (o, e) => `sent a notification${e.connection ? ` about ${o}` : ''}`,
  'notification.failed': (o, e) => `tried to send a notification${e.connection ? ` about ${o}` : ''}`,
};

/** Short labels for the action column and filter (the raw action is in the event panel). */
export function actionLabel(action: string): string {
  const [subject = '', verb = ''] = action.split('.');
  const words = verb.replace(/-/g, ' ');
  const nouns: Record<string, string> = {
    session: 'Sign-in',
    user: 'User',
    token: 'API token',
    organisation: 'Organisation',
    customer: 'Customer',
    tenant: 'Tenant',
    connection: 'Connection',
    run: 'Run',
    account: 'Account',
    settings: 'Settings',
    agent: 'Agent',
    notification: 'Notification',
    invitation: 'Invitation',
  };
  return `${nouns[subject] ?? subject}: ${words}`;
}

/** The actor as a person would name them: the service resolves users' names (actor-names.ts). */
export const actorName = (actor: AuditEvent['actor']): string => actor.displayName;

const WORKER_RUN_ACTIONS = new Set(['run.started', 'run.finished', 'run.requeued', 'run.blocked']);

const OUTCOME_TAILS = { success: '', failure: ', which failed', refused: ', which was refused' } as const;

export function auditSentence(e: AuditEvent): string {
  const phrase = Object.hasOwn(PHRASES, e.action) ? PHRASES[e.action as AuditAction] : undefined;
  // The worker writes accounts as "The sync"; the runs it starts and finishes are hrsync's own
  // ("hrsync finished a simulation …", not "The sync finished a simulation …").
  const worker =
    e.actor.type === 'system' && WORKER_RUN_ACTIONS.has(e.action) && /^worker\b/.test(e.actor.name);
  const who = worker ? 'hrsync' : actorName(e.actor);
  if (!phrase) return `${who}: ${e.message}`;
  // A finished run says how it ended ("completed with failures"), not just that the event failed.
  const outcome = e.action === 'run.finished' ? outcomeOf(e) : undefined;
  // A blocked run was stopped on purpose: what matters is that nothing was written, not "refused".
  const tail = outcome
    ? `: ${RUN_OUTCOME_INFO[outcome].label.toLowerCase()}`
    : e.action === 'run.blocked'
      ? '; nothing was applied'
      : OUTCOME_TAILS[e.outcome];
  return `${who} ${phrase(conn(e), e)}${tail}.`;
}
