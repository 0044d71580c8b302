export { type AfasEmulator, buildAfasEmulator } from './app.ts';
export { type AfasEmulatorOptions, AfasEmulatorState } from './emulator-state.ts';
export {
  checkFault,
  type FaultKind,
  type FaultSpec,
  FaultSpecSchema,
  parseFaultArgument,
} from './fault-spec.ts';
export type { RequestCount, RequestRecord } from './request-log.ts';
export { type RunningAfasEmulator, type StartAfasEmulatorOptions, startAfasEmulator } from './start.ts';
export { type AfasToken, afasToken } from './token.ts';
export type { AppliedChange, UpdateRecord } from './updates/index.ts';
