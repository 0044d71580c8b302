/**
 * A real hrsync service for the agent suites: a real store, the real app over HTTPS (a test CA), short
 * agent timings, and an organisation with a hybrid tenant. Agents reach it as in production, through
 * real TCP (optionally through a proxy that can drop their connections).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createTestPki, type TestPki } from '../../../emulators/shared/tls.ts';
import { sha256 } from '../../../src/api/auth/credentials.ts';
import { buildApp } from '../../../src/api/index.ts';
import { realConnectors } from '../../../src/app/connectors.ts';
import { createLogger } from '../../../src/app/logger.ts';
import { type Endpoint, pathFor } from '../../../src/contracts/index.ts';
import { type AgentTimings, ServiceMetrics } from '../../../src/jobs/index.ts';
import { type DialectName, openStore, type Store } from '../../../src/store/index.ts';
import { createTestDatabase, type TestDatabase } from '../../service/support/databases.ts';

/**
 * Shorter than production (20 s hold, 30 s silence, 60 s claim) so the fault tests finish, but long
 * enough that an agent process starved of CPU for a few seconds on a loaded machine is not taken for
 * a silent one: the tests wait for events, never for these limits to be exact.
 */
export const TEST_TIMINGS: AgentTimings = {
  holdMs: 1_000,
  heartbeatMs: 250,
  silenceMs: 10_000,
  claimTimeoutMs: 15_000,
};

export interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the endpoint answered
  readonly body: any;
  readonly text: string;
}

export interface AgentService {
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly url: string;
  readonly port: number;
  readonly pki: TestPki;
  readonly organisationId: string;
  readonly tenantId: string;
  readonly adminToken: string;
  readonly logLines: string[];
  readonly responses: string[];
  call(
    endpoint: Endpoint,
    options?: { params?: Record<string, string>; body?: unknown; bearer?: string | null },
  ): Promise<Reply>;
  /** A new registration; returns the one-time key and the agent id. */
  newRegistration(name: string): Promise<{ key: string; agentId: string }>;
  /**
   * Another API process of the same installation, as behind a load balancer: its own store on the
   * same database, its own app and port. Closed with the service.
   */
  secondApi(): Promise<{ readonly url: string; readonly app: FastifyInstance }>;
  close(): Promise<void>;
}

export async function startAgentService(
  dialect: DialectName = 'sqlite',
  options: {
    timings?: AgentTimings;
    requestTimeoutMs?: number;
    agentReadBytes?: number;
    agentPageBytes?: number;
  } = {},
): Promise<AgentService> {
  const database: TestDatabase = await createTestDatabase(dialect);
  const secretKey = randomBytes(32);
  const open = () =>
    openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, secretKey });
  const store = await open();
  const pki = createTestPki({ hosts: ['localhost', '127.0.0.1'] });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const listen = async (on: Store) => {
    const built = await buildApp({
      store: on,
      connectors: realConnectors(),
      metrics: new ServiceMetrics(on),
      logger: createLogger({ level: 'debug', destination }),
      strictContracts: true,
      https: { cert: pki.certPem, key: pki.keyPem },
      agentTimings: options.timings ?? TEST_TIMINGS,
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
      ...(options.agentReadBytes === undefined ? {} : { agentReadBytes: options.agentReadBytes }),
      ...(options.agentPageBytes === undefined ? {} : { agentPageBytes: options.agentPageBytes }),
    });
    await built.listen({ host: '127.0.0.1', port: 0 });
    const address = built.server.address();
    return { app: built, port: typeof address === 'object' && address ? address.port : 0 };
  };
  const { app, port } = await listen(store);
  const others: { app: FastifyInstance; store: Store }[] = [];

  const organisation = await store.organisations.create('Acme MSP');
  const customer = await store.customers.create(organisation.id, 'Gemeente Zuid');
  const tenant = await store.tenants.create(organisation.id, {
    customerId: customer.id,
    name: 'Gemeente Zuid (hybrid)',
    type: 'hybrid',
    directoryId: 'zuid.local',
    verifiedDomains: ['zuid.nl'],
    clientId: null,
    credential: null,
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    subscriptionActive: true,
  });
  const adminToken = `hrs_${randomBytes(32).toString('base64url')}`;
  // A token answers to the user who made it (issue 10): an admin of the organisation.
  const tokenOwner = await store.users.create({
    organisationId: organisation.id,
    email: `agent-tests-${randomBytes(4).toString('hex')}@acme.test`,
    name: 'Agent tests',
    role: 'admin',
    passwordHash: 'not-used',
  });
  await store.apiTokens.create({
    organisationId: organisation.id,
    createdBy: tokenOwner.email,
    createdByUserId: tokenOwner.id,
    name: 'agent tests',
    role: 'admin',
    tokenHash: sha256(adminToken),
    prefix: adminToken.slice(0, 8),
    expiresAt: null,
  });
  const responses: string[] = [];

  const service: AgentService = {
    store,
    app,
    url: `https://127.0.0.1:${port}`,
    port,
    pki,
    organisationId: organisation.id,
    tenantId: tenant.id,
    adminToken,
    logLines,
    responses,
    async call(endpoint, o = {}) {
      const bearer = o.bearer === undefined ? adminToken : o.bearer;
      const res = await app.inject({
        method: endpoint.method,
        url: pathFor(endpoint, o.params ?? {}),
        headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
        ...(o.body === undefined ? {} : { payload: o.body as object }),
      });
      responses.push(res.body);
      const body = res.body === '' ? undefined : res.json();
      return { status: res.statusCode, body, text: res.body };
    },
    async newRegistration(name) {
      const { createAgentRegistration } = await import('../../../src/contracts/index.ts');
      const res = await service.call(createAgentRegistration, { params: { id: tenant.id }, body: { name } });
      if (res.status !== 201) throw new Error(`registration failed: ${res.text}`);
      return { key: res.body.key as string, agentId: res.body.agent.id as string };
    },
    async secondApi() {
      const otherStore = await open();
      const other = await listen(otherStore);
      others.push({ app: other.app, store: otherStore });
      return { url: `https://127.0.0.1:${other.port}`, app: other.app };
    },
    async close() {
      for (const other of others) {
        await other.app.close();
        await other.store.close();
      }
      await app.close();
      await store.close();
      await database.dispose();
    },
  };
  return service;
}
