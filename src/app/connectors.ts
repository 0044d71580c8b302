/** The real adapters: AFAS Profit REST and Microsoft Graph, as the service and workers use them. */

import { type EndpointPolicy, HrsyncError } from '../core/index.ts';
import type { Connectors } from '../jobs/connectors.ts';
import { fetchTrusting } from '../net/index.ts';
import { createAfasSource, testAfasConnection } from '../sources/afas/index.ts';
import { createGraphTarget } from '../targets/graph/index.ts';
import { createDirectoryTarget } from '../targets/ldap/index.ts';

export interface ConnectorOptions {
  /** PEM of an extra certificate authority to trust for AFAS and Graph (HRSYNC_EXTRA_CA_FILE). */
  readonly extraCa?: string | undefined;
  /**
   * The service's endpoint rule (HRSYNC_ALLOWED_ENDPOINT_HOSTS), which its connections to domain
   * controllers keep when they connect. Absent for a directory agent, inside the customer's network.
   */
  readonly endpointPolicy?: EndpointPolicy | undefined;
}

/** What a certificate that is not trusted calls for, said in the service's own setting. */
const TRUST_ADVICE =
  'name its certificate authority in HRSYNC_EXTRA_CA_FILE (a PEM file), or give the server a certificate from a trusted one';

export function realConnectors(options: ConnectorOptions = {}): Connectors {
  // AFAS and Graph trust the extra CA in addition to the public roots. AFAS's pool lives as long as
  // the process (like the global fetch's); a Graph target closes its own.
  const ca = options.extraCa;
  const afas = {
    trustAdvice: TRUST_ADVICE,
    ...(ca === undefined ? {} : { fetch: fetchTrusting(ca).fetch }),
  };
  return {
    source: (config, token) => createAfasSource(config, { token, ...afas }),
    testSource: (config, token, o) => testAfasConnection(config, { token, writeBack: o.writeBack, ...afas }),
    target: (config, credential) => {
      if (config.type === 'active-directory') {
        if (!('bindPassword' in credential))
          throw new HrsyncError('HRS_SECRET_UNRESOLVED', 'the directory needs a bind password');
        return createDirectoryTarget(config, {
          bindPassword: credential.bindPassword,
          ...(options.endpointPolicy ? { endpointPolicy: options.endpointPolicy } : {}),
        });
      }
      if ('bindPassword' in credential)
        throw new HrsyncError(
          'HRS_SECRET_UNRESOLVED',
          'Microsoft Graph needs a client secret or certificate',
        );
      return createGraphTarget(config, {
        credential,
        trustAdvice: TRUST_ADVICE,
        ...(ca === undefined ? {} : { ca }),
      });
    },
  };
}
