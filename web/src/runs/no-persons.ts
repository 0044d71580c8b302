/**
 * Why a run lists no persons at all, by its status: a run that failed or was cancelled before it
 * looked at anyone will never have results, so it must not say they are still coming.
 */
import type { RunStatus } from '../api/contracts.ts';

export const NO_PERSONS: Readonly<Record<RunStatus, string>> = {
  queued: 'The run has not produced results yet.',
  running: 'The run has not produced results yet.',
  blocked: 'The run was stopped before anyone was listed.',
  succeeded: 'Nobody from AFAS is in scope, and no account hrsync manages was affected.',
  failed: 'The run stopped before it looked at anyone; the message above says why.',
  cancelled: 'The run was cancelled before it looked at anyone.',
  discarded: 'The run was discarded before it looked at anyone.',
};
