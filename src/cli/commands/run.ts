/** `hrsync simulate` and `hrsync sync`: run a connection configuration file through the engine. */
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { formatDuration } from '../../contracts/date-time.ts';
import { errorTitle } from '../../contracts/error-titles.ts';
import { stepText } from '../../contracts/item-reasons.ts';
import { RUN_OUTCOME_INFO, runOutcome } from '../../contracts/run-outcomes.ts';
import { ACTION_WORDS, ITEM_STATUS_WORDS, RUN_KIND_WORDS } from '../../contracts/words.ts';
import { writeProblem } from '../../core/file-problem.ts';
import { ACTIONS, HrsyncError, ITEM_STATUSES, isHrsyncError, type RunKind } from '../../core/index.ts';
import {
  executeRun,
  FileEngineStore,
  type RunOutcome,
  RunStateWriteError,
  runItemsToCsv,
  runItemsToJson,
} from '../../engine/index.ts';
import { hrsyncCommand } from '../command-table.ts';
import { destinationErrorTitle } from './destination-error-title.ts';
import { loadConnection, readRunState } from './engine-deps.ts';
import { outputFileProblem } from './output-file.ts';
import { terminalProgress } from './progress.ts';
import { refusalLines } from './refusal-lines.ts';
import { terminalSafe } from './terminal-safe.ts';
import { wrapLines } from './wrap.ts';

interface RunFlags {
  config: string;
  state?: string;
  out?: string;
  format?: 'csv' | 'json';
  employee?: string;
  approve?: string;
}

export function simulateCommand(): Command {
  return withRunFlags(hrsyncCommand('simulate')).action((flags: RunFlags) => run('simulation', flags));
}

export function syncCommand(): Command {
  return withRunFlags(hrsyncCommand('sync'))
    .option('--employee <number>', 'sync one employee on demand')
    .option('--approve <reason>', 'apply even though a safety threshold is breached (recorded as the reason)')
    .action((flags: RunFlags) => run(flags.employee ? 'on-demand' : 'sync', flags));
}

function withRunFlags(command: Command): Command {
  return command
    .option('-c, --config <file>', 'connection configuration (see `hrsync init`)', 'connection.json')
    .option('--state <file>', 'links and run state (default: <config>.state.json)')
    .option('-o, --out <file>', 'write the run items to this file (.csv or .json)')
    .addOption(
      new Option('--format <format>', 'format of --out (default: from the extension)').choices([
        'csv',
        'json',
      ]),
    );
}

async function run(kind: RunKind, flags: RunFlags): Promise<void> {
  const statePath = flags.state ?? `${flags.config.replace(/\.json$/, '')}.state.json`;
  if (flags.out !== undefined) {
    // Before anything is read or applied: a sync must not apply its plan and then fail on its report.
    const problem = await outputFileProblem(flags.out, [
      { path: flags.config, is: 'the connection configuration' },
      { path: statePath, is: 'the run state (--state)' },
    ]);
    if (problem !== null) {
      console.error(terminalSafe(`cannot write the run items to ${flags.out}: ${problem}`));
      process.exitCode = 1;
      return;
    }
  }
  try {
    const connection = await loadConnection(flags.config);
    const store = new FileEngineStore(statePath, readRunState);
    const progress = terminalProgress();
    // Ctrl-C stops the run as an operator's cancel does in the service: the requests in flight are
    // abandoned (a create whose answer is lost is matched again next time), links of accounts
    // already created are on disk, and the summary says Cancelled (exit 4). Killed by the signal
    // instead, the process exited 130 without a word.
    const startedAt = new Date().toISOString();
    const stop = new AbortController();
    const onInterrupt = () => {
      if (stop.signal.aborted) process.exit(130);
      stop.abort(new HrsyncError('HRS_RUN_INTERRUPTED', INTERRUPTED));
      progress.done();
      console.error('Stopping the run (Ctrl-C again to stop at once)…');
    };
    process.on('SIGINT', onInterrupt);
    const outcome = await executeRun({
      signal: stop.signal,
      kind,
      config: connection.config,
      source: connection.source,
      target: connection.target,
      store,
      clock: { now: () => new Date().toISOString() },
      ...(flags.employee ? { employeeNumber: flags.employee } : {}),
      ...(flags.approve ? { approved: { by: 'cli', reason: flags.approve } } : {}),
      onProgress: progress.update,
    })
      .catch((e: unknown) => {
        // An adapter may pass the abort on as its own error: stopped is stopped.
        if (stop.signal.aborted && !isHrsyncError(e)) return interrupted(startedAt);
        throw e;
      })
      .finally(() => {
        process.off('SIGINT', onInterrupt);
        return connection.close();
      });
    progress.done();
    const cancelled = stop.signal.aborted;
    const destination = connection.config.target.type === 'active-directory' ? 'hybrid' : 'cloud';
    printSummary(kind, outcome, destination, cancelled);
    process.exitCode = RUN_OUTCOME_INFO[outcomeOf(outcome, cancelled)].exitCode;
    if (flags.out) {
      const format = flags.format ?? (flags.out.endsWith('.csv') ? 'csv' : 'json');
      // Managers by name, as AFAS has them in this run ("Manager set to Martijn Dekker (100018)").
      const names = new Map(outcome.items.map((i) => [i.employeeNumber, i.displayName]));
      const text =
        format === 'csv'
          ? runItemsToCsv(
              outcome.items,
              stepText({
                timeZone: connection.config.timeZone ?? 'Europe/Amsterdam',
                person: (n) => names.get(n),
              }),
            )
          : runItemsToJson(outcome.items);
      try {
        await writeFile(flags.out, text);
        console.log(terminalSafe(`run items written to ${flags.out}`));
      } catch (e) {
        // Checked before the run, so something changed since: the summary above still stands.
        console.error(terminalSafe(`cannot write the run items to ${flags.out}: ${writeProblem(e)}`));
        process.exitCode = 1;
      }
    }
  } catch (e) {
    if (e instanceof RunStateWriteError) {
      // A full disk or a file-size limit while the run kept its links: said in words, with the file.
      console.error(
        terminalSafe(`${e.message}. Run again once it can be written, or name another file with --state.`),
      );
      process.exitCode = 1;
      return;
    }
    if (!isHrsyncError(e)) throw e;
    // The configuration check's message lists the fields by path; the lines below name them in words.
    const message =
      e.code === 'HRS_CONFIG_INVALID' && e.details.length > 0
        ? `${flags.config} is not a connection configuration hrsync can use:`
        : e.message;
    const refusal = { code: e.code, message, details: e.details, title: errorTitle(e.code) };
    for (const line of refusalLines(refusal, { topLevel: true })) console.error(terminalSafe(line));
    process.exitCode = 1;
  }
}

/** The outcome vocabulary the service, the console and the remote commands use. */
const outcomeOf = (o: RunOutcome, cancelled = false) =>
  runOutcome(cancelled ? 'cancelled' : o.status, o.statusCounts) ?? 'failed';

const INTERRUPTED =
  'Stopped with Ctrl-C before the run finished. Run it again to finish: accounts created so far are linked, and any create whose answer did not arrive is matched again, not created twice.';

/** The outcome of a run stopped before the engine could say how far it got. */
function interrupted(startedAt: string): RunOutcome {
  const zero = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    status: 'failed',
    items: [],
    actionCounts: zero(ACTIONS),
    statusCounts: zero(ITEM_STATUSES),
    sourceCount: null,
    blockedReason: null,
    error: { code: 'HRS_RUN_INTERRUPTED', message: INTERRUPTED, paths: [] },
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}

/** ", 3 persons read"; nothing when the run failed before it had the persons (not "0 persons"). */
const personsRead = (n: number | null): string =>
  n === null ? '' : `, ${n} ${n === 1 ? 'person' : 'persons'} read`;

export function printSummary(
  kind: RunKind,
  o: RunOutcome,
  destinationType: 'cloud' | 'hybrid',
  cancelled = false,
): void {
  // Names and messages carry AFAS values: print their control characters, do not send them. Then
  // wrapped to 80 columns, as shown (an escaped character is as wide as its escape).
  const say = (line: string) => {
    for (const shown of wrapLines(terminalSafe(line))) console.log(shown);
  };
  const took = formatDuration(Date.parse(o.finishedAt) - Date.parse(o.startedAt));
  const info = RUN_OUTCOME_INFO[outcomeOf(o, cancelled)];
  // The outcome first: a script's log or a person's eye lands on it before the figures.
  say(`${info.label} — ${RUN_KIND_WORDS[kind].toLowerCase()} in ${took}${personsRead(o.sourceCount)}`);
  if (o.error) say(`  ${destinationErrorTitle(o.error.code, destinationType)}: ${o.error.message}`);
  else if (cancelled) say(`  ${INTERRUPTED}`);
  if (o.blockedReason) say(`  blocked: ${o.blockedReason}`);
  const actions = ACTIONS.filter((a) => o.actionCounts[a] > 0).map(
    (a) => `${ACTION_WORDS[a]} ${o.actionCounts[a]}`,
  );
  const statuses = ITEM_STATUSES.filter((s) => o.statusCounts[s] > 0).map(
    (s) => `${ITEM_STATUS_WORDS[s]} ${o.statusCounts[s]}`,
  );
  if (actions.length > 0) say(`  actions:  ${actions.join(', ')}`);
  if (statuses.length > 0) say(`  statuses: ${statuses.join(', ')}`);
  for (const item of o.items.filter((i) => i.status === 'failed').slice(0, 10)) {
    say(`  ✗ ${item.employeeNumber} ${item.displayName}: ${item.error?.message ?? ''}`);
  }
  if (info.advice) say(`  ${info.advice}`);
}
