/**
 * Prepares the demo through the API itself (signed in as the demo admin), so the demo's data went
 * through the same validation and audit log as anything a user does.
 */
import {
  createConnection,
  createCustomer,
  createTenant,
  createUser,
  type Endpoint,
  pathFor,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  signIn,
} from '../contracts/index.ts';
import { DEFAULT_SECTIONS } from '../engine/index.ts';
import { bootstrap, generatePassword } from './bootstrap.ts';
import type { RunningService } from './serve.ts';

export interface DemoSystems {
  readonly afasBaseUrl: string;
  readonly afasToken: string;
  readonly directoryId: string;
  readonly domains: readonly string[];
  readonly clientId: string;
  readonly clientSecret: string;
  readonly graphUrl: string;
}

export const DEMO_ADMIN = 'admin@demo.hrsync.local';

export async function seedDemo(service: RunningService, systems: DemoSystems) {
  const password = generatePassword();
  const first = await bootstrap(service.runtime.store, {
    organisation: 'Demo MSP',
    email: DEMO_ADMIN,
    password,
  });
  if (!first) throw new Error('the demo database is not empty');
  const login = await service.app.inject({
    method: 'POST',
    url: pathFor(signIn),
    payload: { email: DEMO_ADMIN, password },
  });
  const cookie = login.cookies.find((c) => c.name === 'hrsync_session');
  if (login.statusCode !== 200 || !cookie) throw new Error(`demo sign-in failed: ${login.body}`);
  const call = async (endpoint: Endpoint, body: unknown, params: Record<string, string> = {}) => {
    const res = await service.app.inject({
      method: endpoint.method,
      url: pathFor(endpoint, params),
      headers: { cookie: `hrsync_session=${cookie.value}` },
      payload: body as object,
    });
    if (res.statusCode >= 300)
      throw new Error(`demo setup: ${endpoint.operationId} answered ${res.statusCode}: ${res.body}`);
    return res.json() as { id: string };
  };
  await call(createUser, {
    email: 'operator@demo.hrsync.local',
    name: 'Demo operator',
    role: 'operator',
    password: generatePassword(),
  });
  const customer = await call(createCustomer, { name: 'Contoso' });
  const tenant = await call(createTenant, {
    customerId: customer.id,
    name: 'Contoso (Microsoft 365)',
    type: 'cloud',
    directoryId: systems.directoryId,
    verifiedDomains: systems.domains,
    clientId: systems.clientId,
    clientSecret: systems.clientSecret,
    authorityHost: systems.graphUrl,
    graphBaseUrl: systems.graphUrl,
    subscriptionActive: true,
  });
  const connection = await call(createConnection, {
    name: 'Contoso — AFAS to Microsoft 365',
    description: 'Demo: the generated Contoso company in AFAS, synchronised to its Microsoft 365 tenant.',
    sourceSystem: 'afas-profit',
    destinationType: 'cloud',
    tenantId: tenant.id,
  });
  const id = { id: connection.id };
  await call(saveSourceStep, { environment: { baseUrl: systems.afasBaseUrl }, token: systems.afasToken }, id);
  await call(
    saveDestinationStep,
    { tenantId: tenant.id, defaultDomain: systems.domains[0] ?? 'contoso.nl' },
    id,
  );
  await call(
    saveMappingStep,
    {
      mapping: DEFAULT_SECTIONS.mapping,
      matching: DEFAULT_SECTIONS.matching,
      uniqueness: DEFAULT_SECTIONS.uniqueness,
      writeBack: DEFAULT_SECTIONS.writeBack,
    },
    id,
  );
  await call(
    saveScopeStep,
    {
      scope: DEFAULT_SECTIONS.scope,
      persons: DEFAULT_SECTIONS.persons,
      lifecycle: DEFAULT_SECTIONS.lifecycle,
      thresholds: DEFAULT_SECTIONS.thresholds,
      timeZone: DEFAULT_SECTIONS.timeZone,
    },
    id,
  );
  return { email: DEMO_ADMIN, password, connectionId: connection.id };
}
