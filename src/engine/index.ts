/** The sync engine's front door: one pipeline for simulation, sync and on-demand runs. */
export { checkConfig, loadConfig } from './check-config.ts';
export * from './compare-plans.ts';
export {
  DEFAULT_CONNECTORS,
  DEFAULT_MAPPING,
  DEFAULT_SECTIONS,
  DEFAULT_UNIQUENESS,
  type StarterConfigInput,
  starterConfig,
} from './defaults.ts';
export {
  neutraliseCell,
  RUN_ITEM_COLUMNS,
  runItemCsvRows,
  runItemsToCsv,
  runItemsToJson,
  safeCsvHeader,
  safeCsvRows,
  toSafeCsv,
} from './export.ts';
export {
  FileEngineStore,
  MemoryEngineStore,
  type ReadStateFile,
  RunStateWriteError,
  STATE_ADVICE,
} from './file-store.ts';
export { localToday, normalise } from './normalise/index.ts';
export type * from './ports.ts';
export { executeRun, type RunOutcome, type RunProgress, type RunRequest } from './run.ts';
