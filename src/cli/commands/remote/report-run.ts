/**
 * What a command that queued a run prints. Without `--wait`: the run's id and how to follow it,
 * exit 0. With `--wait`: the finished run (and for an on-demand run, the person's steps), exit code
 * from the run's outcome.
 */
import {
  ACTION_WORDS,
  attributeText,
  formatValue,
  ITEM_STATUS_WORDS,
  ITEM_STEP_WORDS,
  listRunItems,
  RUN_KIND_WORDS,
  RUN_STATUS_WORDS,
  wordFor,
} from '../../../contracts/index.ts';
import { terminalSafe } from '../terminal-safe.ts';
import { wrapLines } from '../wrap.ts';
import { toJson } from './format.ts';
import type { ExitCode, Remote } from './run-remote.ts';
import { errorWords, type RunView, runExitCode, runLines } from './run-summary.ts';
import { type RunPlace, runPlace } from './time-zones.ts';
import { waitForRun } from './wait-for-run.ts';

export async function reportRun(remote: Remote, queued: RunView, wait: boolean): Promise<ExitCode> {
  if (!wait) {
    if (remote.json) remote.out(toJson(queued));
    else {
      remote.out(
        `${RUN_KIND_WORDS[queued.kind]} ${queued.id} is ${RUN_STATUS_WORDS[queued.status].toLowerCase()}.`,
      );
      remote.out(`Follow it with: hrsync runs show ${queued.id}   (or add --wait)`);
    }
    return 0;
  }
  const run = await waitForRun(remote.client, queued);
  if (remote.json) {
    remote.out(toJson(run));
    return runExitCode(run);
  }
  const place = await runPlace(remote.client, run.connectionId);
  for (const line of runLines(run, place)) remote.out(line);
  if (run.kind === 'on-demand') await printPersonSteps(remote, run.id, place);
  else if (run.counts) remote.out(`\nPer person: hrsync runs items ${run.id}`);
  return runExitCode(run);
}

/** An on-demand run is about one person: show what happened to them step by step. */
async function printPersonSteps(remote: Remote, runId: string, place: RunPlace): Promise<void> {
  // Wrapped to 80 columns like the run above (AFAS values made terminal-safe first, as they are shown).
  const out = (line: string) => {
    for (const shown of wrapLines(terminalSafe(line))) remote.out(shown);
  };
  const type = place.destinationType;
  const items = await remote.client.call(listRunItems, { params: { id: runId }, query: { pageSize: 10 } });
  for (const item of items.items) {
    out('');
    const action = wordFor(ACTION_WORDS, item.action);
    const status = wordFor(ITEM_STATUS_WORDS, item.status).toLowerCase();
    out(`${item.employeeNumber} ${item.displayName}: ${action}, ${status}`);
    // The step's name and its reason in words (`--json` has the reason as data).
    for (const step of item.steps) {
      const name = wordFor(ITEM_STEP_WORDS, step.step);
      out(`  ${name} [${wordFor(ITEM_STATUS_WORDS, step.status).toLowerCase()}]: ${step.text}`);
    }
    for (const change of item.changes) {
      const attribute = attributeText(type, change.attribute);
      out(
        `  ${attribute}: ${formatValue(change.old, place.zone, change.attribute)} → ${formatValue(change.new, place.zone, change.attribute)}`,
      );
    }
    if (item.error) out(`  ${errorWords(item.error, type)}`);
  }
}
