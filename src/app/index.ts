/** Composition roots: the only place that reads the environment (config.ts) and wires everything. */

export { AdminError, createOrganisationCommand } from './admin.ts';
export { ConfigError, type ConfigOverrides, loadServiceConfig, type ServiceConfig } from './config.ts';
export { ConsoleMissingError, prepareConsole } from './console-build.ts';
export { type RunningDemo, startDemo } from './demo.ts';
export { type RunningService, startService } from './serve.ts';
export { type RunningWorker, startWorker } from './worker.ts';
