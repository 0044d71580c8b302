/**
 * One running hrsync service per dialect for the API suites: a real store, the real app built by
 * buildApp(), the real AFAS and Graph emulators behind the real adapters, and users of two
 * organisations. Every response body and log line is kept for the secret scan.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type RunningAfasEmulator, startAfasEmulator } from '../../../emulators/afas/index.ts';
import { type RunningGraphEmulator, startGraphEmulator } from '../../../emulators/graph/index.ts';
import { buildApp, hashPassword } from '../../../src/api/index.ts';
import { AnalysisThread } from '../../../src/app/analysis-thread.ts';
import { loadServiceConfig } from '../../../src/app/config.ts';
import { realConnectors } from '../../../src/app/connectors.ts';
import { createLogger } from '../../../src/app/logger.ts';
import { type Endpoint, pathFor, signIn } from '../../../src/contracts/index.ts';
import type { Role } from '../../../src/core/index.ts';
import { engineExecutor, ServiceMetrics, Worker } from '../../../src/jobs/index.ts';
import { Notifier, type ServerSmtp } from '../../../src/notify/index.ts';
import { type DialectName, openStore, type Store } from '../../../src/store/index.ts';
import { company, type PersonSpec, tenant } from '../../engine/company.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export const PEOPLE: readonly PersonSpec[] = [
  { n: '1000', given: 'Marieke', family: 'Bos', jobs: [{ start: '2015-01-01', title: 'Directeur' }] },
  {
    n: '1001',
    given: 'Jan',
    family: 'Jansen',
    jobs: [{ start: '2020-03-01', title: 'Adviseur', manager: '1000' }],
  },
  {
    n: '1002',
    given: 'Eva',
    family: 'Boele',
    prefix: 'van den',
    jobs: [{ start: '2021-01-01', title: 'Developer', unit: 'ICT', manager: '1000' }],
  },
];

/** The bearer token the suites' /metrics requires (HRSYNC_METRICS_TOKEN in production). */
export const METRICS_TOKEN = 'metrics-token-for-the-test-suites-0123456789';

export type UserKey = 'admin' | 'operator' | 'viewer' | 'otherAdmin';

export interface CallOptions {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** Who calls: a seeded user, an API token, or nobody. Default `admin`. */
  readonly as?: UserKey | { readonly bearer: string } | null;
  readonly retried?: boolean;
}

export interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the endpoint answered
  readonly body: any;
  readonly text: string;
  readonly headers: Record<string, unknown>;
}

export interface Service {
  readonly dialect: DialectName;
  readonly database: TestDatabase;
  readonly secretKey: Buffer;
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly afas: RunningAfasEmulator;
  readonly graph: RunningGraphEmulator;
  readonly organisationId: string;
  readonly otherOrganisationId: string;
  readonly users: Readonly<
    Record<UserKey, { readonly id: string; readonly email: string; readonly password: string }>
  >;
  /** Every secret value the suite used: none may appear in a response, log line or audit event. */
  readonly secrets: string[];
  readonly responses: { readonly operationId: string; readonly body: string }[];
  readonly logLines: string[];
  readonly worker: Worker;
  /** Notifications after every run the worker finishes (short back-off). */
  readonly notifier: Notifier;
  call(endpoint: Endpoint, options?: CallOptions): Promise<Reply>;
  /** Lets the in-process worker execute every queued run (the real engine against the emulators). */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  readonly clock?: { now(): string };
  /** The AFAS company; default PEOPLE. */
  readonly people?: readonly PersonSpec[];
  /** The server's mail server for notifications; default none. */
  readonly smtp?: ServerSmtp;
  /** Endpoint hosts allowed besides 127.0.0.1 and localhost (HRSYNC_ALLOWED_ENDPOINT_HOSTS), e.g. a Samba DC. */
  readonly allowedEndpointHosts?: readonly string[];
  /** How long a client has to send a request whole (buildApp's `requestTimeoutMs`); default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Items or audit events an export writes per batch (buildApp's `exportBatch`); default 500. */
  readonly exportBatch?: number;
}

export async function startService(dialect: DialectName, options: ServiceOptions = {}): Promise<Service> {
  const database: TestDatabase = await createTestDatabase(dialect);
  const afas = await startAfasEmulator({ dataset: company(options.people ?? PEOPLE) });
  const graph = await startGraphEmulator({ tenant: tenant(), port: null, httpsPort: 0 });
  const secretKey = randomBytes(32);
  const store = await openStore({
    databaseUrl: database.databaseUrl,
    sqliteFile: database.sqliteFile,
    secretKey,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const endpointPolicy = {
    allowedHosts: ['127.0.0.1', 'localhost', ...(options.allowedEndpointHosts ?? [])],
  };
  const connectors = realConnectors({ extraCa: graph.caCertPem, endpointPolicy });
  const metrics = new ServiceMetrics(store);
  const notifier = new Notifier({
    store,
    smtp: options.smtp ?? null,
    endpointPolicy,
    publicUrl: 'https://hrsync.example.test',
    retryDelaysMs: [50, 200],
    timeoutMs: 5_000,
  });
  const worker = new Worker({
    store,
    execute: engineExecutor({ store, connectors }),
    metrics,
    leaseMs: 30_000,
    onFinished: (run) => notifier.runFinished(run),
  });
  // Previews and run comparisons in their own thread on the same database, as the service runs them
  // (a suite that moves the clock keeps them in this thread, on its clock).
  const analyses = options.clock
    ? undefined
    : new AnalysisThread({
        config: loadServiceConfig(
          { dataDir: database.dataDir, databaseUrl: database.databaseUrl, logLevel: 'silent' },
          { HRSYNC_ALLOWED_ENDPOINT_HOSTS: endpointPolicy.allowedHosts.join(',') },
        ),
        secretKey,
        ...(graph.caCertPem === undefined ? {} : { extraCa: graph.caCertPem }),
      });
  const app = await buildApp({
    store,
    connectors,
    metrics,
    logger: createLogger({ level: 'debug', destination }),
    strictContracts: true,
    endpointPolicy,
    notifier,
    ...(analyses ? { analyses } : {}),
    metricsToken: METRICS_TOKEN,
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.exportBatch === undefined ? {} : { exportBatch: options.exportBatch }),
  });

  const organisation = await store.organisations.create('Acme MSP');
  const other = await store.organisations.create('Other MSP');
  const seed = async (organisationId: string, role: Role, email: string) => {
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const user = await store.users.create({
      organisationId,
      email,
      name: email,
      role,
      passwordHash: await hashPassword(password),
    });
    return { id: user.id, email, password };
  };
  const users = {
    admin: await seed(organisation.id, 'admin', `admin-${dialect}@acme.test`),
    operator: await seed(organisation.id, 'operator', `operator-${dialect}@acme.test`),
    viewer: await seed(organisation.id, 'viewer', `viewer-${dialect}@acme.test`),
    otherAdmin: await seed(other.id, 'admin', `admin-${dialect}@other.test`),
  };
  const secrets = [
    afas.token.xml,
    ...graph.apps.map((a) => a.clientSecret),
    ...Object.values(users).map((u) => u.password),
  ];
  const responses: { operationId: string; body: string }[] = [];
  const cookies = new Map<UserKey, string>();

  const call = async (endpoint: Endpoint, o: CallOptions = {}): Promise<Reply> => {
    const who = o.as === undefined ? 'admin' : o.as;
    const headers: Record<string, string> = {};
    if (typeof who === 'string') {
      let cookie = cookies.get(who);
      if (cookie === undefined) {
        const user = users[who];
        const res = await app.inject({
          method: 'POST',
          url: pathFor(signIn),
          payload: { email: user.email, password: user.password },
        });
        if (res.statusCode !== 200) throw new Error(`sign-in of ${who} failed: ${res.body}`);
        responses.push({ operationId: signIn.operationId, body: res.body });
        const set = res.cookies.find((c) => c.name === 'hrsync_session');
        if (!set) throw new Error('no session cookie');
        cookie = `hrsync_session=${set.value}`;
        cookies.set(who, cookie);
      }
      headers.cookie = cookie;
    } else if (who !== null) {
      headers.authorization = `Bearer ${who.bearer}`;
    }
    const query = Object.fromEntries(
      Object.entries(o.query ?? {})
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    const res = await app.inject({
      method: endpoint.method,
      url: pathFor(endpoint, o.params ?? {}),
      query,
      headers,
      ...(o.body === undefined ? {} : { payload: o.body as object }),
    });
    if (res.statusCode === 401 && typeof who === 'string' && cookies.has(who) && o.retried !== true) {
      // The session expired (tests move the clock): sign in again once.
      cookies.delete(who);
      return call(endpoint, { ...o, retried: true });
    }
    responses.push({ operationId: endpoint.operationId, body: res.body });
    let body: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('application/json') && res.body !== '')
      body = res.json();
    return { status: res.statusCode, body, text: res.body, headers: res.headers };
  };

  return {
    dialect,
    database,
    secretKey,
    store,
    app,
    afas,
    graph,
    organisationId: organisation.id,
    otherOrganisationId: other.id,
    users,
    secrets,
    responses,
    logLines,
    call,
    worker,
    notifier,
    async drain() {
      let n = 0;
      while (await worker.tick()) n++;
      return n;
    },
    async close() {
      await notifier.idle();
      await analyses?.close();
      await app.close();
      await store.close();
      await Promise.all([afas.close(), graph.close()]);
      await database.dispose();
    },
  };
}
