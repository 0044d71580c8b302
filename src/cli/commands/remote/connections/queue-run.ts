/**
 * `hrsync connections simulate|sync|sync-person`: queue a run on the service; `--wait` follows it
 * to the end and exits with its outcome (see run-summary.ts).
 */
import { Command } from 'commander';
import { simulate, sync, syncPerson } from '../../../../contracts/index.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { reportRun } from '../report-run.ts';
import { resolveConnection } from '../resolve-connection.ts';
import { runRemote } from '../run-remote.ts';

interface WaitFlags extends RemoteFlags {
  readonly wait?: boolean;
}

const WAIT_HELP = 'wait until the run finishes; exit 0 succeeded, 2 blocked or failed items, 1 error';

function runCommand(name: string, description: string): Command {
  return withRemoteOptions(new Command(name))
    .description(description)
    .argument('<connection>', 'connection id or name')
    .option('--wait', WAIT_HELP);
}

export function simulateConnectionCommand(): Command {
  return runCommand(
    'simulate',
    'Queue a simulation: everything a sync would do, with nothing written',
  ).action((ref: string, flags: WaitFlags) =>
    runRemote(flags, async (remote) => {
      const { id } = await resolveConnection(remote.client, ref);
      const run = await remote.client.call(simulate, { params: { id } });
      return reportRun(remote, run, flags.wait === true);
    }),
  );
}

export function syncConnectionCommand(): Command {
  return runCommand('sync', 'Queue a sync now (active connections)').action((ref: string, flags: WaitFlags) =>
    runRemote(flags, async (remote) => {
      const { id } = await resolveConnection(remote.client, ref);
      const run = await remote.client.call(sync, { params: { id } });
      return reportRun(remote, run, flags.wait === true);
    }),
  );
}

export function syncPersonCommand(): Command {
  return runCommand('sync-person', 'Queue an on-demand sync of one employee (active connections)')
    .argument('<employeeNumber>', 'the employee number in AFAS')
    .action((ref: string, employeeNumber: string, flags: WaitFlags) =>
      runRemote(flags, async (remote) => {
        const { id } = await resolveConnection(remote.client, ref);
        const run = await remote.client.call(syncPerson, { params: { id }, body: { employeeNumber } });
        return reportRun(remote, run, flags.wait === true);
      }),
    );
}
