/**
 * Run outcomes: one vocabulary for what a finished run means, shared by the API (`outcome` on every
 * run), the CLI (the summary line starts with it; the exit code comes from it), the console's badges
 * and the audit log. A run's status says where it is in its life; its outcome says how it went.
 */
import { assertNever } from '../core/assert-never.ts';
import type { ItemStatus, RunOutcome, RunStatus } from '../core/vocabulary.ts';

export interface OutcomeInfo {
  /** Plain words, the same in the CLI and the console. */
  readonly label: string;
  /** The CLI's exit code for a run that ended so: 0 all is well, 2 some persons need attention,
   * 3 blocked until an operator decides, 4 cancelled, 1 the run failed. */
  readonly exitCode: 0 | 1 | 2 | 3 | 4;
  /** The audit event's outcome. */
  readonly audit: 'success' | 'failure' | 'refused';
  /** What to do next, when anything. */
  readonly advice: string | null;
}

export const RUN_OUTCOME_INFO: Readonly<Record<RunOutcome, OutcomeInfo>> = {
  succeeded: { label: 'Succeeded', exitCode: 0, audit: 'success', advice: null },
  'succeeded-with-warnings': {
    label: 'Succeeded with warnings',
    exitCode: 0,
    audit: 'success',
    advice:
      'Everyone was processed; some values were shortened or a manager could not be set — see the warnings.',
  },
  'completed-with-failures': {
    label: 'Completed with failures',
    exitCode: 2,
    audit: 'failure',
    advice:
      'Some persons failed or match more than one account; everyone else was processed. Resolve the failed persons.',
  },
  blocked: {
    label: 'Blocked',
    exitCode: 3,
    audit: 'refused',
    advice: 'A safety threshold fired and nothing was applied; approve or discard the run.',
  },
  failed: {
    label: 'Failed',
    exitCode: 1,
    audit: 'failure',
    advice: 'The run stopped before it could finish; the error says why.',
  },
  cancelled: { label: 'Cancelled', exitCode: 4, audit: 'refused', advice: null },
};

/** The outcome of a run, or null while it is queued or running. */
export function runOutcome(
  status: RunStatus,
  statuses: Readonly<Partial<Record<ItemStatus, number>>> | null | undefined,
): RunOutcome | null {
  switch (status) {
    case 'queued':
    case 'running':
      return null;
    case 'blocked':
    case 'discarded':
      return 'blocked';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    case 'succeeded':
      if ((statuses?.failed ?? 0) > 0 || (statuses?.blocked ?? 0) > 0) return 'completed-with-failures';
      return (statuses?.warning ?? 0) > 0 ? 'succeeded-with-warnings' : 'succeeded';
    default:
      return assertNever(status, 'run status');
  }
}
