export { buildGraphEmulator, type GraphEmulator } from './app.ts';
export type { GraphEmulatorState } from './emulator-state.ts';
export type { FaultSettings, FaultState } from './faults.ts';
export {
  type AppRegistrationInput,
  DEFAULT_PERMISSIONS,
  KNOWN_PERMISSIONS,
} from './identity/app-registration.ts';
export type { GraphEmulatorOptions } from './options.ts';
export type { RequestCounts, RouteCount } from './request-log.ts';
export { type RunningGraphEmulator, type StartGraphEmulatorOptions, startGraphEmulator } from './start.ts';
export type { ThrottleDescription, ThrottleSettings } from './throttle/throttle.ts';
