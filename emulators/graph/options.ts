import type { TenantDataset } from '../demo-data/types.ts';
import type { FaultSettings } from './faults.ts';
import type { AppRegistrationInput } from './identity/app-registration.ts';
import type { ThrottleSettings } from './throttle/throttle.ts';

export interface GraphEmulatorOptions {
  /** The tenant served: users, groups, domains, licences. */
  readonly tenant: TenantDataset;
  /** App registrations allowed to get tokens. Default: one app with a generated id and secret. */
  readonly apps?: readonly AppRegistrationInput[];
  /**
   * Multiplies every throttling window (quotas stay): 0.01 turns "3,000 writes per 150 s" into
   * "3,000 writes per 1.5 s". Default 1.
   */
  readonly timeScale?: number;
  readonly throttling?: ThrottleSettings;
  /** Faults armed at start; change them later through `/__admin/faults`. */
  readonly faults?: FaultSettings;
  /** Access-token lifetime; Entra issues 3599 s by default. */
  readonly tokenLifetimeSeconds?: number;
  /**
   * Refuse a client assertion whose `jti` was already used (default false: MSAL re-sends its cached
   * assertion for 10 minutes when it skips the token cache, so Entra evidently accepts it).
   */
  readonly rejectAssertionReplay?: boolean;
  /** Clock in epoch milliseconds (tests move it to expire tokens). */
  readonly now?: () => number;
  /** Fastify request logging. Default false. */
  readonly logger?: boolean;
}
