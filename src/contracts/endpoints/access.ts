import { Type as T } from '@sinclair/typebox';
import { endpoint } from '../endpoint.ts';
import {
  ApiTokenDto,
  CreatedApiTokenDto,
  NewApiTokenBody,
  NewUserBody,
  OrganisationPatchBody,
  OrganisationSettingsDto,
  SessionDto,
  SignInBody,
  UserDto,
  UserPatchBody,
} from '../schemas/access.ts';
import { IdParams } from '../schemas/common.ts';
import {
  MicrosoftSignInBody,
  MicrosoftSignInDto,
  MicrosoftSignInTestBody,
  MicrosoftSignInTestDto,
} from '../schemas/microsoft-sign-in.ts';
import { SecondFactorChallengeDto } from '../schemas/second-factor.ts';

const tag = 'Access';

export const signIn = endpoint({
  operationId: 'signIn',
  method: 'POST',
  path: '/api/v1/session',
  summary:
    'Sign in with e-mail and password; sets a secure session cookie. When the account has a second factor the answer is a challenge: the session works only after POST /api/v1/session/second-factor',
  tag,
  access: 'public',
  body: SignInBody,
  status: 200,
  response: T.Union([SessionDto, SecondFactorChallengeDto]),
  errors: ['HRS_UNAUTHENTICATED', 'HRS_RATE_LIMITED', 'HRS_CONFLICT'],
  audit: ['session.signed-in', 'session.locked-out'],
});

export const signOut = endpoint({
  operationId: 'signOut',
  method: 'DELETE',
  path: '/api/v1/session',
  summary: 'Sign out: ends the session and clears the cookie',
  tag,
  access: 'viewer',
  status: 204,
  errors: [],
  audit: ['session.signed-out'],
});

export const getSession = endpoint({
  operationId: 'getSession',
  method: 'GET',
  path: '/api/v1/session',
  summary: 'Who is calling: user, role and organisation',
  tag,
  access: 'viewer',
  status: 200,
  response: SessionDto,
  errors: [],
  audit: 'read-only',
});

export const listUsers = endpoint({
  operationId: 'listUsers',
  method: 'GET',
  path: '/api/v1/users',
  summary: 'Users of your organisation',
  tag,
  access: 'admin',
  status: 200,
  response: T.Object({ items: T.Array(UserDto) }),
  errors: [],
  audit: 'read-only',
});

export const createUser = endpoint({
  operationId: 'createUser',
  method: 'POST',
  path: '/api/v1/users',
  summary: 'Create a local user (password hashed with argon2id)',
  tag,
  access: 'admin',
  body: NewUserBody,
  status: 201,
  response: UserDto,
  errors: ['HRS_CONFLICT'],
  audit: ['user.created'],
});

export const updateUser = endpoint({
  operationId: 'updateUser',
  method: 'PATCH',
  path: '/api/v1/users/:id',
  summary: 'Change a user’s name, role, password, or disable them (their sessions end)',
  tag,
  access: 'admin',
  params: IdParams,
  body: UserPatchBody,
  status: 200,
  response: UserDto,
  errors: ['HRS_NOT_FOUND', 'HRS_CONFLICT'],
  audit: ['user.updated'],
});

export const listApiTokens = endpoint({
  operationId: 'listApiTokens',
  method: 'GET',
  path: '/api/v1/tokens',
  summary: 'API tokens of your organisation (never the token itself)',
  tag,
  access: 'admin',
  status: 200,
  response: T.Object({ items: T.Array(ApiTokenDto) }),
  errors: [],
  audit: 'read-only',
});

export const createApiToken = endpoint({
  operationId: 'createApiToken',
  method: 'POST',
  path: '/api/v1/tokens',
  summary: 'Create an API token for automation; the token is shown once',
  tag,
  access: 'admin',
  body: NewApiTokenBody,
  status: 201,
  response: CreatedApiTokenDto,
  errors: [],
  audit: ['token.created'],
});

export const revokeApiToken = endpoint({
  operationId: 'revokeApiToken',
  method: 'DELETE',
  path: '/api/v1/tokens/:id',
  summary: 'Revoke an API token; it stops working at once',
  tag,
  access: 'admin',
  params: IdParams,
  status: 200,
  response: ApiTokenDto,
  errors: ['HRS_NOT_FOUND', 'HRS_INVALID_STATE'],
  audit: ['token.revoked'],
});

export const getOrganisation = endpoint({
  operationId: 'getOrganisation',
  method: 'GET',
  path: '/api/v1/organisation',
  summary: 'Your organisation: name and time zone',
  tag,
  access: 'viewer',
  status: 200,
  response: OrganisationSettingsDto,
  errors: [],
  audit: 'read-only',
});

export const updateOrganisation = endpoint({
  operationId: 'updateOrganisation',
  method: 'PATCH',
  path: '/api/v1/organisation',
  summary: 'Rename your organisation, change its time zone, or require a second factor for admins',
  tag,
  access: 'admin',
  body: OrganisationPatchBody,
  status: 200,
  response: OrganisationSettingsDto,
  errors: ['HRS_VALIDATION'],
  audit: ['organisation.updated'],
});

export const getMicrosoftSignIn = endpoint({
  operationId: 'getMicrosoftSignIn',
  method: 'GET',
  path: '/api/v1/organisation/microsoft-sign-in',
  summary:
    'Sign in with Microsoft: the linked Entra tenant, app registration and role mappings (the secret is never returned)',
  tag,
  access: 'admin',
  status: 200,
  response: MicrosoftSignInDto,
  errors: [],
  audit: 'read-only',
});

export const setMicrosoftSignIn = endpoint({
  operationId: 'setMicrosoftSignIn',
  method: 'PUT',
  path: '/api/v1/organisation/microsoft-sign-in',
  summary:
    'Link an Entra tenant for Sign in with Microsoft (OpenID Connect, code + PKCE) and map Entra groups or app roles to hrsync roles',
  tag,
  access: 'admin',
  body: MicrosoftSignInBody,
  status: 200,
  response: MicrosoftSignInDto,
  errors: [],
  audit: ['organisation.sign-in-changed'],
});

export const testMicrosoftSignIn = endpoint({
  operationId: 'testMicrosoftSignIn',
  method: 'POST',
  path: '/api/v1/organisation/microsoft-sign-in/test',
  summary:
    'Test Sign in with Microsoft settings, saved or not: reach the sign-in endpoint, read the tenant’s OpenID configuration, and sign in as the app with its client secret',
  tag,
  access: 'admin',
  body: MicrosoftSignInTestBody,
  status: 200,
  response: MicrosoftSignInTestDto,
  errors: [],
  audit: ['organisation.sign-in-tested'],
});
