/** `hrsync connections activate|deactivate <id|name>`: the API enforces the state table. */
import { Command } from 'commander';
import { activateConnection, deactivateConnection } from '../../../../contracts/index.ts';
import { toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { resolveConnection } from '../resolve-connection.ts';
import { runRemote } from '../run-remote.ts';

function stateCommand(
  name: string,
  description: string,
  endpoint: typeof activateConnection | typeof deactivateConnection,
): Command {
  return withRemoteOptions(new Command(name))
    .description(description)
    .argument('<connection>', 'connection id or name')
    .action((ref: string, flags: RemoteFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const { id } = await resolveConnection(client, ref);
        const details = await client.call(endpoint, { params: { id } });
        out(json ? toJson(details) : `Connection "${details.name}" is now ${details.state}.`);
        return 0;
      }),
    );
}

export const activateCommand = (): Command =>
  stateCommand(
    'activate',
    'Activate: syncs may run and the schedule starts (needs a current simulation)',
    activateConnection,
  );

export const deactivateCommand = (): Command =>
  stateCommand('deactivate', 'Deactivate: scheduled syncs stop until activated again', deactivateConnection);
