/** `hrsync audit …`: the audit log of a running service. */
import type { Command } from 'commander';
import { hrsyncCommand } from '../../../command-table.ts';
import { exportAuditCommand } from './export.ts';
import { listAuditCommand } from './list.ts';

export function auditCommand(): Command {
  return hrsyncCommand('audit').addCommand(listAuditCommand()).addCommand(exportAuditCommand());
}
