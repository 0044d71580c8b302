/**
 * Prepares the demo through the API itself (signed in as the demo admin), so the demo's data went
 * through the same validation and audit log as anything a user does.
 */
import {
  activateConnection,
  createConnection,
  createCustomer,
  createTenant,
  createUser,
  type Endpoint,
  getRun,
  pathFor,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
  signIn,
  simulate,
  sync,
} from '../contracts/index.ts';
import { DEFAULT_SECTIONS } from '../engine/index.ts';
import { hybridSections } from '../targets/ldap/index.ts';
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
  /**
   * The employee whose account holds an administrator role (demo-showcase.ts): a pilot connection
   * scoped to them is simulated, activated and synced at start-up, so Graph's refusal quarantines them.
   */
  readonly quarantineEmployee?: string;
  /** `hrsync demo --hybrid`: the demo's Samba AD domain controller. */
  readonly directory?: {
    readonly url: string;
    readonly ca: string;
    readonly serverName: string;
    readonly bindUser: string;
    readonly bindPassword: string;
    readonly container: string;
    readonly disabledContainer: string;
    readonly upnSuffix: string;
  };
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
  const call = await demoCaller(service, password);
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
  const connectionId = await addCloudConnection(call, tenant.id, systems, {
    name: 'Contoso — AFAS to Microsoft 365',
    description: 'Demo: the generated Contoso company in AFAS, synchronised to its Microsoft 365 tenant.',
  });
  const pilotConnectionId = systems.quarantineEmployee
    ? await seedPilot(call, tenant.id, systems, systems.quarantineEmployee)
    : undefined;
  const hybridConnectionId = systems.directory
    ? await seedHybrid(call, customer.id, systems, systems.directory)
    : undefined;
  return {
    email: DEMO_ADMIN,
    password,
    tenantId: tenant.id,
    connectionId,
    ...(pilotConnectionId ? { pilotConnectionId } : {}),
    ...(hybridConnectionId ? { hybridConnectionId } : {}),
  };
}

/** An API call as the signed-in demo admin (through `inject`, the same validation and audit). */
export type DemoCall = (
  endpoint: Endpoint,
  body: unknown,
  params?: Record<string, string>,
) => Promise<{ id: string; status?: string }>;
type Call = DemoCall;

export async function demoCaller(service: RunningService, password: string): Promise<DemoCall> {
  const login = await service.app.inject({
    method: 'POST',
    url: pathFor(signIn),
    payload: { email: DEMO_ADMIN, password },
  });
  const cookie = login.cookies.find((c) => c.name === 'hrsync_session');
  if (login.statusCode !== 200 || !cookie) throw new Error(`demo sign-in failed: ${login.body}`);
  return async (endpoint, body, params = {}) => {
    const res = await service.app.inject({
      method: endpoint.method,
      url: pathFor(endpoint, params),
      headers: { cookie: `hrsync_session=${cookie.value}` },
      ...(endpoint.method === 'GET' ? {} : { payload: body as object }),
    });
    if (res.statusCode >= 300)
      throw new Error(`demo setup: ${endpoint.operationId} answered ${res.statusCode}: ${res.body}`);
    return res.json() as { id: string; status?: string };
  };
}

/** A connection from the AFAS environment to a cloud tenant with the default sections, all four steps saved. */
export async function addCloudConnection(
  call: DemoCall,
  tenantId: string,
  systems: DemoSystems,
  about: { readonly name: string; readonly description: string },
): Promise<string> {
  const connection = await call(createConnection, {
    ...about,
    sourceSystem: 'afas-profit',
    destinationType: 'cloud',
    tenantId,
  });
  const id = { id: connection.id };
  await call(saveSourceStep, { environment: { baseUrl: systems.afasBaseUrl }, token: systems.afasToken }, id);
  await call(saveDestinationStep, { tenantId, defaultDomain: systems.domains[0] ?? 'contoso.nl' }, id);
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
  return connection.id;
}

export const DEMO_PILOT_NAME = 'Contoso — pilot: one person';

/**
 * A second connection to the same tenant, scoped to one employee (out-of-scope and vanished persons
 * are left alone, so it writes to no one else): simulated, activated and synced through the API, so
 * the admin finds that employee quarantined on its page — Graph refused their update because the
 * account holds an administrator role, which the simulation could not know.
 */
async function seedPilot(call: Call, tenantId: string, systems: DemoSystems, employeeNumber: string) {
  const connection = await call(createConnection, {
    name: DEMO_PILOT_NAME,
    description: `Demo: a pilot with one employee (${employeeNumber}), synced at start-up. Their account is a User Administrator in Microsoft 365, whose mobile number hrsync may not change, so the employee is quarantined.`,
    sourceSystem: 'afas-profit',
    destinationType: 'cloud',
    tenantId,
  });
  const id = { id: connection.id };
  await call(saveSourceStep, { environment: { baseUrl: systems.afasBaseUrl }, token: systems.afasToken }, id);
  await call(saveDestinationStep, { tenantId, defaultDomain: systems.domains[0] ?? 'contoso.nl' }, id);
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
      scope: {
        filters: [{ clauses: [{ attribute: 'Medewerker', operator: 'EQUALS', value: employeeNumber }] }],
        outOfScope: 'none',
      },
      persons: DEFAULT_SECTIONS.persons,
      lifecycle: { ...DEFAULT_SECTIONS.lifecycle, missingFromSource: 'none' },
      thresholds: DEFAULT_SECTIONS.thresholds,
      timeZone: DEFAULT_SECTIONS.timeZone,
    },
    id,
  );
  await finished(call, await call(simulate, {}, id));
  // The simulation shows the update as it would go (nothing predicts the refusal), and the company's
  // duplicate employee id belongs to a person outside this pilot's scope: a plain activation.
  await call(activateConnection, {}, id);
  const run = await finished(call, await call(sync, {}, id));
  if (run.status !== 'succeeded') throw new Error(`demo setup: the pilot sync ended ${run.status}`);
  return connection.id;
}

/** Waits for a queued run to finish (the service's own worker runs it). */
async function finished(call: Call, run: { id: string; status?: string }) {
  let current = run;
  for (let i = 0; i < 1200 && (current.status === 'queued' || current.status === 'running'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = await call(getRun, {}, { id: run.id });
  }
  if (current.status === 'queued' || current.status === 'running')
    throw new Error('demo setup: the pilot run did not finish within two minutes');
  return current;
}

/** A hybrid tenant on the demo's Samba domain and a connection to it, configured through step 4. */
async function seedHybrid(
  call: Call,
  customerId: string,
  systems: DemoSystems,
  d: NonNullable<DemoSystems['directory']>,
): Promise<string> {
  const tenant = await call(createTenant, {
    customerId,
    name: 'Contoso (on-premises Active Directory)',
    type: 'hybrid',
    directoryId: systems.directoryId,
    verifiedDomains: systems.domains,
    directory: {
      urls: [d.url],
      caCertificate: d.ca,
      tlsServerName: d.serverName,
      bindUser: d.bindUser,
      bindPassword: d.bindPassword,
      container: d.container,
      disabledContainer: d.disabledContainer,
      upnSuffixes: [d.upnSuffix],
      mustChangePassword: true,
    },
    subscriptionActive: true,
  });
  const connection = await call(createConnection, {
    name: 'Contoso — AFAS to Active Directory',
    description:
      'Demo: the same Contoso company, provisioned into its on-premises Active Directory (a real Samba domain).',
    sourceSystem: 'afas-profit',
    destinationType: 'hybrid',
    tenantId: tenant.id,
  });
  const id = { id: connection.id };
  const sections = hybridSections(d.container, d.disabledContainer);
  await call(saveSourceStep, { environment: { baseUrl: systems.afasBaseUrl }, token: systems.afasToken }, id);
  await call(saveDestinationStep, { tenantId: tenant.id, defaultDomain: d.upnSuffix }, id);
  await call(
    saveMappingStep,
    {
      mapping: sections.mapping,
      matching: sections.matching,
      uniqueness: sections.uniqueness,
      writeBack: sections.writeBack,
    },
    id,
  );
  await call(
    saveScopeStep,
    {
      scope: sections.scope,
      persons: sections.persons,
      lifecycle: sections.lifecycle,
      thresholds: sections.thresholds,
      timeZone: sections.timeZone,
    },
    id,
  );
  return connection.id;
}
