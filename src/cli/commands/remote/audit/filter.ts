/**
 * The audit filters `audit list` and `audit export` share, as flags, and their translation into the
 * API's query: a connection may be named, times are ISO dates (--since inclusive, --until exclusive).
 */
import { type Command, Option } from 'commander';
import { AUDIT_OUTCOMES, type AuditOutcome, type listAuditEvents } from '../../../../contracts/index.ts';
import type { ApiClient, QueryInput } from '../../../api-client/index.ts';
import { isoTime } from '../arguments.ts';
import type { RemoteFlags } from '../remote-options.ts';
import { resolveConnection } from '../resolve-connection.ts';

export interface AuditFilterFlags extends RemoteFlags {
  readonly connection?: string;
  readonly run?: string;
  readonly action?: string;
  readonly actor?: string;
  readonly person?: string;
  readonly outcome?: AuditOutcome;
  readonly since?: string;
  readonly until?: string;
}

export function withAuditFilters(command: Command): Command {
  return command
    .option('--connection <connection>', 'connection id or name')
    .option('--run <runId>', 'events of one run')
    .option('--action <action>', 'an action (run.approved), or a prefix ending in "." (run.)')
    .option('--actor <actor>', 'part of who did it: e-mail, "token <name>", scheduler')
    .option('--person <employeeNumber>', 'events about one employee')
    .addOption(new Option('--outcome <outcome>', 'only this outcome').choices(AUDIT_OUTCOMES))
    .option('--since <iso>', 'from this date or date-time (inclusive)', isoTime)
    .option('--until <iso>', 'up to this date or date-time (exclusive)', isoTime);
}

export async function auditQuery(
  client: ApiClient,
  flags: AuditFilterFlags,
): Promise<QueryInput<typeof listAuditEvents>> {
  const connectionId =
    flags.connection === undefined ? undefined : (await resolveConnection(client, flags.connection)).id;
  return {
    connectionId,
    runId: flags.run,
    action: flags.action,
    actor: flags.actor,
    person: flags.person,
    outcome: flags.outcome,
    from: flags.since,
    to: flags.until,
  };
}
