/**
 * The commands an administrator runs on the customer's machine to set up a directory agent, exactly
 * as `hrsync agent …` parses them (src/cli/commands/agent.ts). The state folder is quoted for the
 * shell it is typed into, so a folder with spaces still arrives as one argument.
 */
export type AgentPlatform = 'linux' | 'windows';

export const DEFAULT_STATE_DIRS: Readonly<Record<AgentPlatform, string>> = {
  linux: '/var/lib/hrsync-agent',
  windows: 'C:\\ProgramData\\hrsync-agent',
};

/** POSIX shells: plain when safe, otherwise single quotes (a quote inside becomes '\''). */
const posixQuote = (value: string): string =>
  /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;

/** PowerShell and cmd: double quotes when needed (a Windows path cannot contain a double quote). */
const windowsQuote = (value: string): string =>
  /^[A-Za-z0-9_.:\\/=@%+-]+$/.test(value) ? value : `"${value}"`;

export interface AgentCommands {
  readonly register: string;
  readonly setBindPassword: string;
  readonly run: string;
}

export function agentCommands(input: {
  readonly server: string;
  readonly key: string;
  readonly stateDir: string;
  readonly platform: AgentPlatform;
}): AgentCommands {
  const quote = input.platform === 'windows' ? windowsQuote : posixQuote;
  const dir = quote(input.stateDir.trim() || DEFAULT_STATE_DIRS[input.platform]);
  return {
    register: `hrsync agent register --server ${quote(input.server)} --key ${quote(input.key)} --state-dir ${dir}`,
    setBindPassword: `hrsync agent set-bind-password --state-dir ${dir}`,
    run: `hrsync agent run --state-dir ${dir}`,
  };
}
