/** `hrsync connections show <id|name>`: state, configuration progress, schedule and latest run. */
import { Command } from 'commander';
import { getConnection, type ResponseOf } from '../../../../contracts/index.ts';
import { shortTime, toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { resolveConnection } from '../resolve-connection.ts';
import { runRemote } from '../run-remote.ts';
import { formatProperties } from '../table.ts';

type Details = ResponseOf<typeof getConnection>;

const STEP_MARK = { done: '✓', current: '…', locked: '·' } as const;

function schedule(c: Details): string {
  if (!c.schedule) return 'none';
  const { every, unit, start } = c.schedule;
  return `every ${every} ${every === 1 ? unit.replace(/s$/, '') : unit} from ${start.replace('T', ' ')} (${c.timeZone})`;
}

export function connectionLines(c: Details): string[] {
  const latest = c.latestRun;
  return formatProperties([
    ['name', c.name],
    ['id', c.id],
    ['description', c.description || undefined],
    ['state', c.state],
    ['steps', `${c.progress}/5  ${c.steps.map((s) => `${STEP_MARK[s.status]} ${s.name}`).join('  ')}`],
    ['customer', c.customer?.name ?? '—'],
    ['tenant', c.tenant ? `${c.tenant.name} (${c.destinationType})` : `— (${c.destinationType})`],
    ['source', c.sourceSystem],
    ['time zone', c.timeZone],
    ['schedule', schedule(c)],
    ['last sync', shortTime(c.lastSyncAt)],
    ['next run', shortTime(c.nextRunAt)],
    [
      'simulation',
      c.simulationCurrent
        ? 'current (the configuration may be activated)'
        : 'not current (simulate before activating)',
    ],
    [
      'latest run',
      latest
        ? `${latest.id} (${latest.kind}, ${latest.status}, requested ${shortTime(latest.requestedAt)})`
        : 'none',
    ],
    ...c.warnings.map((w): [string, string] => ['warning', w.message]),
  ]);
}

export function showConnectionCommand(): Command {
  return withRemoteOptions(new Command('show'))
    .description('Show one connection')
    .argument('<connection>', 'connection id or name')
    .action((ref: string, flags: RemoteFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const { id } = await resolveConnection(client, ref);
        const details = await client.call(getConnection, { params: { id } });
        if (json) out(toJson(details));
        else for (const line of connectionLines(details)) out(line);
        return 0;
      }),
    );
}
