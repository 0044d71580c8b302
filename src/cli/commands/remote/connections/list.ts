/** `hrsync connections list [--search text] [--state s]`: the connections the token can see. */
import { Command, Option } from 'commander';
import {
  CONNECTION_STATE_WORDS,
  formatInstant,
  listConnections,
  type ResponseOf,
} from '../../../../contracts/index.ts';
import { CONNECTION_STATES, type ConnectionState } from '../../../../core/index.ts';
import { positiveInt } from '../arguments.ts';
import { toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { runRemote } from '../run-remote.ts';
import { type Column, formatTable, pageFooter } from '../table.ts';

type Summary = ResponseOf<typeof listConnections>['items'][number];

interface ListFlags extends RemoteFlags {
  readonly search?: string;
  readonly state?: ConnectionState;
  readonly page?: number;
  readonly pageSize?: number;
}

const COLUMNS: readonly Column<Summary>[] = [
  { header: 'name', value: (c) => c.name },
  { header: 'state', value: (c) => CONNECTION_STATE_WORDS[c.state] },
  { header: 'steps', value: (c) => `${c.progress}/5` },
  { header: 'tenant', value: (c) => c.tenant?.name ?? '—' },
  // In each connection's own zone, as the console's list shows them.
  { header: 'last sync', value: (c) => formatInstant(c.lastSyncAt, c.timeZone, { fallback: 'Never' }) },
  { header: 'next run', value: (c) => formatInstant(c.nextRunAt, c.timeZone, { fallback: 'Not scheduled' }) },
  { header: 'id', value: (c) => c.id },
];

export function listConnectionsCommand(): Command {
  return withRemoteOptions(new Command('list'))
    .description('List connections, sorted by name')
    .option('--search <text>', 'only connections whose name contains this')
    .addOption(new Option('--state <state>', 'only connections in this state').choices(CONNECTION_STATES))
    .option('--page <n>', 'page number', positiveInt)
    .option('--page-size <n>', 'connections per page (at most 500, default 50)', positiveInt)
    .action((flags: ListFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const page = await client.call(listConnections, {
          query: { q: flags.search, state: flags.state, page: flags.page, pageSize: flags.pageSize },
        });
        if (json) {
          out(toJson(page));
          return 0;
        }
        if (page.items.length > 0) for (const line of formatTable(COLUMNS, page.items)) out(line);
        out(pageFooter('connections', page));
        return 0;
      }),
    );
}
