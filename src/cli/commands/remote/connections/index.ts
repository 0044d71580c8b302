/** `hrsync connections …`: connections of a running service, through its API. */
import { Command } from 'commander';
import { activateCommand, deactivateCommand } from './change-state.ts';
import { listConnectionsCommand } from './list.ts';
import { simulateConnectionCommand, syncConnectionCommand, syncPersonCommand } from './queue-run.ts';
import { showConnectionCommand } from './show.ts';

export function connectionsCommand(): Command {
  return new Command('connections')
    .description('Connections on a running hrsync service (--url/HRSYNC_URL, --token/HRSYNC_TOKEN)')
    .addCommand(listConnectionsCommand())
    .addCommand(showConnectionCommand())
    .addCommand(simulateConnectionCommand())
    .addCommand(syncConnectionCommand())
    .addCommand(syncPersonCommand())
    .addCommand(activateCommand())
    .addCommand(deactivateCommand());
}
