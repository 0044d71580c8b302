/**
 * `hrsync audit export --out file.csv [filters]`: saves the service's CSV export (at most 100 000
 * events, UTF-8 with BOM for Excel) exactly as the console downloads it.
 */
import { Command } from 'commander';
import { exportAuditEventsCsv } from '../../../../contracts/index.ts';
import { toJson } from '../format.ts';
import { withRemoteOptions } from '../remote-options.ts';
import { runRemote } from '../run-remote.ts';
import { writeExport } from '../write-export.ts';
import { type AuditFilterFlags, auditQuery, withAuditFilters } from './filter.ts';

interface ExportFlags extends AuditFilterFlags {
  readonly out: string;
}

export function exportAuditCommand(): Command {
  return withAuditFilters(withRemoteOptions(new Command('export')))
    .description('Save the (filtered) audit log as CSV')
    .requiredOption('-o, --out <file>', 'the CSV file to write')
    .action((flags: ExportFlags) =>
      runRemote(flags, async ({ client, json, out }) => {
        const query = await auditQuery(client, flags);
        await writeExport(flags.out, await client.download(exportAuditEventsCsv, { query }));
        out(json ? toJson({ written: flags.out, format: 'csv' }) : `Audit events written to ${flags.out}`);
        return 0;
      }),
    );
}
