/** `hrsync audit …`: the audit log of a running service. */
import { Command } from 'commander';
import { exportAuditCommand } from './export.ts';
import { listAuditCommand } from './list.ts';

export function auditCommand(): Command {
  return new Command('audit')
    .description('The audit log on a running hrsync service: list, export')
    .addCommand(listAuditCommand())
    .addCommand(exportAuditCommand());
}
