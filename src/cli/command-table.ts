/**
 * Every top-level command of `hrsync` with its one-line summary: what `hrsync --help` lists without
 * loading any command's module (they pull in the service, the emulators and the engine: seconds on
 * a busy machine), and what each command's module names itself with, through `hrsyncCommand`, so
 * the listing and the commands cannot drift apart. Keep this module free of imports but commander.
 */
import { Command } from 'commander';

export const COMMAND_SUMMARIES = {
  init: 'Write a starter connection configuration with the default mapping',
  simulate: 'Plan a run and show exactly what would change; writes nothing to AFAS or the tenant',
  sync: 'Run the sync: apply the plan to the tenant (and write back to AFAS when configured)',
  emulator: 'Run a faithful local emulator of AFAS Profit REST or Microsoft Entra ID + Graph',
  'demo-data': 'Generate a deterministic Dutch demo company (AFAS GetConnector rows + Microsoft 365 tenant)',
  expr: 'Evaluate a mapping expression (Microsoft Entra syntax) against sample attributes',
  serve: 'Run the hrsync service: API, web console, scheduler and a worker',
  worker: 'Execute queued runs from the shared PostgreSQL queue (needs DATABASE_URL and HRSYNC_SECRET_KEY)',
  demo: 'Run hrsync with the AFAS and Microsoft 365 emulators, a demo company and a configured connection',
  admin: 'Administer the installation (organisations)',
  connections: 'Connections on a running hrsync service (--url/HRSYNC_URL, --token/HRSYNC_TOKEN)',
  runs: 'Runs on a running hrsync service: show, items, approve, discard, cancel',
  audit: 'The audit log on a running hrsync service: list, export',
  agents: 'Directory agents of hybrid tenants on a running hrsync service (--url, --token)',
  overrides: 'Overrides of the matcher on a running hrsync service (--url, --token)',
  quarantine: 'Quarantined persons on a running hrsync service (--url, --token)',
  agent: 'The directory agent: runs inside the customer’s network, connects outbound to hrsync',
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;

export const COMMAND_NAMES = Object.keys(COMMAND_SUMMARIES) as readonly CommandName[];

/** A top-level command, named and described from the table. */
export function hrsyncCommand(name: CommandName): Command {
  return new Command(name).description(COMMAND_SUMMARIES[name]);
}
