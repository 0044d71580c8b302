import { Command } from 'commander';
import { COMMAND_LOADERS } from './command-loaders.ts';
import { COMMAND_NAMES, type CommandName, hrsyncCommand } from './command-table.ts';
import { checkRequiredOptionsAfterUnknown } from './required-options.ts';

/** Long-running commands: their output ending is not the reader being done with it. */
const SERVICES = new Set(['serve', 'worker', 'demo', 'agent', 'emulator']);

const program = new Command('hrsync')
  .description('Keeps Microsoft 365 accounts in step with AFAS Profit HR')
  .showHelpAfterError();

const requested = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (requested === undefined || !SERVICES.has(requested)) {
  // `hrsync runs items … | head` closes the pipe once it has its lines: stop quietly, as other
  // command-line tools do, instead of dying with a stack trace on the next write.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
// `hrsync help init` wants init itself; `hrsync`, `hrsync --help` or an unknown command only the list.
const wanted =
  requested === 'help' ? process.argv.slice(2).filter((arg) => !arg.startsWith('-'))[1] : requested;
if (isCommandName(wanted)) program.addCommand(await COMMAND_LOADERS[wanted]());
else for (const name of COMMAND_NAMES) program.addCommand(hrsyncCommand(name));
checkRequiredOptionsAfterUnknown(program);

await program.parseAsync(process.argv);

function isCommandName(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMAND_LOADERS, name);
}
