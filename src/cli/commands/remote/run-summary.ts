/**
 * A run for people (its outcome first, what it did, why it stopped, what to do next) and for scripts
 * (the exit code of its outcome: 0 succeeded, with or without warnings; 2 completed with failures;
 * 3 blocked; 4 cancelled; 1 the run failed — contracts/run-outcomes.ts).
 */
import { type getRun, type ResponseOf, RUN_OUTCOME_INFO, runPhaseWords } from '../../../contracts/index.ts';
import { countsLine, duration, shortTime } from './format.ts';
import type { ExitCode } from './run-remote.ts';
import { formatProperties } from './table.ts';

export type RunView = ResponseOf<typeof getRun>;

const decision = (d: RunView['approval']): string | undefined =>
  d ? `by ${d.by} at ${shortTime(d.at)}: ${d.reason}` : undefined;

export function runLines(run: RunView): string[] {
  const progress = run.progress
    ? `${runPhaseWords(run.progress.phase, null)} ${run.progress.done}${run.progress.total === null ? '' : `/${run.progress.total}`}`
    : undefined;
  const lines = formatProperties([
    ['outcome', run.outcome ? RUN_OUTCOME_INFO[run.outcome].label : undefined],
    ['run', run.id],
    ['kind', run.kind],
    ['status', run.status + (run.cancelRequested && run.status === 'running' ? ' (cancel requested)' : '')],
    ['connection', run.connectionId],
    ['person', run.employeeNumber ?? undefined],
    ['requested', `${shortTime(run.requestedAt)} by ${run.requestedBy}`],
    ['started', run.startedAt ? shortTime(run.startedAt) : undefined],
    ['finished', run.finishedAt ? shortTime(run.finishedAt) : undefined],
    ['duration', duration(run.durationMs)],
    ['progress', run.status === 'running' ? progress : undefined],
    [
      'source',
      run.sourceCount === null
        ? undefined
        : `${run.sourceCount} ${run.sourceCount === 1 ? 'person' : 'persons'}`,
    ],
    ['actions', run.counts ? countsLine(run.counts.actions) : undefined],
    ['statuses', run.counts ? countsLine(run.counts.statuses) : undefined],
    ['blocked', run.blockedReason ?? undefined],
    ['error', run.error ? `${run.error.code}: ${run.error.message}` : undefined],
    ['approved', decision(run.approval)],
    ['discarded', decision(run.discard)],
  ]);
  const advice = run.outcome ? RUN_OUTCOME_INFO[run.outcome].advice : null;
  if (advice && run.status !== 'blocked') lines.push('', advice);
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
