/**
 * `hrsync agent …`: the directory agent, on a machine inside the customer's network. Two commands set
 * it up (register, set-bind-password), one runs it (logs as JSON lines on stdout, for systemd's
 * journal or a Windows service wrapper). It needs no inbound port.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { AgentStateDir, registerAgentState } from '../../agent/index.ts';
import { startAgent } from '../../app/agent.ts';
import { stopOnSignals } from '../../app/cli-support.ts';
import { fileProblem } from '../../core/file-problem.ts';
import { hrsyncCommand } from '../command-table.ts';
import { readSecretFromTerminal } from './secret-prompt.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const DEFAULT_STATE_DIR =
  process.platform === 'win32' ? 'C:\\ProgramData\\hrsync-agent' : '/var/lib/hrsync-agent';

function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const stateDirOption = (c: Command) =>
  c.option(
    '--state-dir <dir>',
    `the agent's state folder (HRSYNC_AGENT_STATE_DIR, default ${DEFAULT_STATE_DIR})`,
  );
const stateDirOf = (flags: { stateDir?: string }) =>
  flags.stateDir ?? process.env.HRSYNC_AGENT_STATE_DIR ?? DEFAULT_STATE_DIR;
const caOf = (flags: { caFile?: string }) => flags.caFile ?? process.env.HRSYNC_AGENT_CA_FILE;
const caSource = (flags: { caFile?: string }) => (flags.caFile ? '--ca-file' : 'HRSYNC_AGENT_CA_FILE');

/** A file named on the command line, or why it cannot be read, naming the option it came from. */
function readNamedFile(option: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${option} ${path}: ${fileProblem(error)}`);
  }
}

function registerCommand(): Command {
  return stateDirOption(new Command('register'))
    .description('Exchange the one-time key from the tenant page for this agent’s own key pair')
    .requiredOption('--server <url>', 'the hrsync service, https://…')
    .requiredOption('--key <key>', 'the one-time registration key (hra_…)')
    .option('--ca-file <pem>', 'a certificate authority to trust for the service (HRSYNC_AGENT_CA_FILE)')
    .action(async (flags: { server: string; key: string; stateDir?: string; caFile?: string }) => {
      if (!/^https?:\/\//.test(flags.server))
        fail(new Error('--server must be the https:// address of the hrsync service'));
      try {
        const caFile = caOf(flags);
        const identity = await registerAgentState({
          server: flags.server,
          key: flags.key,
          stateDir: stateDirOf(flags),
          version: VERSION,
          ca: caFile ? readNamedFile(caSource(flags), caFile) : undefined,
        });
        process.stdout.write(
          `Registered agent "${identity.name}" for tenant "${identity.tenantName}" (${identity.agentId}).\n` +
            `Next: hrsync agent set-bind-password --state-dir ${stateDirOf(flags)}, then hrsync agent run.\n`,
        );
      } catch (error) {
        fail(error);
      }
    });
}

function setBindPasswordCommand(): Command {
  return stateDirOption(new Command('set-bind-password'))
    .description(
      'Store the domain controllers’ bind password, encrypted, in the state folder (it never reaches the service)',
    )
    .option('--password-env <name>', 'read it from this environment variable')
    .option('--password-file <path>', 'read it from this file (first line)')
    .action(async (flags: { stateDir?: string; passwordEnv?: string; passwordFile?: string }) => {
      try {
        const state = new AgentStateDir(stateDirOf(flags));
        state.identity();
        let password: string | undefined;
        if (flags.passwordEnv) password = process.env[flags.passwordEnv];
        else if (flags.passwordFile)
          password = readNamedFile('--password-file', flags.passwordFile).split(/\r?\n/)[0];
        else password = await readSecretFromTerminal('Bind password: ');
        if (!password) throw new InvalidArgumentError('no password given');
        state.setSecret('bindPassword', password);
        process.stdout.write(`The bind password is stored encrypted in ${state.dir}.\n`);
      } catch (error) {
        fail(error);
      }
    });
}

function runCommand(): Command {
  return stateDirOption(new Command('run'))
    .description('Carry out the tenant’s directory operations; logs JSON lines to stdout')
    .option('--ca-file <pem>', 'a certificate authority to trust for the service (HRSYNC_AGENT_CA_FILE)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (HRSYNC_LOG_LEVEL)')
    .option('--concurrency <n>', 'operations carried out at once (default 2)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 16)
        throw new InvalidArgumentError('a whole number from 1 to 16');
      return n;
    })
    .action(
      async (flags: { stateDir?: string; caFile?: string; logLevel?: string; concurrency?: number }) => {
        try {
          // Said here, with the option's name; startAgent reads it again.
          const caFile = caOf(flags);
          if (caFile) readNamedFile(caSource(flags), caFile);
          const { agentTargetFactory } = await import('../../app/agent-targets.ts');
          const agent = await startAgent({
            stateDir: stateDirOf(flags),
            caFile: caOf(flags),
            logLevel: flags.logLevel ?? process.env.HRSYNC_LOG_LEVEL ?? 'info',
            targetFactory: agentTargetFactory(),
            ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
          });
          stopOnSignals(() => agent.stop());
          await agent.done;
          // Refused by the service (revoked), or its address cannot work: exit non-zero so a service
          // manager shows it, with the reason in one line beside the JSON log.
          const reason = agent.runtime.stopReason;
          if (reason) process.stderr.write(`The agent stopped: ${reason}\n`);
          process.exit(reason ? 3 : 0);
        } catch (error) {
          fail(error);
        }
      },
    );
}

export function agentCommand(): Command {
  return hrsyncCommand('agent')
    .addCommand(registerCommand())
    .addCommand(setBindPasswordCommand())
    .addCommand(runCommand());
}
