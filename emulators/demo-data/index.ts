/** The demo and test data generator: one seeded Dutch company for both emulators. */
export {
  AFAS_CONNECTORS,
  type AfasConnectorDefinition,
  EMPLOYMENT_FIELDS,
  EMPLOYMENTS_CONNECTOR,
  ORG_UNIT_FIELDS,
  ORG_UNITS_CONNECTOR,
  USER_FIELDS,
  USERS_CONNECTOR,
} from './connectors.ts';
export {
  jsonChunks,
  parseDatasetValue,
  readDataset,
  serializeDataset,
  writeDataset,
} from './dataset-file.ts';
export { HOURS_PER_FTE } from './employments.ts';
export { DEFAULT_DOMAIN, type GenerateOptions, generateCompany, MAX_PERSONS } from './generate.ts';
export { ACCOUNT_KINDS } from './manifest.ts';
export {
  DEFAULT_PROPORTIONS,
  type DemoProportions,
  NO_EXISTING_ACCOUNTS,
  resolveProportions,
  STEADY_STATE,
} from './proportions.ts';
export { type CompanySummary, formatSummary, summarizeCompany } from './summary.ts';
export type * from './types.ts';
