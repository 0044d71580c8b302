/** The real adapters: AFAS Profit REST and Microsoft Graph, as the service and workers use them. */

import { HrsyncError } from '../core/index.ts';
import type { Connectors } from '../jobs/connectors.ts';
import { createAfasSource, testAfasConnection } from '../sources/afas/index.ts';
import { createGraphTarget } from '../targets/graph/index.ts';
import { createDirectoryTarget } from '../targets/ldap/index.ts';

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
    target: (config, credential) => {
      if (config.type === 'active-directory') {
        if (!('bindPassword' in credential))
          throw new HrsyncError('HRS_SECRET_UNRESOLVED', 'the directory needs a bind password');
        return createDirectoryTarget(config, { bindPassword: credential.bindPassword });
      }
      if ('bindPassword' in credential)
        throw new HrsyncError(
          'HRS_SECRET_UNRESOLVED',
          'Microsoft Graph needs a client secret or certificate',
        );
      return createGraphTarget(config, { credential, ...(ca === undefined ? {} : { ca }) });
    },
  };
}
