/** `hrsync runs show <runId>`: status, counts, progress, blocked reason and decisions. */
import { Command } from 'commander';
import { getRun } from '../../../../contracts/index.ts';
import { toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { runRemote } from '../run-remote.ts';
import { runExitCode, runLines } from '../run-summary.ts';
import { runPlace } from '../time-zones.ts';

interface ShowFlags extends RemoteFlags {
  readonly exitStatus?: boolean;
}

export function showRunCommand(): Command {
  return withRemoteOptions(new Command('show'))
    .description('Show one run')
    .argument('<runId>', 'the run id')
    .option('--exit-status', "exit with the run's outcome: 0 succeeded, 2 needs attention, 1 failed")
    .action((id: string, flags: ShowFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const run = await client.call(getRun, { params: { id } });
        if (json) out(toJson(run));
        else for (const line of runLines(run, await runPlace(client, run.connectionId))) out(line);
        return flags.exitStatus ? runExitCode(run) : 0;
      }),
    );
}
