import type { Static } from '@sinclair/typebox';
import type { CustomerDto, TenantDto } from '../../contracts/index.ts';
import type { Customer, Store, Tenant } from '../../store/index.ts';

export const toCustomerDto = (c: Customer): Static<typeof CustomerDto> => ({
  id: c.id,
  name: c.name,
  createdAt: c.createdAt,
});

export function toTenantDto(t: Tenant, customerName: string): Static<typeof TenantDto> {
  return {
    id: t.id,
    customer: { id: t.customerId, name: customerName },
    name: t.name,
    type: t.type,
    directoryId: t.directoryId,
    verifiedDomains: [...t.verifiedDomains],
    clientId: t.clientId,
    // Only whether a credential is set, and of which kind: never the secret.
    credential: t.credential === null ? null : { type: t.credential.type, set: true },
    authorityHost: t.authorityHost,
    graphBaseUrl: t.graphBaseUrl,
    subscriptionActive: t.subscriptionActive,
    credentialStatus: t.credentialStatus,
    credentialMessage: t.credentialMessage,
    credentialTestedAt: t.credentialTestedAt,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export async function tenantDto(store: Store, t: Tenant): Promise<Static<typeof TenantDto>> {
  const customer = await store.customers.get(t.organisationId, t.customerId);
  return toTenantDto(t, customer?.name ?? '');
}
