import { Type as T } from '@sinclair/typebox';
import { TENANT_TYPES } from '../../core/vocabulary.ts';
import { Id, Name, Nullable, Timestamp } from './common.ts';

export const TenantTypeSchema = T.Union(TENANT_TYPES.map((t) => T.Literal(t)));
const Domain = T.String({ pattern: '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$', maxLength: 253 });
const HttpsUrl = T.String({ pattern: '^https?://', maxLength: 500 });
const SecretInput = T.String({ minLength: 1, maxLength: 20000 });

export const CustomerDto = T.Object({ id: Id, name: T.String(), createdAt: Timestamp });
export const CustomerBody = T.Object({ name: Name }, { additionalProperties: false });

export const CredentialStatusSchema = T.Union([
  T.Literal('untested'),
  T.Literal('valid'),
  T.Literal('invalid'),
]);

export const TenantDto = T.Object({
  id: Id,
  customer: T.Object({ id: Id, name: T.String() }),
  name: T.String(),
  type: TenantTypeSchema,
  directoryId: T.String({ description: 'the Microsoft 365 directory (tenant) id' }),
  verifiedDomains: T.Array(T.String()),
  clientId: Nullable(T.String()),
  credential: Nullable(
    T.Object({
      type: T.Union([T.Literal('secret'), T.Literal('certificate')]),
      set: T.Literal(true),
    }),
  ),
  authorityHost: T.String(),
  graphBaseUrl: T.String(),
  subscriptionActive: T.Boolean({
    description: 'User Management subscription; needed to create or activate connections',
  }),
  credentialStatus: CredentialStatusSchema,
  credentialMessage: Nullable(T.String()),
  credentialTestedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/**
 * Credentials are write-only: send `clientSecret`, or `certificate` + `privateKey` (PEM). Leave
 * them out on an update to keep the stored ones.
 */
const tenantFields = {
  customerId: Id,
  name: Name,
  type: TenantTypeSchema,
  directoryId: T.String({ minLength: 1, maxLength: 200 }),
  verifiedDomains: T.Array(Domain, { minItems: 1, maxItems: 100 }),
  clientId: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
  clientSecret: T.Optional(SecretInput),
  certificate: T.Optional(SecretInput),
  privateKey: T.Optional(SecretInput),
  authorityHost: T.Optional(HttpsUrl),
  graphBaseUrl: T.Optional(HttpsUrl),
  subscriptionActive: T.Boolean(),
};

export const NewTenantBody = T.Object(tenantFields, { additionalProperties: false });
export const TenantPatchBody = T.Partial(T.Object(tenantFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const CredentialTestDto = T.Object({
  ok: T.Boolean(),
  message: T.String(),
  tenant: TenantDto,
});

export const TenantQuery = T.Object({ customerId: T.Optional(Id) }, { additionalProperties: false });
