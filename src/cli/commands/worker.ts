import { Command } from 'commander';
import { fail, serviceConfig, stopOnSignals } from '../../app/cli-support.ts';
import { startWorker } from '../../app/index.ts';

/** `hrsync worker`: executes queued runs from the shared PostgreSQL queue. */
export function workerCommand(): Command {
  return new Command('worker')
    .description(
      'Execute queued runs from the shared PostgreSQL queue (needs DATABASE_URL and HRSYNC_SECRET_KEY)',
    )
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
