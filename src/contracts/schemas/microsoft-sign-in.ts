import { Type as T } from '@sinclair/typebox';
import { RoleSchema } from './access.ts';
import { SecretState } from './common.ts';

const Guid = T.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'a GUID',
});

export const RoleMappingSchema = T.Object(
  {
    claim: T.Union([T.Literal('groups'), T.Literal('roles')], {
      description:
        'groups: an Entra group object id (ID token `groups` claim); roles: an app role value (`roles` claim)',
    }),
    value: T.String({ minLength: 1, maxLength: 200, pattern: '^\\S+$' }),
    role: RoleSchema,
  },
  { additionalProperties: false },
);

export const MicrosoftSignInDto = T.Object({
  configured: T.Boolean(),
  enabled: T.Boolean(),
  tenantId: T.String(),
  clientId: T.String(),
  clientSecret: SecretState,
  authorityHost: T.String(),
  mappings: T.Array(RoleMappingSchema),
  /** Register this as a Web redirect URI of the app registration. */
  redirectUri: T.String(),
  /** For installations with several organisations: the sign-in link that names this one. */
  signInLink: T.String(),
});

export const MicrosoftSignInBody = T.Object(
  {
    enabled: T.Boolean(),
    tenantId: Guid,
    clientId: Guid,
    clientSecret: T.Optional(
      T.String({
        minLength: 1,
        maxLength: 2000,
        description:
          'write-only; kept when omitted; must be entered again when the tenant or authority changes',
      }),
    ),
    authorityHost: T.Optional(
      T.String({ minLength: 8, maxLength: 300, description: 'default https://login.microsoftonline.com' }),
    ),
    mappings: T.Array(RoleMappingSchema, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

/** "Test the configuration": the values on the form, saved or not (the secret falls back to the stored one). */
export const MicrosoftSignInTestBody = T.Object(
  {
    tenantId: Guid,
    clientId: Guid,
    clientSecret: T.Optional(
      T.String({
        minLength: 1,
        maxLength: 2000,
        description:
          'write-only; the stored one is used when omitted, unless the tenant or authority differs from the saved one',
      }),
    ),
    authorityHost: T.Optional(T.String({ minLength: 8, maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const MicrosoftSignInTestDto = T.Object({
  ok: T.Boolean(),
  message: T.String(),
  /** Each check in order: the sign-in endpoint, the tenant's OpenID configuration, the app's credentials. */
  checks: T.Array(T.Object({ name: T.String(), ok: T.Boolean(), message: T.String() })),
  /** Register this as a Web redirect URI of the app registration. */
  redirectUri: T.String(),
});
