/**
 * The stack the browser drives: `hrsync serve` started in process by its own composition root
 * (src/app startService: API, console from web/dist, scheduler and worker) on a free port with a
 * temp data folder, plus the AFAS and Microsoft 365 emulators — wired as `hrsync demo` wires them,
 * but with a small hand-made company so each test states exactly the people it is about.
 * Users of each role are seeded in the store (there is no sign-up); customers and tenants are
 * registered through the API, the way an administrator would.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningAfasEmulator, startAfasEmulator } from '../../../emulators/afas/index.ts';
import type { AfasDataset, TenantDataset } from '../../../emulators/demo-data/types.ts';
import { type RunningGraphEmulator, startGraphEmulator } from '../../../emulators/graph/index.ts';
import { hashPassword } from '../../../src/api/index.ts';
import { loadServiceConfig, type RunningService, startService } from '../../../src/app/index.ts';
import {
  createCustomer,
  createTenant,
  type Endpoint,
  pathFor,
  signIn,
} from '../../../src/contracts/index.ts';
import type { Role } from '../../../src/core/index.ts';
import type { Store } from '../../../src/store/index.ts';
import { company, type PersonSpec, tenant } from '../../engine/company.ts';

export const WEB_DIST = join(import.meta.dirname, '..', '..', '..', 'web', 'dist');

export type UserKey = 'admin' | 'operator' | 'viewer';
export interface StackUser {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

export interface Stack {
  readonly url: string;
  readonly store: Store;
  readonly graph: RunningGraphEmulator;
  /** The MSP's own Entra tenant for "Sign in with Microsoft", when asked for (`identity`). */
  readonly identity: RunningGraphEmulator | undefined;
  afas: RunningAfasEmulator;
  readonly organisationName: string;
  readonly users: Readonly<Record<UserKey, StackUser>>;
  /** Calls the API over HTTP as a seeded user (setup and checks; the UI is what is under test). */
  api<T = unknown>(
    endpoint: Endpoint,
    options?: {
      params?: Record<string, string>;
      query?: Record<string, string | number>;
      body?: unknown;
      as?: UserKey;
    },
  ): Promise<T>;
  /** Registers a customer with a cloud tenant on the Graph emulator; returns their names and ids. */
  addCustomerWithTenant(
    customerName: string,
    tenantName: string,
  ): Promise<{ customerId: string; tenantId: string }>;
  /** Makes AFAS answer the next read of the employees slowly, so a run is seen while it runs. */
  slowDownAfas(ms: number): Promise<void>;
  /** Serves a different AFAS dataset on the same URL, as if HR changed the data. */
  replaceAfasData(dataset: AfasDataset): Promise<void>;
  close(): Promise<void>;
}

/** A small company: enough people for every action, few enough to run in a second. */
export function people(count: number): PersonSpec[] {
  const given = [
    'Marieke',
    'Jan',
    'Eva',
    'Daan',
    'Sanne',
    'Lucas',
    'Femke',
    'Bram',
    'Lotte',
    'Thijs',
    'Noor',
    'Sem',
  ];
  const family = [
    'Bos',
    'Jansen',
    'Visser',
    'Smit',
    'Meijer',
    'Mulder',
    'Bakker',
    'Dekker',
    'Brouwer',
    'Vos',
    'Peters',
    'Hendriks',
  ];
  return Array.from({ length: count }, (_, i) => ({
    n: String(1000 + i),
    given: given[i % given.length]!,
    // Beyond twelve people the names repeat with a number, so every name stays unique.
    family: `${family[i % family.length]!}${i >= family.length ? ` ${Math.floor(i / family.length) + 1}` : ''}`,
    jobs: [
      {
        start: '2020-01-01',
        title: i === 0 ? 'Directeur' : 'Adviseur',
        ...(i > 0 ? { manager: '1000' } : {}),
      },
    ],
  }));
}

export const afasData = (persons: readonly PersonSpec[]): AfasDataset => company(persons);

export async function startStack(
  options: {
    readonly persons?: readonly PersonSpec[];
    /** More hosts the service may connect to (a suite's own Samba domain controller address). */
    readonly allowedHosts?: readonly string[];
    /**
     * The MSP's own Entra tenant, served by a second identity emulator (as `hrsync demo` does), apart
     * from the customer's tenant that connections provision; it has one app registration.
     */
    readonly identity?: TenantDataset;
    /**
     * Serve with HRSYNC_PUBLIC_URL set to the service's own address, so notification e-mails carry
     * links into the console (the port is chosen free beforehand).
     */
    readonly publicUrl?: boolean;
  } = {},
): Promise<Stack> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `The console is not built (${WEB_DIST}/index.html is missing). Run \`npm run build:web\` ` +
        '(npm test does this first).',
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'hrsync-browser-'));
  let afas = await startAfasEmulator({ dataset: company(options.persons ?? people(12)) });
  const afasPort = Number(new URL(afas.baseUrl).port);
  const afasToken = afas.token.xml;
  // One test CA for both emulators (the second finds it in the folder), so the service trusts both.
  const tlsDir = join(dataDir, 'tls');
  const graph = await startGraphEmulator({ tenant: tenant(), port: null, httpsPort: 0, tlsDir });
  if (!graph.caCertPem) throw new Error('the Graph emulator started without its test CA');
  const identity = options.identity
    ? await startGraphEmulator({ tenant: options.identity, port: null, httpsPort: 0, tlsDir })
    : undefined;
  const port = options.publicUrl ? await freePort() : 0;
  // An empty environment: the suite must not depend on the machine's HRSYNC_* variables.
  const config = {
    ...loadServiceConfig(
      { dataDir, host: '127.0.0.1', port, logLevel: 'silent' },
      options.publicUrl ? { HRSYNC_PUBLIC_URL: `http://127.0.0.1:${port}` } : {},
    ),
    webDir: WEB_DIST,
    pollMs: 100,
    allowedEndpointHosts: ['127.0.0.1', 'localhost', ...(options.allowedHosts ?? [])],
  };
  const service: RunningService = await startService(config, {
    print: () => {},
    extraCa: graph.caCertPem,
    skipBootstrap: true,
  });
  const { store } = service.runtime;
  const url = service.url;

  const organisationName = 'Northwind IT Services';
  const organisation = await store.organisations.create(organisationName);
  const seed = async (role: Role, name: string): Promise<StackUser> => {
    const email = `${role}@northwind.test`;
    const password = `pw-${randomBytes(9).toString('hex')}`;
    await store.users.create({
      organisationId: organisation.id,
      email,
      name,
      role,
      passwordHash: await hashPassword(password),
    });
    return { email, password, name };
  };
  const users = {
    admin: await seed('admin', 'Anna Admin'),
    operator: await seed('operator', 'Otto Operator'),
    viewer: await seed('viewer', 'Vera Viewer'),
  };

  const cookies = new Map<UserKey, string>();
  const signedIn = async (who: UserKey): Promise<string> => {
    const known = cookies.get(who);
    if (known) return known;
    const res = await fetch(url + pathFor(signIn), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: users[who].email, password: users[who].password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${who} failed: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    cookies.set(who, cookie);
    return cookie;
  };

  const api: Stack['api'] = async (endpoint, o = {}) => {
    const query = new URLSearchParams(
      Object.entries(o.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const res = await fetch(`${url}${pathFor(endpoint, o.params ?? {})}${query ? `?${query}` : ''}`, {
      method: endpoint.method,
      headers: {
        cookie: await signedIn(o.as ?? 'admin'),
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${endpoint.operationId} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as never;
  };

  const stack: Stack = {
    url,
    store,
    graph,
    identity,
    afas,
    organisationName,
    users,
    api,
    async addCustomerWithTenant(customerName, tenantName) {
      const customer = await api<{ id: string }>(createCustomer, { body: { name: customerName } });
      const registered = graph.apps[0];
      if (!registered) throw new Error('the Graph emulator registered no app');
      const created = await api<{ id: string }>(createTenant, {
        body: {
          customerId: customer.id,
          name: tenantName,
          type: 'cloud',
          directoryId: graph.tenantId,
          verifiedDomains: ['contoso.nl', 'contoso.onmicrosoft.com'],
          clientId: registered.clientId,
          clientSecret: registered.clientSecret,
          authorityHost: graph.url,
          graphBaseUrl: graph.url,
          subscriptionActive: true,
        },
      });
      return { customerId: customer.id, tenantId: created.id };
    },
    async slowDownAfas(ms) {
      const res = await fetch(`${afas.adminUrl}/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'latency', ms, count: 1, connector: 'T4E_HelloID_Users_v2' }),
      });
      if (res.status !== 201) throw new Error(`the AFAS emulator refused the fault: ${await res.text()}`);
    },
    async replaceAfasData(dataset) {
      await afas.close();
      afas = await startAfasEmulator({ dataset, token: afasToken, port: afasPort });
      stack.afas = afas;
    },
    async close() {
      await service.stop();
      await Promise.all([afas.close(), graph.close(), identity?.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** A port nobody listens on now (asked of the system, then released for the service to take). */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
