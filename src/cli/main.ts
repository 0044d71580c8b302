import { Command } from 'commander';

/**
 * Each command's module is loaded only when that command runs: loading all of them (the service,
 * the emulators, the engine) costs about a second of start-up that a remote `hrsync runs show` or an
 * `hrsync expr` should not pay. `hrsync --help` (or an unknown command) loads them all.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command[]>>> = {
  init: async () => [(await import('./commands/init.ts')).initCommand()],
  simulate: async () => [(await import('./commands/run.ts')).simulateCommand()],
  sync: async () => [(await import('./commands/run.ts')).syncCommand()],
  emulator: async () => [(await import('../../emulators/command.ts')).emulatorCommand()],
  'demo-data': async () => [(await import('../../emulators/demo-data/command.ts')).demoDataCommand()],
  expr: async () => [(await import('./commands/expr.ts')).exprCommand()],
  serve: async () => [(await import('./commands/serve.ts')).serveCommand()],
  worker: async () => [(await import('./commands/worker.ts')).workerCommand()],
  demo: async () => [(await import('./commands/demo.ts')).demoCommand()],
  admin: async () => [(await import('./commands/admin.ts')).adminCommand()],
  connections: async () => [(await import('./commands/remote/index.ts')).connectionsCommand()],
  runs: async () => [(await import('./commands/remote/index.ts')).runsCommand()],
  audit: async () => [(await import('./commands/remote/index.ts')).auditCommand()],
  agents: async () => [(await import('./commands/remote/index.ts')).agentsCommand()],
  overrides: async () => [(await import('./commands/remote/index.ts')).overridesCommand()],
  quarantine: async () => [(await import('./commands/remote/index.ts')).quarantineCommand()],
  agent: async () => [(await import('./commands/agent.ts')).agentCommand()],
};

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
const load = requested !== undefined ? COMMANDS[requested] : undefined;
const commands = load ? await load() : (await Promise.all(Object.values(COMMANDS).map((l) => l()))).flat();
for (const command of commands) program.addCommand(command);

await program.parseAsync(process.argv);
