/**
 * What a notification says: one event, built once from a finished run (or quarantined persons) and
 * rendered as e-mail, hrsync JSON, or a chat message. Plain words, the run's outcome vocabulary.
 */
import { RUN_OUTCOME_INFO, runOutcome } from '../contracts/run-outcomes.ts';
import type { RunOutcome } from '../core/index.ts';
import type { NotificationEventKind, Run } from '../store/index.ts';

export interface NotificationEvent {
  readonly kind: NotificationEventKind;
  /** The hrsync event type in JSON payloads and the `X-Hrsync-Event` header. */
  readonly type: `run.${'blocked' | 'failed' | 'completed-with-failures'}` | 'persons.quarantined' | 'test';
  readonly at: string;
  /** The zone people read `at` in: the connection's (step 4), else the organisation's. */
  readonly timeZone: string;
  readonly organisation: { readonly id: string; readonly name: string };
  readonly connection: { readonly id: string; readonly name: string } | null;
  readonly run: {
    readonly id: string;
    readonly kind: string;
    readonly outcome: RunOutcome;
    readonly counts: Readonly<Record<string, number>> | null;
    readonly error: { readonly code: string; readonly message: string } | null;
    readonly blockedReason: string | null;
  } | null;
  readonly persons: readonly string[];
  /** One line: the subject of the e-mail, the title of the chat card. */
  readonly title: string;
  /** A few sentences: what happened and what to do. */
  readonly text: string;
  /** The console page to open, when the server knows its public address. */
  readonly link: string | null;
}

/** Which event kind a run's outcome raises, or null for outcomes nobody needs to hear about. */
export function runEventKind(outcome: RunOutcome): NotificationEventKind | null {
  switch (outcome) {
    case 'blocked':
      return 'run-blocked';
    case 'failed':
      return 'run-failed';
    case 'completed-with-failures':
      return 'run-completed-with-failures';
    default:
      return null;
  }
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  sync: 'sync',
  'on-demand': 'single-person sync',
  simulation: 'simulation',
};

function countsSentence(counts: Readonly<Record<string, number>> | null): string {
  if (!counts) return '';
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  return parts.length > 0 ? ` Persons: ${parts.join(', ')}.` : '';
}

export function runEvent(
  run: Run,
  organisation: { readonly id: string; readonly name: string },
  connection: { readonly id: string; readonly name: string },
  publicUrl: string | null,
  timeZone: string,
): NotificationEvent | null {
  const outcome = runOutcome(run.status, run.counts?.statuses);
  if (outcome === null) return null;
  const kind = runEventKind(outcome);
  if (kind === null) return null;
  const info = RUN_OUTCOME_INFO[outcome];
  const runKind = KIND_WORDS[run.kind] ?? run.kind;
  const counts = (run.counts?.statuses ?? null) as Readonly<Record<string, number>> | null;
  const why =
    outcome === 'blocked'
      ? ` ${run.blockedReason ?? 'A safety threshold fired'}; nothing was applied.`
      : outcome === 'failed' && run.error
        ? ` ${run.error.message}`
        : '';
  return {
    kind,
    type: `run.${outcome as 'blocked' | 'failed' | 'completed-with-failures'}`,
    at: run.finishedAt ?? run.requestedAt,
    timeZone,
    organisation,
    connection,
    run: {
      id: run.id,
      kind: run.kind,
      outcome,
      counts,
      error: run.error ? { code: run.error.code, message: run.error.message } : null,
      blockedReason: run.blockedReason,
    },
    persons: [],
    title: `${info.label}: ${connection.name} (${runKind})`,
    text: `The ${runKind} of “${connection.name}” ended: ${info.label.toLowerCase()}.${why}${countsSentence(counts)}${info.advice ? ` ${info.advice}` : ''}`,
    link: publicUrl === null ? null : `${publicUrl.replace(/\/+$/, '')}/#/runs/${encodeURIComponent(run.id)}`,
  };
}

export function quarantineEvent(
  organisation: { readonly id: string; readonly name: string },
  connection: { readonly id: string; readonly name: string },
  persons: readonly string[],
  at: string,
  runId: string | null,
  publicUrl: string | null,
  timeZone: string,
): NotificationEvent {
  const who = persons.length === 1 ? (persons[0] ?? '1 person') : `${persons.length} persons`;
  const listed =
    persons.length > 1
      ? ` They are ${persons.slice(0, 10).join(', ')}${persons.length > 10 ? ` and ${persons.length - 10} more` : ''}.`
      : '';
  return {
    kind: 'person-quarantined',
    type: 'persons.quarantined',
    at,
    timeZone,
    organisation,
    connection,
    run: null,
    persons,
    title: `Quarantined: ${who} in ${connection.name}`,
    text: `${who} of “${connection.name}” ${persons.length === 1 ? 'was' : 'were'} put in quarantine: Microsoft 365 or Active Directory refused a change that retrying cannot fix, so hrsync will not send it again until the person’s data or the configuration changes, or someone releases them on the connection’s page.${listed}`,
    link:
      publicUrl === null
        ? null
        : runId === null
          ? `${publicUrl.replace(/\/+$/, '')}/#/connections/${encodeURIComponent(connection.id)}`
          : `${publicUrl.replace(/\/+$/, '')}/#/runs/${encodeURIComponent(runId)}`,
  };
}

export function testEvent(
  organisation: { readonly id: string; readonly name: string },
  connection: { readonly id: string; readonly name: string } | null,
  at: string,
  by: string,
  timeZone: string,
): NotificationEvent {
  return {
    kind: 'run-failed',
    type: 'test',
    at,
    timeZone,
    organisation,
    connection,
    run: null,
    persons: [],
    title: `Test notification from hrsync${connection ? ` for ${connection.name}` : ''}`,
    text: `${by} sent this test notification. If you can read it, hrsync can reach you when a run is blocked, fails, completes with failures, or a person is quarantined.`,
    link: null,
  };
}
