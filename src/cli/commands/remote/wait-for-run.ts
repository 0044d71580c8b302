/**
 * `--wait`: polls a run until the worker is done with it, with a one-line progress display on a
 * terminal (silent in pipes and CI). A blocked run also ends the wait: it waits for a person now.
 */

import { getRun, runPhaseWords } from '../../../contracts/index.ts';
import type { RunStatus } from '../../../core/index.ts';
import type { ApiClient } from '../../api-client/index.ts';
import { progressLine } from './progress-line.ts';
import type { RunView } from './run-summary.ts';

/** Whether the worker still has the run; a Record so a new status must say which it is. */
const WITH_WORKER: Readonly<Record<RunStatus, boolean>> = {
  queued: true,
  running: true,
  blocked: false,
  succeeded: false,
  failed: false,
  cancelled: false,
  discarded: false,
};

/** Polls quickly at first (most runs are short), then backs off so a long run costs little. */
const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 2000;

export async function waitForRun(client: ApiClient, queued: RunView): Promise<RunView> {
  const progress = progressLine(process.stderr);
  let run = queued;
  let pollMs = FIRST_POLL_MS;
  try {
    while (WITH_WORKER[run.status]) {
      if (run.status === 'queued' || run.progress === null) progress.show(run.status, 0, null);
      else progress.show(runPhaseWords(run.progress.phase, null), run.progress.done, run.progress.total);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      pollMs = Math.min(MAX_POLL_MS, Math.round(pollMs * 1.5));
      run = await client.call(getRun, { params: { id: run.id } });
    }
  } finally {
    progress.clear();
  }
  return run;
}
