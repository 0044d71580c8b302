/** `hrsync runs …`: one run on a running service — its summary, items and decisions. */
import type { Command } from 'commander';
import { hrsyncCommand } from '../../../command-table.ts';
import { cancelRunCommand } from './cancel.ts';
import { approveRunCommand, discardRunCommand } from './decide.ts';
import { runItemsCommand } from './items.ts';
import { showRunCommand } from './show.ts';

export function runsCommand(): Command {
  return hrsyncCommand('runs')
    .addCommand(showRunCommand())
    .addCommand(runItemsCommand())
    .addCommand(approveRunCommand())
    .addCommand(discardRunCommand())
    .addCommand(cancelRunCommand());
}
