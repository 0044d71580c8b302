/** `hrsync runs cancel <runId>`: a queued run is cancelled; a running one is asked to stop. */
import { Command } from 'commander';
import { cancelRun, RUN_STATUS_WORDS } from '../../../../contracts/index.ts';
import { toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { runRemote } from '../run-remote.ts';

export function cancelRunCommand(): Command {
  return withRemoteOptions(new Command('cancel'))
    .description('Cancel a queued run, or ask a running one to stop')
    .argument('<runId>', 'the run id')
    .action((id: string, flags: RemoteFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const run = await client.call(cancelRun, { params: { id } });
        if (json) out(toJson(run));
        else
          out(
            run.status === 'cancelled'
              ? `Run ${run.id} is cancelled.`
              : `Run ${run.id} is ${RUN_STATUS_WORDS[run.status].toLowerCase()}; it was asked to stop and stops at its next safe point.`,
          );
        return 0;
      }),
    );
}
