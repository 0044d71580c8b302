/** The real adapters: AFAS Profit REST and Microsoft Graph, as the service and workers use them. */
import type { Connectors } from '../jobs/connectors.ts';
import { createAfasSource, testAfasConnection } from '../sources/afas/index.ts';
import { createGraphTarget } from '../targets/graph/index.ts';

export interface ConnectorOptions {
  /** PEM of an extra certificate authority to trust for Graph (the emulator's test CA). */
  readonly extraCa?: string | undefined;
}

export function realConnectors(options: ConnectorOptions = {}): Connectors {
  // The Graph target trusts the extra CA in addition to the public roots.
  const ca = options.extraCa;
  return {
    source: (config, token) => createAfasSource(config, { token }),
    testSource: (config, token, o) => testAfasConnection(config, { token, writeBack: o.writeBack }),
    target: (config, credential) =>
      createGraphTarget(config, {
        credential,
        ...(ca === undefined ? {} : { ca }),
      }),
  };
}
