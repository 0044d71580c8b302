/** Shared by the serve, worker and demo commands: flags, configuration errors, signals. */
import { type Command, InvalidArgumentError } from 'commander';
import { ConfigError, type ConfigOverrides, loadServiceConfig, type ServiceConfig } from './index.ts';

export function withServiceOptions(command: Command): Command {
  return command
    .option(
      '--data-dir <path>',
      'data folder: SQLite database and secret key (HRSYNC_DATA_DIR, default .data)',
    )
    .option('--host <host>', 'address to listen on (HRSYNC_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (HRSYNC_PORT, default 8080)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new InvalidArgumentError('a port from 0 to 65535');
      return n;
    })
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (HRSYNC_LOG_LEVEL)');
}

export function serviceConfig(options: {
  dataDir?: string;
  host?: string;
  port?: number;
  logLevel?: string;
}): ServiceConfig {
  const overrides: ConfigOverrides = {
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
  };
  try {
    return loadServiceConfig(overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** Stops cleanly on Ctrl+C / SIGTERM; a second signal exits at once. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) process.exit(1);
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

export function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
