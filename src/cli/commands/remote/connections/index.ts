/** `hrsync connections …`: connections of a running service, through its API. */
import type { Command } from 'commander';
import { hrsyncCommand } from '../../../command-table.ts';
import { activateCommand, deactivateCommand } from './change-state.ts';
import { listConnectionsCommand } from './list.ts';
import { simulateConnectionCommand, syncConnectionCommand, syncPersonCommand } from './queue-run.ts';
import { showConnectionCommand } from './show.ts';

export function connectionsCommand(): Command {
  return hrsyncCommand('connections')
    .addCommand(listConnectionsCommand())
    .addCommand(showConnectionCommand())
    .addCommand(simulateConnectionCommand())
    .addCommand(syncConnectionCommand())
    .addCommand(syncPersonCommand())
    .addCommand(activateCommand())
    .addCommand(deactivateCommand());
}
