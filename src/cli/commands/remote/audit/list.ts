/**
 * `hrsync audit list [filters]`: the audit log, newest first, as the console's audit log shows it —
 * each event a sentence with the actor as a person, an API token or "Scheduled run", the time in the
 * organisation's zone. The raw action, actor and details are in `--json`.
 */
import { Command } from 'commander';
import {
  auditOutcome,
  auditSentence,
  listAuditEvents,
  type ResponseOf,
} from '../../../../contracts/index.ts';
import { positiveInt } from '../arguments.ts';
import { timeIn, toJson } from '../format.ts';
import { withRemoteOptions } from '../remote-options.ts';
import { runRemote } from '../run-remote.ts';
import { type Column, formatTable, pageFooter } from '../table.ts';
import { organisationZone } from '../time-zones.ts';
import { type AuditFilterFlags, auditQuery, withAuditFilters } from './filter.ts';

type Event = ResponseOf<typeof listAuditEvents>['items'][number];

interface ListFlags extends AuditFilterFlags {
  readonly page?: number;
  readonly pageSize?: number;
}

const columns = (zone: string): readonly Column<Event>[] => [
  { header: 'time', value: (e) => timeIn(e.at, zone) },
  { header: 'outcome', value: (e) => auditOutcome(e).words },
  { header: 'what happened', value: (e) => auditSentence(e) },
];

export function listAuditCommand(): Command {
  return withAuditFilters(withRemoteOptions(new Command('list')))
    .description('Show the audit log, newest first')
    .option('--page <n>', 'page number', positiveInt)
    .option('--page-size <n>', 'events per page (at most 500, default 50)', positiveInt)
    .action((flags: ListFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const query = await auditQuery(client, flags);
        const page = await client.call(listAuditEvents, {
          query: { ...query, page: flags.page, pageSize: flags.pageSize },
        });
        if (json) {
          out(toJson(page));
          return 0;
        }
        if (page.items.length > 0) {
          const zone = await organisationZone(client);
          for (const line of formatTable(columns(zone), page.items)) out(line);
        }
        out(pageFooter('events', page));
        return 0;
      }),
    );
}
