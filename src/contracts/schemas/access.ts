import { Type as T } from '@sinclair/typebox';
import { ROLES } from '../../core/vocabulary.ts';
import { Id, Name, Nullable, Timestamp } from './common.ts';

export const RoleSchema = T.Union(
  ROLES.map((r) => T.Literal(r)),
  {
    description:
      'viewer reads; operator also configures and runs; admin also manages users, tokens, customers and tenants',
  },
);

export const Email = T.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' });
export const Password = T.String({ minLength: 12, maxLength: 1024, description: 'at least 12 characters' });

export const UserDto = T.Object({
  id: Id,
  email: T.String(),
  name: T.String(),
  role: RoleSchema,
  disabled: T.Boolean(),
  createdAt: Timestamp,
  secondFactor: T.Boolean({ description: 'the user has a second factor (TOTP) on' }),
});

export const OrganisationDto = T.Object({ id: Id, name: T.String() });

export const OrganisationSettingsDto = T.Object({
  id: Id,
  name: T.String(),
  timeZone: T.String({ description: 'IANA time zone for times where no connection applies' }),
  createdAt: Timestamp,
  requireAdminSecondFactor: T.Boolean({
    description:
      'admins signing in with a password must use a second factor (TOTP); one without must set it up before anything else works. Sign in with Microsoft and API tokens are not affected',
  }),
});

export const OrganisationPatchBody = T.Object(
  {
    name: T.Optional(Name),
    timeZone: T.Optional(T.String({ minLength: 1, maxLength: 64, description: 'an IANA time zone' })),
    requireAdminSecondFactor: T.Optional(T.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SessionDto = T.Object({
  user: T.Object({ id: Id, email: T.String(), name: T.String() }),
  role: RoleSchema,
  organisation: T.Composite([
    OrganisationDto,
    T.Object({ timeZone: T.String({ description: 'IANA time zone for times where no connection applies' }) }),
  ]),
  via: T.Union([T.Literal('session'), T.Literal('token')]),
  secondFactor: T.Union(
    [T.Literal('none'), T.Literal('used'), T.Literal('microsoft'), T.Literal('not-applicable')],
    {
      description:
        'how this session proved a second factor: none (password alone), used (password and a code), microsoft (Entra did the MFA); not-applicable for API tokens',
    },
  ),
  secondFactorRequired: T.Boolean({
    description:
      'your organisation requires admins to use a second factor and this session has none: set one up before anything else works',
  }),
});

export const SignInBody = T.Object(
  { email: Email, password: T.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

export const NewUserBody = T.Object(
  { email: Email, name: Name, role: RoleSchema, password: Password },
  { additionalProperties: false },
);

export const UserPatchBody = T.Object(
  {
    name: T.Optional(Name),
    role: T.Optional(RoleSchema),
    disabled: T.Optional(T.Boolean()),
    password: T.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ApiTokenDto = T.Object({
  id: Id,
  name: T.String(),
  role: RoleSchema,
  prefix: T.String({ description: 'the first characters, to tell tokens apart' }),
  createdBy: T.String({ description: 'the e-mail address of the user who created it' }),
  createdByName: T.String({
    description:
      'who created it, as a person would name them: “Jan Bakker”, “API token ‹name›”; createdBy keeps the raw actor (a user’s e-mail address)',
  }),
  createdAt: Timestamp,
  expiresAt: Nullable(Timestamp),
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});

export const NewApiTokenBody = T.Object(
  {
    name: Name,
    role: RoleSchema,
    expiresInDays: T.Optional(T.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);

export const CreatedApiTokenDto = T.Object({
  token: T.String({ description: 'shown once: store it now; hrsync keeps only a hash' }),
  apiToken: ApiTokenDto,
});
