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
    directory:
      t.directory === null
        ? null
        : {
            urls: [...t.directory.urls],
            caCertificate: t.directory.caCertificate,
            tlsServerName: t.directory.tlsServerName,
            bindUser: t.directory.bindUser,
            // Only whether a bind password is stored: never the password.
            bindPassword: t.directory.bindPasswordSecretId === null ? null : { set: true },
            baseDn: t.directory.baseDn,
            container: t.directory.container,
            disabledContainer: t.directory.disabledContainer,
            upnSuffixes: [...t.directory.upnSuffixes],
            mustChangePassword: t.directory.mustChangePassword,
          },
    directoryViaAgents: t.directoryViaAgents,
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
