/**
 * `hrsync runs approve|discard <runId> --reason "…"`: an operator's decision on a blocked run,
 * recorded with the token's name and the reason. An approved run is queued again; `--wait` follows it.
 */
import { Command } from 'commander';
import { approveRun, discardRun } from '../../../../contracts/index.ts';
import { toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { reportRun } from '../report-run.ts';
import { runRemote } from '../run-remote.ts';
import { runLines } from '../run-summary.ts';
import { runPlace } from '../time-zones.ts';

interface DecisionFlags extends RemoteFlags {
  readonly reason: string;
  readonly wait?: boolean;
}

export function approveRunCommand(): Command {
  return withRemoteOptions(new Command('approve'))
    .description('Approve a blocked run: it is queued again and applied despite the threshold')
    .argument('<runId>', 'the blocked run')
    .requiredOption('--reason <text>', 'why; recorded with your token’s name')
    .option('--wait', 'wait until the approved run is applied; exit as `connections sync --wait` does')
    .action((id: string, flags: DecisionFlags) =>
      runRemote(flags, async (remote) => {
        const run = await remote.client.call(approveRun, { params: { id }, body: { reason: flags.reason } });
        return reportRun(remote, run, flags.wait === true);
      }),
    );
}

export function discardRunCommand(): Command {
  return withRemoteOptions(new Command('discard'))
    .description('Discard a blocked run: nothing is applied')
    .argument('<runId>', 'the blocked run')
    .requiredOption('--reason <text>', 'why; recorded with your token’s name')
    .action((id: string, flags: DecisionFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const run = await client.call(discardRun, { params: { id }, body: { reason: flags.reason } });
        if (json) out(toJson(run));
        else for (const line of runLines(run, await runPlace(client, run.connectionId))) out(line);
        return 0;
      }),
    );
}
