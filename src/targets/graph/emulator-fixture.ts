/**
 * Test support: the Graph emulator over HTTPS with its test CA, a target configured for it, and the
 * emulator's state (faults, request counts, users). Used by the integration tests beside this file.
 */
import { randomUUID } from 'node:crypto';
import type { GraphUserRecord, TenantDataset } from '../../../emulators/demo-data/types.ts';
import {
  type RunningGraphEmulator,
  type StartGraphEmulatorOptions,
  startGraphEmulator,
} from '../../../emulators/graph/index.ts';
import type { GraphTargetConfig } from '../../core/index.ts';
import { createGraphTarget, type GraphDeps, type GraphTarget } from './index.ts';

export const DOMAIN = 'contoso.nl';

export function tenantWith(users: GraphUserRecord[]): TenantDataset {
  return {
    tenantId: randomUUID(),
    displayName: 'Contoso BV',
    domains: [
      { id: DOMAIN, isVerified: true, isDefault: true },
      { id: 'pending.example', isVerified: false, isDefault: false },
    ],
    users,
    groups: [],
    subscribedSkus: [],
  };
}

/** `count` existing users: employee ids E0000…, UPNs user0@contoso.nl… */
export function existingUsers(count: number): GraphUserRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    userPrincipalName: `user${i}@${DOMAIN}`,
    displayName: `User ${i}`,
    mailNickname: `user${i}`,
    mail: `user${i}@${DOMAIN}`,
    accountEnabled: true,
    employeeId: `E${String(i).padStart(4, '0')}`,
    jobTitle: 'Medewerker',
  }));
}

export interface GraphFixture {
  readonly graph: RunningGraphEmulator;
  readonly config: GraphTargetConfig;
  readonly clientSecret: string;
  target(deps?: Partial<GraphDeps>): GraphTarget;
  users(): GraphUserRecord[];
  close(): Promise<void>;
}

export async function startGraphFixture(
  options: Partial<StartGraphEmulatorOptions> & { users?: GraphUserRecord[] } = {},
): Promise<GraphFixture> {
  const { users = [], ...rest } = options;
  const graph = await startGraphEmulator({ tenant: tenantWith(users), port: null, httpsPort: 0, ...rest });
  const app = graph.apps[0];
  if (app === undefined || graph.caCertPem === undefined) throw new Error('emulator without app or CA');
  const config: GraphTargetConfig = {
    type: 'entra',
    tenantId: graph.tenantId,
    clientId: app.clientId,
    credential: { type: 'secret', secret: { value: app.clientSecret } },
    defaultDomain: DOMAIN,
    authorityHost: graph.url,
    graphBaseUrl: graph.url,
    usePasswordProfile: true,
  };
  const targets: GraphTarget[] = [];
  return {
    graph,
    config,
    clientSecret: app.clientSecret,
    target(deps = {}) {
      const target = createGraphTarget(config, {
        credential: { clientSecret: app.clientSecret },
        ca: graph.caCertPem as string,
        ...deps,
      });
      targets.push(target);
      return target;
    },
    users: () => graph.state.directory.snapshot().users,
    async close() {
      await Promise.all(targets.map((t) => t.close()));
      await graph.close();
    },
  };
}
