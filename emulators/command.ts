import { Command } from 'commander';
import { afasCommand } from './afas/command.ts';
import { graphCommand } from './graph/command.ts';

/** `hrsync emulator afas|graph …` */
export function emulatorCommand(): Command {
  return new Command('emulator')
    .description('Run a faithful local emulator of AFAS Profit REST or Microsoft Entra ID + Graph')
    .addCommand(afasCommand())
    .addCommand(graphCommand());
}
