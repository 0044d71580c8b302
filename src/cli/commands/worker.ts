import type { Command } from 'commander';
import { fail, serviceConfig, stopOnSignals } from '../../app/cli-support.ts';
import { startWorker } from '../../app/index.ts';
import { hrsyncCommand } from '../command-table.ts';

/** `hrsync worker`: executes queued runs from the shared PostgreSQL queue. */
export function workerCommand(): Command {
  return hrsyncCommand('worker')
    .option('--data-dir <path>', 'data folder holding the secret key file, when HRSYNC_SECRET_KEY is not set')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent')
    .action(async (options) => {
      const config = serviceConfig(options);
      try {
        const worker = await startWorker(config);
        stopOnSignals(() => worker.stop());
      } catch (error) {
        fail(error);
      }
    });
}
