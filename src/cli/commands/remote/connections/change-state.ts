/**
 * `hrsync connections activate|deactivate <id|name>`: the API enforces the state table and the
 * activation gate; `activate --anyway "reason"` is an admin's override of a blocked or failing
 * simulation, recorded with the reason in the audit log.
 */
import { Command } from 'commander';
import {
  activateConnection,
  activateConnectionAnyway,
  CONNECTION_STATE_WORDS,
  deactivateConnection,
} from '../../../../contracts/index.ts';
import { toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { resolveConnection } from '../resolve-connection.ts';
import { runRemote } from '../run-remote.ts';

export const activateCommand = (): Command =>
  withRemoteOptions(new Command('activate'))
    .description(
      'Activate: syncs may run and the schedule starts (needs a simulation of the current configuration without blocks, failures or conflicts)',
    )
    .argument('<connection>', 'connection id or name')
    .option(
      '--anyway <reason>',
      'admins: activate although the latest simulation was blocked or had failed or conflicting persons; the reason is audited',
    )
    .action((ref: string, flags: RemoteFlags & { anyway?: string }) =>
      runRemote(flags, async ({ client, json, out }) => {
        const { id } = await resolveConnection(client, ref);
        const details =
          flags.anyway === undefined
            ? await client.call(activateConnection, { params: { id } })
            : await client.call(activateConnectionAnyway, { params: { id }, body: { reason: flags.anyway } });
        out(
          json
            ? toJson(details)
            : `Connection "${details.name}" is now ${CONNECTION_STATE_WORDS[details.state].toLowerCase()}.`,
        );
        return 0;
      }),
    );

export const deactivateCommand = (): Command =>
  withRemoteOptions(new Command('deactivate'))
    .description('Deactivate: scheduled syncs stop until activated again')
    .argument('<connection>', 'connection id or name')
    .action((ref: string, flags: RemoteFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const { id } = await resolveConnection(client, ref);
        const details = await client.call(deactivateConnection, { params: { id } });
        out(
          json
            ? toJson(details)
            : `Connection "${details.name}" is now ${CONNECTION_STATE_WORDS[details.state].toLowerCase()}.`,
        );
        return 0;
      }),
    );
