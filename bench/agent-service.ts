/**
 * The hrsync service the agent benchmark talks to: a real store (SQLite in a temp folder), the real app
 * over HTTPS with a test CA, production agent timings, one hybrid tenant reached through agents and a
 * registration key for it. Built from src/ and the emulators' TLS helper only — no test support — so
 * `npm run bench` does not depend on how the test suites are arranged.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTestPki, type TestPki } from '../emulators/shared/tls.ts';
import { sha256 } from '../src/api/auth/credentials.ts';
import { buildApp } from '../src/api/index.ts';
import { realConnectors } from '../src/app/connectors.ts';
import { DEFAULT_AGENT_TIMINGS, ServiceMetrics } from '../src/jobs/index.ts';
import { openStore, type Store, type Tenant } from '../src/store/index.ts';

export interface BenchAgentService {
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly url: string;
  readonly pki: TestPki;
  readonly tenant: Tenant;
  /** A one-time registration key for a new agent of the tenant. */
  newKey(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchAgentService(dir: string): Promise<BenchAgentService> {
  const store = await openStore({ sqliteFile: join(dir, 'hrsync.db'), secretKey: randomBytes(32) });
  const pki = createTestPki({ hosts: ['localhost', '127.0.0.1'] });
  const app = await buildApp({
    store,
    connectors: realConnectors(),
    metrics: new ServiceMetrics(store),
    https: { cert: pki.certPem, key: pki.keyPem },
    agentTimings: DEFAULT_AGENT_TIMINGS,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const organisation = await store.organisations.create('Bench MSP');
  const customer = await store.customers.create(organisation.id, 'Bench customer');
  const created = await store.tenants.create(organisation.id, {
    customerId: customer.id,
    name: 'Bench hybrid',
    type: 'hybrid',
    directoryId: 'bench.local',
    verifiedDomains: ['bench.nl'],
    clientId: null,
    credential: null,
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    subscriptionActive: true,
  });
  const tenant = (await store.tenants.setDirectoryViaAgents(organisation.id, created.id, true)) ?? created;
  return {
    store,
    app,
    url: `https://127.0.0.1:${port}`,
    pki,
    tenant,
    async newKey(name) {
      const key = `hra_${randomBytes(32).toString('base64url')}`;
      await store.agents.createRegistration({
        organisationId: organisation.id,
        tenantId: tenant.id,
        name,
        createdBy: 'bench',
        keyHash: sha256(key),
        keyExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      return key;
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
