/** `hrsync runs …`: one run on a running service — its summary, items and decisions. */
import { Command } from 'commander';
import { cancelRunCommand } from './cancel.ts';
import { approveRunCommand, discardRunCommand } from './decide.ts';
import { runItemsCommand } from './items.ts';
import { showRunCommand } from './show.ts';

export function runsCommand(): Command {
  return new Command('runs')
    .description('Runs on a running hrsync service: show, items, approve, discard, cancel')
    .addCommand(showRunCommand())
    .addCommand(runItemsCommand())
    .addCommand(approveRunCommand())
    .addCommand(discardRunCommand())
    .addCommand(cancelRunCommand());
}
