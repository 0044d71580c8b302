/** Builds customers, tenants and connections through the API, the way an administrator would. */
import assert from 'node:assert/strict';
import {
  createConnection,
  createCustomer,
  createTenant,
  saveDestinationStep,
  saveMappingStep,
  saveScopeStep,
  saveSourceStep,
} from '../../../src/contracts/index.ts';
import { DEFAULT_SECTIONS } from '../../../src/engine/index.ts';
import type { Service } from './service.ts';

let counter = 0;
export const unique = (prefix: string): string =>
  `${prefix} ${++counter}-${Math.random().toString(36).slice(2, 7)}`;

export async function createTenantFor(
  svc: Service,
  options: { subscriptionActive?: boolean; type?: 'cloud' | 'hybrid' } = {},
) {
  const customer = await svc.call(createCustomer, { body: { name: unique('Customer') } });
  assert.equal(customer.status, 201, customer.text);
  const app = svc.graph.apps[0]!;
  const created = await svc.call(createTenant, {
    body: {
      customerId: customer.body.id,
      name: unique('Tenant'),
      type: options.type ?? 'cloud',
      directoryId: svc.graph.tenantId,
      verifiedDomains: ['contoso.nl', 'contoso.onmicrosoft.com'],
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authorityHost: svc.graph.url,
      graphBaseUrl: svc.graph.url,
      subscriptionActive: options.subscriptionActive ?? true,
    },
  });
  assert.equal(created.status, 201, created.text);
  return { customerId: customer.body.id as string, tenantId: created.body.id as string };
}

export const sourceStep = (svc: Service) => ({
  environment: { baseUrl: svc.afas.baseUrl },
  token: svc.afas.token.xml,
});

export const mappingStep = () => ({
  mapping: structuredClone(DEFAULT_SECTIONS.mapping),
  matching: [...DEFAULT_SECTIONS.matching] as string[],
  uniqueness: structuredClone(DEFAULT_SECTIONS.uniqueness),
  writeBack: { email: false, upn: false },
});

export const scopeStep = () => ({
  scope: structuredClone(DEFAULT_SECTIONS.scope),
  persons: structuredClone(DEFAULT_SECTIONS.persons),
  lifecycle: structuredClone(DEFAULT_SECTIONS.lifecycle),
  thresholds: structuredClone(DEFAULT_SECTIONS.thresholds),
  timeZone: 'Europe/Amsterdam',
});

/** A connection configured through step `through` (0–4), as the operator. */
export async function configuredConnection(svc: Service, through: 0 | 1 | 2 | 3 | 4, tenantId?: string) {
  const tenant = tenantId ?? (await createTenantFor(svc)).tenantId;
  const created = await svc.call(createConnection, {
    as: 'operator',
    body: { name: unique('Connection'), description: 'test', destinationType: 'cloud' },
  });
  assert.equal(created.status, 201, created.text);
  const id = created.body.id as string;
  const steps = [
    () => svc.call(saveSourceStep, { as: 'operator', params: { id }, body: sourceStep(svc) }),
    () =>
      svc.call(saveDestinationStep, {
        as: 'operator',
        params: { id },
        body: { tenantId: tenant, defaultDomain: 'contoso.nl' },
      }),
    () => svc.call(saveMappingStep, { as: 'operator', params: { id }, body: mappingStep() }),
    () => svc.call(saveScopeStep, { as: 'operator', params: { id }, body: scopeStep() }),
  ];
  for (const step of steps.slice(0, through)) {
    const saved = await step();
    assert.equal(saved.status, 200, saved.text);
  }
  return { id, tenantId: tenant };
}
