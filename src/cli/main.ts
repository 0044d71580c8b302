import { Command } from 'commander';
import { emulatorCommand } from '../../emulators/command.ts';
import { demoDataCommand } from '../../emulators/demo-data/command.ts';
import { demoCommand } from './commands/demo.ts';
import { exprCommand } from './commands/expr.ts';
import { initCommand } from './commands/init.ts';
import { auditCommand, connectionsCommand, runsCommand } from './commands/remote/index.ts';
import { simulateCommand, syncCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { workerCommand } from './commands/worker.ts';

const program = new Command('hrsync')
  .description('Keeps Microsoft 365 accounts in step with AFAS Profit HR')
  .showHelpAfterError()
  .addCommand(initCommand())
  .addCommand(simulateCommand())
  .addCommand(syncCommand())
  .addCommand(emulatorCommand())
  .addCommand(demoDataCommand())
  .addCommand(exprCommand())
  .addCommand(serveCommand())
  .addCommand(workerCommand())
  .addCommand(demoCommand())
  .addCommand(connectionsCommand())
  .addCommand(runsCommand())
  .addCommand(auditCommand());

await program.parseAsync(process.argv);
