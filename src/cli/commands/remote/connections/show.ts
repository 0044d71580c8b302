/** `hrsync connections show <id|name>`: state, configuration progress, schedule and latest run. */
import { Command } from 'commander';
import {
  CONFIGURATION_STEP_WORDS,
  CONNECTION_STATE_WORDS,
  formatInstant,
  formatRelative,
  formatSchedule,
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

/** "4 Dec 2026, 08:00 CET (in 3 hours)": when it helps, how far away a time is. */
const withRelative = (iso: string | null, zone: string, fallback: string, now: number): string =>
  iso ? `${formatInstant(iso, zone)} (${formatRelative(iso, now)})` : fallback;

export function connectionLines(c: Details, now: number = Date.now()): string[] {
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
    ['schedule', formatSchedule(c.schedule, c.timeZone)],
    ['last sync', withRelative(c.lastSyncAt, c.timeZone, 'Never', now)],
    ['next run', withRelative(c.nextRunAt, c.timeZone, 'Not scheduled', now)],
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
