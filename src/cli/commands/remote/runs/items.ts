/**
 * `hrsync runs items <runId>`: what happened per person, filtered by action, status and name. With
 * `--out` the service's own export is saved (the same CSV or JSON file the console downloads, made
 * by runItemsToCsv on the server), so the CLI never writes CSV of its own.
 */
import { extname } from 'node:path';
import { Command, Option } from 'commander';
import {
  exportRunItemsCsv,
  exportRunItemsJson,
  listRunItems,
  type ResponseOf,
} from '../../../../contracts/index.ts';
import { ACTIONS, type Action, ITEM_STATUSES, type ItemStatus } from '../../../../core/index.ts';
import { positiveInt } from '../arguments.ts';
import { CliError } from '../cli-error.ts';
import { toJson } from '../format.ts';
import { type RemoteFlags, withRemoteOptions } from '../remote-options.ts';
import { runRemote } from '../run-remote.ts';
import { type Column, formatTable, pageFooter } from '../table.ts';
import { writeExport } from '../write-export.ts';

type Item = ResponseOf<typeof listRunItems>['items'][number];
type Format = 'csv' | 'json';

interface ItemsFlags extends RemoteFlags {
  readonly action?: Action;
  readonly status?: ItemStatus;
  readonly search?: string;
  readonly out?: string;
  readonly format?: Format;
  readonly page?: number;
  readonly pageSize?: number;
}

const COLUMNS: readonly Column<Item>[] = [
  { header: 'employee', value: (i) => i.employeeNumber },
  { header: 'name', value: (i) => i.displayName },
  { header: 'action', value: (i) => i.action },
  { header: 'status', value: (i) => i.status },
  { header: 'changes', value: (i) => i.changes.map((c) => c.attribute).join(', ') },
  { header: 'error', value: (i) => (i.error ? i.error.code : '') },
  { header: 'why', value: (i) => i.reason },
];

function formatOf(flags: ItemsFlags, out: string): Format {
  if (flags.format) return flags.format;
  const ext = extname(out).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  throw new CliError(
    'HRS_VALIDATION',
    `Cannot tell the format of "${out}": name it .csv or .json, or add --format.`,
  );
}

export function runItemsCommand(): Command {
  return withRemoteOptions(new Command('items'))
    .description('Show what happened per person in a run, or save it with --out')
    .argument('<runId>', 'the run id')
    .addOption(new Option('--action <action>', 'only this action').choices(ACTIONS))
    .addOption(new Option('--status <status>', 'only this status').choices(ITEM_STATUSES))
    .option('--search <text>', 'part of the name or employee number')
    .option('-o, --out <file>', 'save every matching item to a .csv or .json file')
    .addOption(
      new Option('--format <format>', 'format of --out (default: from the extension)').choices([
        'csv',
        'json',
      ]),
    )
    .option('--page <n>', 'page number (table and --json)', positiveInt)
    .option('--page-size <n>', 'items per page (at most 500, default 50)', positiveInt)
    .action((id: string, flags: ItemsFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const filter = { action: flags.action, status: flags.status, q: flags.search };
        if (flags.out !== undefined) {
          const format = formatOf(flags, flags.out);
          const endpoint = format === 'csv' ? exportRunItemsCsv : exportRunItemsJson;
          await writeExport(flags.out, await client.download(endpoint, { params: { id }, query: filter }));
          out(json ? toJson({ written: flags.out, format }) : `Run items written to ${flags.out}`);
          return 0;
        }
        const page = await client.call(listRunItems, {
          params: { id },
          query: { ...filter, page: flags.page, pageSize: flags.pageSize },
        });
        if (json) {
          out(toJson(page));
          return 0;
        }
        if (page.items.length > 0) for (const line of formatTable(COLUMNS, page.items)) out(line);
        out(pageFooter('items', page));
        return 0;
      }),
    );
}
