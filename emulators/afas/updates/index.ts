export type { AppliedChange, UpdateRecord } from './update-log.ts';
export { UpdateLog } from './update-log.ts';
export { UPDATE_CONNECTORS, updateConnector, updateHandler } from './update-route.ts';
