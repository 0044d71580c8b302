import { Command } from 'commander';
import { emulatorCommand } from '../../emulators/command.ts';
import { demoDataCommand } from '../../emulators/demo-data/command.ts';

const program = new Command('hrsync')
  .description('Keeps Microsoft 365 accounts in step with AFAS Profit HR')
  .showHelpAfterError()
  .addCommand(emulatorCommand())
  .addCommand(demoDataCommand());

await program.parseAsync(process.argv);
