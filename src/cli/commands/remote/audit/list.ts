/** `hrsync audit list [filters]`: the audit log, newest first. */
import { Command } from 'commander';
import { listAuditEvents, type ResponseOf } from '../../../../contracts/index.ts';
import { positiveInt } from '../arguments.ts';
import { shortTime, toJson } from '../format.ts';
import { withRemoteOptions } from '../remote-options.ts';
import { runRemote } from '../run-remote.ts';
import { type Column, formatTable, pageFooter } from '../table.ts';
import { type AuditFilterFlags, auditQuery, withAuditFilters } from './filter.ts';

type Event = ResponseOf<typeof listAuditEvents>['items'][number];

interface ListFlags extends AuditFilterFlags {
  readonly page?: number;
  readonly pageSize?: number;
}

const COLUMNS: readonly Column<Event>[] = [
  { header: 'at', value: (e) => shortTime(e.at) },
  { header: 'actor', value: (e) => e.actor.name },
  { header: 'action', value: (e) => e.action },
  { header: 'outcome', value: (e) => e.outcome },
  { header: 'connection', value: (e) => e.connection?.name ?? e.connection?.id ?? '' },
  { header: 'person', value: (e) => e.person ?? '' },
  { header: 'message', value: (e) => e.message },
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
        if (page.items.length > 0) for (const line of formatTable(COLUMNS, page.items)) out(line);
        out(pageFooter('events', page));
        return 0;
      }),
    );
}
