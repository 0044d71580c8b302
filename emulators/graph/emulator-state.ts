import { randomUUID } from 'node:crypto';
import type { TenantDataset } from '../demo-data/types.ts';
import { Directory } from './directory/directory.ts';
import { Faults } from './faults.ts';
import { type AppRegistration, registerApp } from './identity/app-registration.ts';
import { SignInSessions } from './identity/authorize.ts';
import { ReplayGuard } from './identity/client-assertion.ts';
import { createTokenSigner, type TokenSigner } from './identity/token-signer.ts';
import type { GraphEmulatorOptions } from './options.ts';
import { RequestLog } from './request-log.ts';
import { Throttle } from './throttle/throttle.ts';

/** Everything one emulator instance knows; routes receive it, `/__admin/reset` rewinds it. */
export class GraphEmulatorState {
  directory: Directory;
  readonly faults: Faults;
  readonly requests = new RequestLog();
  readonly throttle: Throttle;
  readonly replayGuard: ReplayGuard | undefined;
  readonly timeScale: number;
  readonly signIns = new SignInSessions();

  private constructor(
    private readonly initial: TenantDataset,
    readonly apps: ReadonlyMap<string, AppRegistration>,
    readonly signer: TokenSigner,
    readonly now: () => number,
    options: GraphEmulatorOptions,
  ) {
    this.directory = new Directory(initial, now);
    this.faults = new Faults(options.faults);
    this.timeScale = options.timeScale ?? 1;
    this.throttle = new Throttle(options.throttling ?? {}, this.timeScale, now);
    // MSAL re-sends its cached client assertion (10 minutes) when it skips the token cache, so Entra
    // evidently accepts a repeated jti; refusing it is opt-in.
    this.replayGuard = options.rejectAssertionReplay === true ? new ReplayGuard() : undefined;
  }

  static async create(options: GraphEmulatorOptions): Promise<GraphEmulatorState> {
    const now = options.now ?? Date.now;
    const inputs = options.apps ?? [{ clientId: randomUUID() }];
    if (inputs.length === 0) throw new Error('Configure at least one app registration');
    const apps = new Map(
      inputs.map((input) => [input.clientId.toLowerCase(), registerApp(input, randomUUID())]),
    );
    const signer = await createTokenSigner(options.tokenLifetimeSeconds ?? 3599);
    // Keep our own copy so a caller mutating its dataset cannot change what reset restores.
    return new GraphEmulatorState(structuredClone(options.tenant), apps, signer, now, options);
  }

  /** Back to the dataset given at start; faults, counters, throttling and seen assertions cleared. */
  reset(): void {
    this.directory = new Directory(this.initial, this.now);
    this.faults.clear();
    this.requests.reset();
    this.throttle.reset();
    this.replayGuard?.clear();
  }
}
