/**
 * The adapters a run and a test action need, behind one interface so the service can be composed
 * with the real AFAS and Graph clients (src/app) and the worker stays independent of their wiring.
 */
import type { SourceConfig, TargetConfig } from '../core/index.ts';
import type { Source, Target } from '../engine/ports.ts';

/**
 * A resolved target credential: a Graph app's client secret, or its PEM certificate with its PEM
 * private key; or a directory's bind password.
 */
export type CredentialMaterial =
  | { readonly clientSecret: string }
  | { readonly certificatePem: string; readonly privateKeyPem: string }
  | { readonly bindPassword: string };

export interface SourceTestResult {
  readonly ok: boolean;
  readonly message: string;
  readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly message: string }[];
}

export interface Connectors {
  source(config: SourceConfig, token: string): Source;
  testSource(
    config: SourceConfig,
    token: string,
    options: { readonly writeBack: boolean },
  ): Promise<SourceTestResult>;
  target(config: TargetConfig, credential: CredentialMaterial): Target;
}
