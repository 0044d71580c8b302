/**
 * A run for people (its outcome first, what it did, why it stopped, what to do next) and for scripts
 * (the exit code of its outcome: 0 succeeded, with or without warnings; 2 completed with failures;
 * 3 blocked; 4 cancelled; 1 the run failed — contracts/run-outcomes.ts). In the console's words:
 * people by name, times in the connection's zone, statuses and error titles in plain words.
 */
import {
  ACTION_WORDS,
  type getRun,
  ITEM_STATUS_WORDS,
  type ResponseOf,
  RUN_KIND_WORDS,
  RUN_OUTCOME_INFO,
  RUN_STATUS_WORDS,
  runPhaseWords,
  wordFor,
} from '../../../contracts/index.ts';
import { destinationErrorTitle } from '../destination-error-title.ts';
import { terminalSafe } from '../terminal-safe.ts';
import { TERMINAL_WIDTH, wrapLines } from '../wrap.ts';
import { countsLine, duration, timeIn } from './format.ts';
import type { ExitCode } from './run-remote.ts';
import { formatProperties } from './table.ts';
import type { RunPlace } from './time-zones.ts';

export type RunView = ResponseOf<typeof getRun>;

/** A run error or a person's error as the console titles it: "AFAS refused the token: …". */
export const errorWords = (
  e: { readonly code: string; readonly message: string },
  destinationType: string | null,
): string => `${destinationErrorTitle(e.code, destinationType)}: ${e.message}`;

export function runLines(run: RunView, place: RunPlace): string[] {
  const at = (iso: string | null) => (iso ? timeIn(iso, place.zone) : undefined);
  const decision = (d: RunView['approval']): string | undefined =>
    d ? `by ${d.byName} on ${timeIn(d.at, place.zone)}: ${d.reason}` : undefined;
  const progress = run.progress
    ? `${runPhaseWords(run.progress.phase, place.destinationType)} ${run.progress.done}${run.progress.total === null ? '' : `/${run.progress.total}`}`
    : undefined;
  const properties = formatProperties([
    ['outcome', run.outcome ? RUN_OUTCOME_INFO[run.outcome].label : undefined],
    ['run', run.id],
    ['kind', wordFor(RUN_KIND_WORDS, run.kind)],
    // A finished run's outcome says how it went: no "status: Succeeded" beside "Completed with
    // failures". A discarded run says so (its outcome is Blocked).
    [
      'status',
      run.outcome === null || run.status === 'discarded'
        ? wordFor(RUN_STATUS_WORDS, run.status) +
          (run.cancelRequested && run.status === 'running' ? ' (cancel requested)' : '')
        : undefined,
    ],
    ['connection', place.connection],
    ['person', run.employeeNumber ?? undefined],
    ['requested', `${timeIn(run.requestedAt, place.zone)} by ${run.requestedByName}`],
    ['started', at(run.startedAt)],
    ['finished', at(run.finishedAt)],
    ['duration', duration(run.durationMs)],
    ['progress', run.status === 'running' ? progress : undefined],
    [
      'source',
      run.sourceCount === null
        ? undefined
        : `${run.sourceCount} ${run.sourceCount === 1 ? 'person' : 'persons'}`,
    ],
    ['actions', run.counts ? countsLine(run.counts.actions, ACTION_WORDS) : undefined],
    ['statuses', run.counts ? countsLine(run.counts.statuses, ITEM_STATUS_WORDS) : undefined],
    ['blocked', run.blockedReason ?? undefined],
    ['error', run.error ? errorWords(run.error, place.destinationType) : undefined],
    ['approved', decision(run.approval)],
    ['discarded', decision(run.discard)],
  ]);
  // Wrapped to 80 columns as the local summary is (cli/commands/run.ts), a value continuing under
  // itself; made terminal-safe first, so an escaped character counts as wide as it is shown.
  const lines = properties.flatMap((line) =>
    wrapLines(terminalSafe(line), TERMINAL_WIDTH, /^\S+:\s+/.exec(line)?.[0].length),
  );
  const advice = run.outcome ? RUN_OUTCOME_INFO[run.outcome].advice : null;
  if (advice && run.status !== 'blocked') lines.push('', ...wrapLines(advice));
  if (run.status === 'blocked') {
    lines.push(
      '',
      'Nothing was applied. Decide with one of:',
      `  hrsync runs approve ${run.id} --reason "…"`,
      `  hrsync runs discard ${run.id} --reason "…"`,
    );
  }
  return lines;
}

export function runExitCode(run: RunView): ExitCode {
  return run.outcome === null ? 0 : RUN_OUTCOME_INFO[run.outcome].exitCode;
}
