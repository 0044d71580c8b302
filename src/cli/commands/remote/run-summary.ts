/**
 * A run for people (what it did, why it stopped, what to do next) and for scripts (the exit code:
 * 0 succeeded with no failed items; 2 finished but needs attention — blocked, failed items,
 * cancelled, discarded; 1 the run itself failed).
 */
import type { getRun, ResponseOf } from '../../../contracts/index.ts';
import { assertNever } from '../../../core/index.ts';
import { countsLine, duration, shortTime } from './format.ts';
import type { ExitCode } from './run-remote.ts';
import { formatProperties } from './table.ts';

export type RunView = ResponseOf<typeof getRun>;

const decision = (d: RunView['approval']): string | undefined =>
  d ? `by ${d.by} at ${shortTime(d.at)}: ${d.reason}` : undefined;

export function runLines(run: RunView): string[] {
  const progress = run.progress
    ? `${run.progress.phase} ${run.progress.done}${run.progress.total === null ? '' : `/${run.progress.total}`}`
    : undefined;
  const lines = formatProperties([
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
  switch (run.status) {
    case 'queued':
    case 'running':
      return 0;
    case 'succeeded':
      return (run.counts?.statuses.failed ?? 0) > 0 || (run.counts?.statuses.blocked ?? 0) > 0 ? 2 : 0;
    case 'blocked':
    case 'cancelled':
    case 'discarded':
      return 2;
    case 'failed':
      return 1;
    default:
      return assertNever(run.status, 'run status');
  }
}
