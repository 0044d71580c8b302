/**
 * The smallest valid cloud connection for the planner's unit tests: defaults, an AFAS source and an
 * Entra target at `.invalid` hosts (nothing is contacted). Tests spread it and set what they test.
 */
import type { ConnectionConfig } from '../../core/index.ts';
import { DEFAULT_SECTIONS } from '../defaults.ts';

export const cloudTestConfig = (): ConnectionConfig => ({
  version: 1,
  ...structuredClone(DEFAULT_SECTIONS),
  source: {
    type: 'afas-profit',
    environment: { baseUrl: 'http://afas.invalid/ProfitRestServices' },
    token: { value: 'x' },
    connectors: { users: 'U', employments: 'E', organizationalUnits: 'O' },
    pageSize: 1000,
    parallel: 8,
  },
  target: {
    type: 'entra',
    tenantId: 't',
    clientId: 'c',
    credential: { type: 'secret', secret: { value: 's' } },
    defaultDomain: 'contoso.nl',
    authorityHost: 'https://login.invalid',
    graphBaseUrl: 'https://graph.invalid',
    usePasswordProfile: true,
  },
});
