/**
 * What a command that queued a run prints. Without `--wait`: the run's id and how to follow it,
 * exit 0. With `--wait`: the finished run (and for an on-demand run, the person's steps), exit code
 * from the run's outcome.
 */
import { ITEM_STEP_WORDS, listRunItems } from '../../../contracts/index.ts';
import { toJson } from './format.ts';
import type { ExitCode, Remote } from './run-remote.ts';
import { type RunView, runExitCode, runLines } from './run-summary.ts';
import { waitForRun } from './wait-for-run.ts';

export async function reportRun(remote: Remote, queued: RunView, wait: boolean): Promise<ExitCode> {
  if (!wait) {
    if (remote.json) remote.out(toJson(queued));
    else {
      remote.out(`${queued.kind} run ${queued.id} is ${queued.status}.`);
      remote.out(`Follow it with: hrsync runs show ${queued.id}   (or add --wait)`);
    }
    return 0;
  }
  const run = await waitForRun(remote.client, queued);
  if (remote.json) {
    remote.out(toJson(run));
    return runExitCode(run);
  }
  for (const line of runLines(run)) remote.out(line);
  if (run.kind === 'on-demand') await printPersonSteps(remote, run.id);
  else if (run.counts) remote.out(`\nPer person: hrsync runs items ${run.id}`);
  return runExitCode(run);
}

/** An on-demand run is about one person: show what happened to them step by step. */
async function printPersonSteps(remote: Remote, runId: string): Promise<void> {
  const items = await remote.client.call(listRunItems, { params: { id: runId }, query: { pageSize: 10 } });
  for (const item of items.items) {
    remote.out('');
    remote.out(`${item.employeeNumber} ${item.displayName}: ${item.action}, ${item.status}`);
    // The words, then the engine's own detail when it says more (`--json` has the reason as data).
    for (const step of item.steps) {
      const name = Object.hasOwn(ITEM_STEP_WORDS, step.step)
        ? ITEM_STEP_WORDS[step.step as keyof typeof ITEM_STEP_WORDS]
        : step.step;
      remote.out(`  ${name} [${step.status}]: ${step.text}`);
    }
    for (const change of item.changes)
      remote.out(`  ${change.attribute}: ${JSON.stringify(change.old)} → ${JSON.stringify(change.new)}`);
    if (item.error) remote.out(`  ${item.error.code}: ${item.error.message}`);
  }
}
