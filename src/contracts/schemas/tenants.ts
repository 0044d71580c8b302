import { Type as T } from '@sinclair/typebox';
import { DIRECTORY_URL_FORM, schemePattern } from '../../core/endpoint-policy.ts';
import { TENANT_TYPES } from '../../core/vocabulary.ts';
import { Id, Name, Nullable, Timestamp } from './common.ts';

export const TenantTypeSchema = T.Union(TENANT_TYPES.map((t) => T.Literal(t)));
const Domain = T.String({ pattern: '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$', maxLength: 253 });
const HttpsUrl = T.String({ pattern: schemePattern('https', 'http'), maxLength: 500 });
const SecretInput = T.String({ minLength: 1, maxLength: 20000 });

/** Its form is checked by the route (api/routes/tenant-input.ts), which says it in words. */
const DirectoryUrl = T.String({ minLength: 1, maxLength: 300, description: DIRECTORY_URL_FORM });
/** Parsed per RFC 4514 by the route (api/routes/tenant-input.ts), which names the bad RDN. */
const Dn = T.String({ maxLength: 1000, description: 'a distinguished name, e.g. OU=Staff,DC=example,DC=nl' });
const Suffix = T.String({ pattern: '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$', maxLength: 253 });

/** A hybrid tenant's directory as the API shows it: the bind password only as "set". */
export const DirectoryDto = T.Object({
  urls: T.Array(T.String()),
  caCertificate: Nullable(T.String({ description: 'PEM of the CA trusted for the controllers' })),
  tlsServerName: Nullable(T.String()),
  bindUser: T.String(),
  bindPassword: Nullable(T.Object({ set: T.Literal(true) })),
  baseDn: Nullable(T.String({ description: 'empty: the domain, read from RootDSE' })),
  container: T.String(),
  disabledContainer: Nullable(T.String()),
  upnSuffixes: T.Array(T.String()),
  mustChangePassword: T.Boolean(),
});

/**
 * Directory settings of a hybrid tenant. The bind password is write-only; leave it out to keep the
 * stored one — except when the controllers or their TLS trust change: a stored password is only
 * ever sent to the controllers it was saved for, so it must be entered again in the same request.
 */
export const DirectoryBody = T.Object(
  {
    urls: T.Array(DirectoryUrl, {
      minItems: 1,
      maxItems: 10,
      description: 'domain controllers, tried in order',
    }),
    caCertificate: T.Optional(T.Union([T.String({ minLength: 1, maxLength: 20000 }), T.Null()])),
    tlsServerName: T.Optional(T.Union([T.String({ minLength: 1, maxLength: 253 }), T.Null()])),
    bindUser: T.String({ minLength: 1, maxLength: 500, description: 'UPN, DOMAIN\\user or a DN' }),
    bindPassword: T.Optional(T.String({ minLength: 1, maxLength: 1000 })),
    baseDn: T.Optional(T.Union([Dn, T.Null()])),
    container: Dn,
    disabledContainer: T.Optional(T.Union([Dn, T.Null()])),
    upnSuffixes: T.Optional(T.Array(Suffix, { maxItems: 100 })),
    mustChangePassword: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);

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
  directory: Nullable(DirectoryDto),
  directoryViaAgents: T.Boolean({
    description:
      'hybrid tenants: the directory is reached through directory agents, which hold the bind password',
  }),
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
  /** Hybrid tenants only. */
  directory: T.Optional(DirectoryBody),
  subscriptionActive: T.Boolean(),
};

export const NewTenantBody = T.Object(tenantFields, { additionalProperties: false });
/**
 * A change of the directory settings names only what changes: fields left out keep their stored
 * values, `null` clears an optional one. A tenant without directory settings yet (a new hybrid one,
 * or a cloud one turned hybrid) needs urls, bindUser and container.
 */
export const DirectoryPatchBody = T.Partial(DirectoryBody, { additionalProperties: false, minProperties: 1 });

export const TenantPatchBody = T.Partial(T.Object({ ...tenantFields, directory: DirectoryPatchBody }), {
  additionalProperties: false,
  minProperties: 1,
});

export const CredentialTestDto = T.Object({
  ok: T.Boolean(),
  message: T.String(),
  /** Each check of "test connection", so every problem is fixed in one pass. */
  checks: T.Optional(
    T.Array(T.Object({ name: T.String(), ok: T.Boolean(), required: T.Boolean(), message: T.String() })),
  ),
  tenant: TenantDto,
});

/** A test of unsaved settings: the same checks, and no tenant (nothing was stored). */
export const UnsavedCredentialTestDto = T.Object({
  ok: T.Boolean(),
  message: T.String(),
  checks: T.Optional(
    T.Array(T.Object({ name: T.String(), ok: T.Boolean(), required: T.Boolean(), message: T.String() })),
  ),
});

export const TenantQuery = T.Object({ customerId: T.Optional(Id) }, { additionalProperties: false });

export const DirectoryAccessBody = T.Object(
  {
    viaAgents: T.Boolean({
      description:
        'true: reach the directory through the tenant’s directory agents (a stored bind password is destroyed: the agents hold it); false: the service connects itself',
    }),
  },
  { additionalProperties: false },
);
