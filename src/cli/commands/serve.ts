import type { Command } from 'commander';
import { fail, serviceConfig, stopOnSignals, withServiceOptions } from '../../app/cli-support.ts';
import { prepareConsole, startService } from '../../app/index.ts';
import { hrsyncCommand } from '../command-table.ts';

/** `hrsync serve`: API, web console, scheduler and one worker. */
export function serveCommand(): Command {
  return withServiceOptions(hrsyncCommand('serve')).action(async (options) => {
    const config = serviceConfig(options);
    const print = (line: string) => process.stderr.write(`${line}\n`);
    try {
      // Refuses to start without a console rather than answer `/` with a 404.
      await prepareConsole(config.webDir, { build: false, print });
      const service = await startService(config, { print });
      process.stderr.write(`hrsync is running at ${service.url} (API docs at ${service.url}/api/docs)\n`);
      stopOnSignals(() => service.stop());
    } catch (error) {
      fail(error);
    }
  });
}
