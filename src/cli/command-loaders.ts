/**
 * How each command's module is loaded, only when that command runs: loading all of them (the
 * service, the emulators, the engine) costs seconds of start-up that a remote `hrsync runs show` or
 * an `hrsync expr` should not pay, nor `hrsync --help`, which lists the table (command-table.ts).
 */
import type { Command } from 'commander';
import type { CommandName } from './command-table.ts';

export const COMMAND_LOADERS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  init: async () => (await import('./commands/init.ts')).initCommand(),
  simulate: async () => (await import('./commands/run.ts')).simulateCommand(),
  sync: async () => (await import('./commands/run.ts')).syncCommand(),
  emulator: async () => (await import('../../emulators/command.ts')).emulatorCommand(),
  'demo-data': async () => (await import('../../emulators/demo-data/command.ts')).demoDataCommand(),
  expr: async () => (await import('./commands/expr.ts')).exprCommand(),
  serve: async () => (await import('./commands/serve.ts')).serveCommand(),
  worker: async () => (await import('./commands/worker.ts')).workerCommand(),
  demo: async () => (await import('./commands/demo.ts')).demoCommand(),
  admin: async () => (await import('./commands/admin.ts')).adminCommand(),
  connections: async () => (await import('./commands/remote/index.ts')).connectionsCommand(),
  runs: async () => (await import('./commands/remote/index.ts')).runsCommand(),
  audit: async () => (await import('./commands/remote/index.ts')).auditCommand(),
  agents: async () => (await import('./commands/remote/index.ts')).agentsCommand(),
  overrides: async () => (await import('./commands/remote/index.ts')).overridesCommand(),
  quarantine: async () => (await import('./commands/remote/index.ts')).quarantineCommand(),
  agent: async () => (await import('./commands/agent.ts')).agentCommand(),
};
