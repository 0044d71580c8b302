/**
 * Audit events as sentences an administrator reads at a glance ("Jan Bakker activated the
 * connection “Contoso HR”"), with the actor as a person, an API token or "Scheduled run" rather
 * than a process name. The raw action, message and details stay one click away (the console's event
 * panel, the CLI's --json). The console's audit log and `hrsync audit list` both say them from here.
 */
import type { Static } from '@sinclair/typebox';
import type { ConnectionState, Role, RunKind, RunOutcome } from '../core/vocabulary.ts';
import type { AuditAction } from './audit-actions.ts';
import {
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
} from './endpoints/configuration.ts';
import { RUN_OUTCOME_INFO } from './run-outcomes.ts';
import type { AuditEventDto } from './schemas/audit.ts';
import { AUDIT_OUTCOME_WORDS, CONFIGURATION_STEP_WORDS, CONNECTION_STATE_WORDS } from './words.ts';

type AuditEvent = Static<typeof AuditEventDto>;

type Phrase = (object: string, e: AuditEvent) => string;

const conn = (e: AuditEvent): string =>
  e.connection ? `the connection “${e.connection.name ?? e.connection.id}”` : 'a connection';
const of = (e: AuditEvent): string => (e.connection ? ` of “${e.connection.name ?? e.connection.id}”` : '');

/** A string of the event's details, if the route recorded it. */
const detail = (e: AuditEvent, key: string): string | undefined =>
  typeof e.details[key] === 'string' && e.details[key] !== '' ? (e.details[key] as string) : undefined;

/**
 * The object's name: from the details (routes record it since 4 Dec 2026), else from the quoted
 * name the message has always carried (`customer "Contoso" created`), else nothing.
 */
function nameOf(e: AuditEvent, key = 'name'): string | undefined {
  return detail(e, key) ?? (refusedRequest(e) ? undefined : /"([^"]+)"/.exec(e.message)?.[1]);
}

/**
 * A request the service refused (src/api/route.ts): its message is the error's, whose quotes hold
 * the offending value ("ldaps://dc1:99999" is not a URL; your role "viewer"), not the object's name.
 */
const refusedRequest = (e: AuditEvent): boolean =>
  e.outcome === 'refused' && typeof e.details.operation === 'string';
/** "the customer “Contoso BV”", or "a customer" when the event does not say which. */
const the = (noun: string, name: string | undefined): string =>
  name ? `the ${noun} “${name}”` : `a ${noun}`;

/** A user by name and address ("Jan Bakker (jan@msp.nl)"), from the details or the message. */
function userOf(e: AuditEvent): string {
  const email = detail(e, 'email') ?? /\b(\S+@\S+?)(?=[\s;,]|$)/.exec(e.message)?.[1];
  const name = detail(e, 'name');
  if (name && email) return `${name} (${email})`;
  return name ?? email ?? 'a user';
}

const ROLE_WORDS: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  operator: 'Operator',
  viewer: 'Viewer',
};
const roleOf = (v: unknown): string | undefined =>
  typeof v === 'string' && Object.hasOwn(ROLE_WORDS, v) ? ROLE_WORDS[v as Role] : undefined;
const asRole = (e: AuditEvent): string => {
  const role = roleOf(e.details.role);
  return role ? ` as ${role}` : '';
};

/**
 * A person by name with the employee number: the account events' message has always begun with
 * "‹action› ‹name› (‹employee number›): …".
 */
function personOf(e: AuditEvent): string {
  if (!e.person) return '';
  const escaped = e.person.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const name = detail(e, 'name') ?? new RegExp(`^[\\w-]+ (.+) \\(${escaped}\\):`).exec(e.message)?.[1];
  return name && name !== e.person ? `${name} (${e.person})` : `employee ${e.person}`;
}
const person = (e: AuditEvent): string => (e.person ? ` of ${personOf(e)}` : '');

/** "changed the role of Jan Bakker (jan@msp.nl) from Viewer to Operator", "disabled the user …". */
function userUpdated(e: AuditEvent): string {
  const who = userOf(e);
  const role = e.details.role as { old?: unknown; new?: unknown } | undefined;
  const disabled = e.details.disabled as { new?: unknown } | undefined;
  const parts: string[] = [];
  if (disabled?.new === true) parts.push(`disabled the user ${who}`);
  if (disabled?.new === false) parts.push(`enabled the user ${who} again`);
  if (role && roleOf(role.old) && roleOf(role.new))
    parts.push(
      `changed ${parts.length > 0 ? 'their role' : `the role of ${who}`} from ${roleOf(role.old)} to ${roleOf(role.new)}`,
    );
  const changed = Array.isArray(e.details.changed) ? (e.details.changed as unknown[]) : [];
  if (parts.length === 0 && changed.length === 1 && changed[0] === 'password')
    return `set a new password for ${who}`;
  return parts.length > 0 ? parts.join(' and ') : `changed the user ${who}`;
}

/** "moved the connection “X” from Draft to Simulation", from the recorded states. */
function stateChanged(o: string, e: AuditEvent): string {
  if (/activated anyway/.test(e.message)) return `activated ${o} anyway`;
  const state = e.details.state as { old?: unknown; new?: unknown } | undefined;
  const isState = (v: unknown): v is ConnectionState =>
    typeof v === 'string' && Object.hasOwn(CONNECTION_STATE_WORDS, v);
  if (state?.new === 'active') return `activated ${o}`;
  if (state?.new === 'deactivated') return `deactivated ${o}`;
  if (state && isState(state.old) && isState(state.new))
    return `moved ${o} from ${CONNECTION_STATE_WORDS[state.old]} to ${CONNECTION_STATE_WORDS[state.new]}`;
  return /deactivated/.test(e.message)
    ? `deactivated ${o}`
    : /activated/.test(e.message)
      ? `activated ${o}`
      : `changed the state of ${o}`;
}

/**
 * The step a refused save was for: the service records a refusal with the endpoint's operation
 * (src/api/route.ts), not the step's number, and "saved a configuration step" did not say which.
 */
const STEP_OF_OPERATION: Readonly<Record<string, 1 | 2 | 3 | 4>> = {
  [saveSourceStep.operationId]: 1,
  [saveDestinationStep.operationId]: 2,
  [saveMappingStep.operationId]: 3,
  [saveScopeStep.operationId]: 4,
};

/** "saved step 3 (Mapping and matching) of the connection “X”"; refused, "tried to save step 3 …". */
function stepSaved(o: string, e: AuditEvent): string {
  const { step, operation } = e.details;
  const number =
    typeof step === 'number' && Object.hasOwn(CONFIGURATION_STEP_WORDS, step)
      ? (step as 1 | 2 | 3 | 4 | 5)
      : typeof operation === 'string' && Object.hasOwn(STEP_OF_OPERATION, operation)
        ? STEP_OF_OPERATION[operation]
        : undefined;
  const verb = e.outcome === 'refused' ? 'tried to save' : 'saved';
  return number === undefined
    ? `${verb} a configuration step of ${o}`
    : `${verb} step ${number} (${CONFIGURATION_STEP_WORDS[number]}) of ${o}`;
}

/** "updated the account of Jan Bakker (100012)"; a refused write says so ("could not update …"). */
const accountWrite = (verb: string, done: string, e: AuditEvent): string =>
  e.outcome === 'success' ? `${done} the account${person(e)}` : `could not ${verb} the account${person(e)}`;

/** "a notification about the connection “X” by e-mail to servicedesk@msp.nl". */
function notification(o: string, e: AuditEvent): string {
  const what = detail(e, 'event') === 'test' ? 'a test notification' : 'a notification';
  const target = detail(e, 'target');
  const by =
    target === undefined
      ? ''
      : detail(e, 'channel') === 'email'
        ? ` by e-mail to ${target}`
        : ` to the webhook ${target}`;
  return `${what}${e.connection ? ` about ${o}` : ''}${by}`;
}

/** Phrases that say the failure themselves ("could not …"): no ", which failed" after them. */
const SAY_FAILURE = (action: string): boolean =>
  action.startsWith('account.') || action === 'notification.failed' || action === 'agent.requests-limited';

/** A user added by the service itself: the organisation and its first administrator. */
function userCreated(e: AuditEvent): string {
  const first = /^organisation "(.+)" and its admin (\S+) created$/.exec(e.message);
  if (first) return `created the organisation “${first[1]}” and its administrator ${first[2]}`;
  if (detail(e, 'invitationId') || /by accepting an invitation$/.test(e.message))
    return `joined${asRole(e)} by accepting an invitation`;
  return `added the user ${userOf(e)}${asRole(e)}`;
}

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
  'user.created': (_, e) => userCreated(e),
  'user.updated': (_, e) => userUpdated(e),
  'user.second-factor-enrolment-started': () => 'started setting up a second factor',
  'user.second-factor-enabled': () => 'turned on a second factor for their account',
  'user.second-factor-disabled': () => 'turned off the second factor of their account',
  'user.recovery-codes-renewed': () => 'made new recovery codes',
  'user.second-factor-reset': (_, e) => `reset the second factor of ${userOf(e)}`,
  'token.created': (_, e) => {
    const role = roleOf(e.details.role);
    return `created ${the('API token', nameOf(e))}${role ? ` with the ${role} role` : ''}`;
  },
  'token.revoked': (_, e) => `revoked ${the('API token', nameOf(e))}`,
  'organisation.updated': () => 'changed the organisation’s settings',
  'organisation.sign-in-changed': () => 'changed how people sign in with Microsoft',
  'organisation.sign-in-tested': () => 'tested the sign-in with Microsoft',
  'invitation.created': (_, e) => `invited ${detail(e, 'email') ?? 'a colleague'}${asRole(e)}`,
  'invitation.resent': (_, e) => `sent the invitation of ${detail(e, 'email') ?? 'a colleague'} again`,
  'invitation.revoked': (_, e) => `withdrew the invitation of ${detail(e, 'email') ?? 'a colleague'}`,
  'invitation.accepted': () => 'accepted their invitation',
  'invitation.opened': () => 'opened their invitation link',
  'customer.created': (_, e) => `added ${the('customer', nameOf(e))}`,
  'customer.renamed': (_, e) => {
    const name = e.details.name as { old?: unknown; new?: unknown } | undefined;
    return typeof name?.old === 'string' && typeof name.new === 'string'
      ? `renamed the customer “${name.old}” to “${name.new}”`
      : 'renamed a customer';
  },
  'customer.deleted': (_, e) => `removed ${the('customer', nameOf(e))}`,
  'tenant.created': (_, e) => `registered ${the('tenant', nameOf(e))}`,
  'tenant.updated': (_, e) => `changed ${the('tenant', nameOf(e))}`,
  'tenant.deleted': (_, e) => `removed ${the('tenant', nameOf(e))}`,
  'tenant.credentials-tested': (_, e) => `tested the credentials of ${the('tenant', nameOf(e))}`,
  'connection.created': (o) => `created ${o}`,
  'connection.copied': (o) => `copied ${o}`,
  'connection.updated': (o) => `renamed or re-described ${o}`,
  'connection.deleted': (o) => `deleted ${o}`,
  'connection.step-saved': stepSaved,
  'connection.source-tested': (o) => `tested the AFAS connection of ${o}`,
  'connection.expression-tested': (o) => `tried an expression in ${o}`,
  'connection.state-changed': stateChanged,
  'connection.schedule-changed': (o) => `changed the schedule of ${o}`,
  'connection.previewed': (o) => `previewed unsaved changes to ${o}`,
  'connection.override-added': (o, e) => `added an override${person(e)} to ${o}`,
  'connection.override-removed': (o, e) => `removed an override${person(e)} from ${o}`,
  'connection.quarantine-released': (o, e) =>
    e.person ? `released ${e.person} from quarantine in ${o}` : `released the quarantined persons of ${o}`,
  'run.queued': (_, e) =>
    e.actor.type === 'system' && e.actor.name === 'scheduler'
      ? `queued ${run(e)}${of(e)}`
      : `asked for ${run(e)}${of(e)}${e.person ? ` for ${personOf(e)}` : ''}`,
  'run.started': (_, e) => `started ${run(e)}${of(e)}`,
  'run.requeued': (_, e) => `picked up an interrupted run${of(e)} again`,
  'run.finished': (_, e) => `finished ${run(e)}${of(e)}`,
  'run.blocked': (_, e) => `stopped a run${of(e)} at a safety threshold`,
  'run.approved': (_, e) => `approved the blocked run${of(e)}`,
  'run.discarded': (_, e) => `discarded the blocked run${of(e)}`,
  'run.cancelled': (_, e) => `cancelled a run${of(e)}`,
  'account.create': (_, e) => accountWrite('create', 'created', e),
  'account.update': (_, e) => accountWrite('update', 'updated', e),
  'account.enable': (_, e) => accountWrite('enable', 'enabled', e),
  'account.disable': (_, e) => accountWrite('disable', 'disabled', e),
  'account.delete': (_, e) => accountWrite('delete', 'deleted', e),
  'account.write-back': (_, e) =>
    e.outcome === 'success'
      ? `wrote the e-mail address${person(e)} back to AFAS`
      : `could not write the e-mail address${person(e)} back to AFAS`,
  'settings.retention-changed': () => 'changed how long history is kept',
  'agent.registration-created': (_, e) =>
    `created a key to register ${the('directory agent', nameOf(e))}${detail(e, 'tenant') ? ` for the tenant “${detail(e, 'tenant')}”` : ''}`,
  'agent.registered': (_, e) => `registered ${the('directory agent', nameOf(e))}`,
  'agent.revoked': (_, e) => `revoked ${the('directory agent', nameOf(e))}`,
  'agent.connected': () => 'connected',
  'agent.operation-answered': () => 'answered a directory request',
  'agent.requests-limited': () =>
    'was named by too many requests it had not signed; more of them are refused for a while',
  'notification.settings-changed': (_, e) =>
    e.connection ? `changed the notifications${of(e)}` : 'changed the notification settings',
  'notification.tested': () => 'sent a test notification',
  'notification.sent': (o, e) => `sent ${notification(o, e)}`,
  'notification.failed': (o, e) => `could not send ${notification(o, e)}`,
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

/**
 * Who did it, as the log names them everywhere (its sentences, the event panel): hrsync's own parts —
 * the worker that runs the syncs and writes the accounts, the notifier — are "hrsync" (the worker
 * was "The sync" beside "hrsync started a sync"); the scheduler is "The schedule"; anyone else by
 * their name.
 */
export function auditActor(e: AuditEvent): string {
  if (e.actor.type !== 'system') return actorName(e.actor);
  return e.actor.name === 'scheduler' ? 'The schedule' : 'hrsync';
}

const OUTCOME_TAILS = { success: '', failure: ', which failed', refused: ', which was refused' } as const;

export function auditSentence(e: AuditEvent): string {
  const phrase = Object.hasOwn(PHRASES, e.action) ? PHRASES[e.action as AuditAction] : undefined;
  const who = auditActor(e);
  if (!phrase) return `${who}: ${e.message}`;
  // A finished run says how it ended ("completed with failures"), not just that the event failed.
  const outcome = e.action === 'run.finished' ? outcomeOf(e) : undefined;
  // A blocked run was stopped on purpose: what matters is that nothing was written, not "refused".
  const tail = outcome
    ? `: ${RUN_OUTCOME_INFO[outcome].label.toLowerCase()}`
    : e.action === 'run.blocked'
      ? '; nothing was applied'
      : SAY_FAILURE(e.action)
        ? ''
        : OUTCOME_TAILS[e.outcome];
  return `${who} ${phrase(conn(e), e)}${tail}.`;
}

export interface AuditOutcomeWords {
  readonly words: string;
  /** How it should look: all well, worth a look, went wrong. */
  readonly tone: 'good' | 'attention' | 'bad';
}

const RUN_TONES: Readonly<Record<RunOutcome, AuditOutcomeWords['tone']>> = {
  succeeded: 'good',
  'succeeded-with-warnings': 'good',
  'completed-with-failures': 'attention',
  blocked: 'attention',
  failed: 'bad',
  cancelled: 'attention',
};

/**
 * The outcome column: a finished run says how it ended ("Completed with failures", not "Failed": the
 * run completed), a blocked run "Blocked"; every other event its audit outcome.
 */
export function auditOutcome(e: AuditEvent): AuditOutcomeWords {
  const run = e.action === 'run.finished' ? outcomeOf(e) : undefined;
  if (run) return { words: RUN_OUTCOME_INFO[run].label, tone: RUN_TONES[run] };
  if (e.action === 'run.blocked') return { words: 'Blocked', tone: 'attention' };
  return {
    words: AUDIT_OUTCOME_WORDS[e.outcome],
    tone: e.outcome === 'success' ? 'good' : e.outcome === 'refused' ? 'attention' : 'bad',
  };
}
