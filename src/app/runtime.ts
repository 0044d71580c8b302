/** What serve, worker and demo share: the logger, the store (with its key) and the adapters. */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { type Connectors, ServiceMetrics } from '../jobs/index.ts';
import { Notifier } from '../notify/index.ts';
import { loadOrCreateKeyFile, openStore, type Store } from '../store/index.ts';
import type { ServiceConfig } from './config.ts';
import { realConnectors } from './connectors.ts';
import { createLogger } from './logger.ts';

export interface Runtime {
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly store: Store;
  /** The key the store was opened with (a run thread opens its own store with it). */
  readonly secretKey: Buffer;
  readonly connectors: Connectors;
  readonly metrics: ServiceMetrics;
  /** Notifications after runs, and the settings page's test action. */
  readonly notifier: Notifier;
}

export async function openRuntime(
  config: ServiceConfig,
  extra: { extraCa?: string; print?: (line: string) => void } = {},
): Promise<Runtime> {
  const logger = createLogger({ level: config.logLevel });
  let key = config.secretKey;
  if (key === undefined) {
    const loaded = loadOrCreateKeyFile(config.dataDir);
    if (loaded.created && extra.print) {
      // A person is reading the terminal on first start: a sentence, not a JSON log line.
      extra.print(`Created a new secret key in ${loaded.path}; back it up with the database.`);
    } else if (loaded.created) {
      logger.warn({ path: loaded.path }, 'created a new secret key; back it up with the database');
    }
    key = loaded.key;
  }
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    sqliteFile: join(config.dataDir, 'hrsync.sqlite'),
    secretKey: key,
  });
  logger.info({ store: store.dialect, dataDir: config.dataDir }, 'store open');
  const extraCa = [config.extraCa, extra.extraCa].filter((c): c is string => c !== undefined).join('\n');
  const endpointPolicy = { allowedHosts: config.allowedEndpointHosts };
  const notifier = new Notifier({
    store,
    smtp: config.smtp,
    endpointPolicy,
    publicUrl: config.publicUrl,
    log: logger,
    ...(extraCa === '' ? {} : { extraCa }),
  });
  return {
    config,
    logger,
    store,
    notifier,
    secretKey: key,
    connectors: realConnectors({ extraCa: extraCa === '' ? undefined : extraCa, endpointPolicy }),
    metrics: new ServiceMetrics(store),
  };
}
