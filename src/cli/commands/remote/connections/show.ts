/** `hrsync connections show <id|name>`: state, configuration progress, schedule and latest run. */
import { Command } from 'commander';
import { DateTime } from 'luxon';
import {
  CONFIGURATION_STEP_WORDS,
  CONNECTION_STATE_WORDS,
  formatInstant,
  getConnection,
  type ResponseOf,
  RUN_KIND_WORDS,
  RUN_STATUS_WORDS,
  SOURCE_SYSTEM_WORDS,
  TENANT_TYPE_WORDS,
} from '../../../../contracts/index.ts';
import { timeIn, toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { resolveConnection } from '../resolve-connection.ts';
import { runRemote } from '../run-remote.ts';
import { formatProperties } from '../table.ts';

type Details = ResponseOf<typeof getConnection>;

const STEP_MARK = { done: '✓', current: '…', locked: '·' } as const;

function schedule(c: Details): string {
  if (!c.schedule) return 'none';
  const { every, unit, start } = c.schedule;
  // The start is a local time in the connection's zone; shown as every other time, zone named.
  const from = DateTime.fromISO(start, { zone: c.timeZone }).toISO();
  const period = every === 1 ? unit.replace(/s$/, '') : `${every} ${unit}`;
  return `every ${period} from ${formatInstant(from, c.timeZone)}`;
}

export function connectionLines(c: Details): string[] {
  const latest = c.latestRun;
  return formatProperties([
    ['name', c.name],
    ['id', c.id],
    ['description', c.description || undefined],
    ['state', CONNECTION_STATE_WORDS[c.state]],
    [
      'steps',
      `${c.progress}/5  ${c.steps.map((s) => `${STEP_MARK[s.status]} ${CONFIGURATION_STEP_WORDS[s.number as 1]}`).join('  ')}`,
    ],
    ['customer', c.customer?.name ?? '—'],
    ['tenant', `${c.tenant?.name ?? '—'} · ${TENANT_TYPE_WORDS[c.destinationType]}`],
    ['source', SOURCE_SYSTEM_WORDS[c.sourceSystem]],
    ['time zone', c.timeZone],
    ['schedule', schedule(c)],
    ['last sync', formatInstant(c.lastSyncAt, c.timeZone, { fallback: 'Never' })],
    ['next run', formatInstant(c.nextRunAt, c.timeZone, { fallback: 'Not scheduled' })],
    [
      'simulation',
      c.simulationCurrent
        ? 'current (the configuration may be activated)'
        : 'not current (simulate before activating)',
    ],
    [
      'latest run',
      latest
        ? `${latest.id} (${RUN_KIND_WORDS[latest.kind]}, ${RUN_STATUS_WORDS[latest.status].toLowerCase()}, requested ${timeIn(latest.requestedAt, c.timeZone)} by ${latest.requestedByName})`
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
