import type { Command } from 'commander';
import { hrsyncCommand } from '../src/cli/command-table.ts';
import { afasCommand } from './afas/command.ts';
import { graphCommand } from './graph/command.ts';

/** `hrsync emulator afas|graph …` */
export function emulatorCommand(): Command {
  return hrsyncCommand('emulator').addCommand(afasCommand()).addCommand(graphCommand());
}
