/**
 * Sign-in (OpenID Connect authorization code flow with PKCE), as strict as Entra: the authorize
 * endpoint checks the tenant, the client, the exact redirect URI, `response_type=code`, an `openid`
 * scope, `state`, `nonce` and an S256 code challenge; a small sign-in page lets the tester pick or
 * type a user of the directory; the code is single use, expires after 10 minutes, and is only
 * redeemed with the same client, redirect URI and a code_verifier that hashes to the challenge. The
 * ID token (v2.0) is signed with the emulator's key (served as the tenant's JWKS) and carries the
 * user's group ids (`groups`) and the app roles assigned to them (`roles`).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { GraphEmulatorState } from '../emulator-state.ts';
import { AadstsError, aadsts } from './aadsts-error.ts';
import { type AppRegistration, secretMatches } from './app-registration.ts';

const CODE_TTL_MS = 10 * 60_000;
const PENDING_TTL_MS = 15 * 60_000;

interface AuthorizeRequest {
  readonly app: AppRegistration;
  readonly redirectUri: string;
  readonly scope: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeChallenge: string;
  readonly responseMode: 'query' | 'form_post';
  readonly loginHint: string | null;
  readonly createdMs: number;
}

interface IssuedCode extends AuthorizeRequest {
  readonly userId: string;
  readonly expiresMs: number;
}

/** Pending sign-ins (by an opaque id on the sign-in page) and issued codes, per emulator. */
export class SignInSessions {
  readonly #pending = new Map<string, AuthorizeRequest>();
  readonly #codes = new Map<string, IssuedCode>();

  begin(request: AuthorizeRequest): string {
    const id = randomBytes(16).toString('base64url');
    this.#pending.set(id, request);
    return id;
  }

  pending(id: string, nowMs: number): AuthorizeRequest | undefined {
    const found = this.#pending.get(id);
    if (found && nowMs - found.createdMs > PENDING_TTL_MS) this.#pending.delete(id);
    return this.#pending.get(id);
  }

  issue(id: string, userId: string, nowMs: number): { code: string; request: AuthorizeRequest } | undefined {
    const request = this.pending(id, nowMs);
    if (!request) return undefined;
    this.#pending.delete(id);
    const code = `0.A${randomBytes(48).toString('base64url')}`;
    this.#codes.set(code, { ...request, userId, expiresMs: nowMs + CODE_TTL_MS });
    return { code, request };
  }

  /** Takes the code out: a code is redeemed at most once, whatever the outcome. */
  redeem(code: string): IssuedCode | undefined {
    const found = this.#codes.get(code);
    this.#codes.delete(code);
    return found;
  }
}

const err = (error: string, aadstsCode: number, description: string) =>
  new AadstsError(400, error, aadstsCode, description);

export const authorizeErrors = {
  badRedirect: (uri: string, clientId: string) =>
    err(
      'invalid_request',
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    ),
  missing: (name: string) =>
    err('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  responseType: (value: string) =>
    err(
      'unsupported_response_type',
      700054,
      `response_type '${value}' is not enabled for the application. Only 'code' is supported.`,
    ),
  pkceRequired: () =>
    err(
      'invalid_request',
      9002325,
      'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    ),
  pkceMethod: (method: string) =>
    err('invalid_request', 501491, `Invalid code_challenge_method '${method}': only S256 is accepted.`),
  nonceRequired: () =>
    err('invalid_request', 900144, "The request must contain the following parameter: 'nonce'."),
  openidScope: () =>
    err(
      'invalid_scope',
      70011,
      "The provided value for the input parameter 'scope' is not valid: it must include 'openid'.",
    ),
  badCode: () =>
    err(
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired or was already used. Send a new interactive authorization request.',
    ),
  codeRedirect: () =>
    err('invalid_grant', 70002, 'The redirect_uri does not match the one used when the code was issued.'),
  codeClient: () => err('invalid_grant', 70002, 'The code was issued to another client.'),
  badVerifier: () =>
    err(
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  unknownUser: (who: string) =>
    err(
      'invalid_request',
      50034,
      `The user account ${who} does not exist in the directory. To sign into this application, the account must be added to the directory.`,
    ),
  disabledUser: () => err('invalid_request', 50057, 'The user account is disabled.'),
};

export type AuthorizeOutcome =
  /** Show the error page: nothing is trustworthy enough to redirect to. */
  | { readonly kind: 'error-page'; readonly error: AadstsError }
  /** Send the error back to the (verified) redirect URI. */
  | {
      readonly kind: 'redirect-error';
      readonly redirectUri: string;
      readonly state: string | null;
      readonly error: AadstsError;
    }
  | {
      readonly kind: 'sign-in-page';
      readonly pendingId: string;
      readonly app: AppRegistration;
      readonly loginHint: string | null;
    };

export function startAuthorize(
  state: GraphEmulatorState,
  sessions: SignInSessions,
  tenant: string,
  q: Readonly<Record<string, string | undefined>>,
): AuthorizeOutcome {
  if (!state.directory.matchesTenant(tenant))
    return { kind: 'error-page', error: aadsts.tenantNotFound(tenant) };
  const clientId = q.client_id;
  if (!clientId) return { kind: 'error-page', error: authorizeErrors.missing('client_id') };
  const app = state.apps.get(clientId.toLowerCase());
  if (!app) return { kind: 'error-page', error: aadsts.unknownClient(clientId, tenant) };
  const redirectUri = q.redirect_uri;
  if (!redirectUri) return { kind: 'error-page', error: authorizeErrors.missing('redirect_uri') };
  if (!app.redirectUris.has(redirectUri)) {
    return { kind: 'error-page', error: authorizeErrors.badRedirect(redirectUri, app.clientId) };
  }
  const back = (error: AadstsError): AuthorizeOutcome => ({
    kind: 'redirect-error',
    redirectUri,
    state: q.state ?? null,
    error,
  });
  if (!q.response_type) return back(authorizeErrors.missing('response_type'));
  if (q.response_type !== 'code') return back(authorizeErrors.responseType(q.response_type));
  if (!q.scope?.split(/\s+/).includes('openid')) return back(authorizeErrors.openidScope());
  if (!q.state) return back(authorizeErrors.missing('state'));
  if (!q.nonce) return back(authorizeErrors.nonceRequired());
  if (!q.code_challenge) return back(authorizeErrors.pkceRequired());
  if (q.code_challenge_method !== 'S256')
    return back(authorizeErrors.pkceMethod(q.code_challenge_method ?? 'plain'));
  if (!/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge)) return back(authorizeErrors.pkceRequired());
  const responseMode = q.response_mode ?? 'query';
  if (responseMode !== 'query' && responseMode !== 'form_post') {
    return back(err('invalid_request', 900144, `response_mode '${responseMode}' is not supported here.`));
  }
  const pendingId = sessions.begin({
    app,
    redirectUri,
    scope: q.scope,
    state: q.state,
    nonce: q.nonce,
    codeChallenge: q.code_challenge,
    responseMode,
    loginHint: q.login_hint ?? null,
    createdMs: state.now(),
  });
  return { kind: 'sign-in-page', pendingId, app, loginHint: q.login_hint ?? null };
}

/** The user picked on the sign-in page, by id or UPN; null with the reason when they cannot sign in. */
export function signInUser(
  state: GraphEmulatorState,
  who: string,
): { readonly userId: string } | { readonly error: AadstsError } {
  const user = state.directory.findUser(who.trim());
  if (!user) return { error: authorizeErrors.unknownUser(who) };
  if (user.accountEnabled === false) return { error: authorizeErrors.disabledUser() };
  return { userId: user.id };
}

export interface CodeTokenResponse {
  readonly token_type: 'Bearer';
  readonly scope: string;
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
  readonly id_token: string;
}

/** The authorization_code grant: client secret, single-use code, same redirect URI, PKCE S256. */
export async function redeemCode(
  state: GraphEmulatorState,
  sessions: SignInSessions,
  form: URLSearchParams,
  basic: { clientId: string; secret: string } | undefined,
  baseUrl: string,
): Promise<CodeTokenResponse> {
  const clientId = form.get('client_id') ?? basic?.clientId;
  if (!clientId) throw aadsts.missingParameter('client_id');
  const app = state.apps.get(clientId.toLowerCase());
  if (!app) throw aadsts.unknownClient(clientId, state.directory.tenantId);
  const secret = form.get('client_secret') ?? basic?.secret;
  if (secret === null || secret === undefined) throw aadsts.noCredential();
  if (!secretMatches(app, secret)) throw aadsts.invalidSecret(app.clientId);
  const code = form.get('code');
  if (!code) throw aadsts.missingParameter('code');
  const issued = sessions.redeem(code);
  if (!issued || issued.expiresMs < state.now()) throw authorizeErrors.badCode();
  if (issued.app.clientId !== app.clientId) throw authorizeErrors.codeClient();
  if (form.get('redirect_uri') !== issued.redirectUri) throw authorizeErrors.codeRedirect();
  const verifier = form.get('code_verifier');
  if (!verifier) throw aadsts.missingParameter('code_verifier');
  if (createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge) {
    throw authorizeErrors.badVerifier();
  }
  const user = state.directory.findUser(issued.userId);
  if (!user) throw authorizeErrors.badCode();
  const tenantId = state.directory.tenantId;
  const groups = [...state.directory.groups.values()]
    .filter((g) => g.members.includes(user.id.toLowerCase()))
    .map((g) => g.id);
  const idToken = await state.signer.sign(
    {
      aud: app.clientId,
      iss: `${baseUrl}/${tenantId}/v2.0`,
      tid: tenantId,
      oid: user.id,
      // Entra's `sub` is pairwise: stable for this user and this app only.
      sub: createHash('sha256').update(`${app.clientId}:${user.id}`).digest('base64url').slice(0, 43),
      nonce: issued.nonce,
      name: String(user.displayName ?? user.userPrincipalName),
      preferred_username: String(user.userPrincipalName),
      ...(typeof user.mail === 'string' ? { email: user.mail } : {}),
      groups,
      roles: app.appRoleAssignments.get(user.id.toLowerCase()) ?? [],
      ver: '2.0',
      uti: randomUUID().replaceAll('-', ''),
    },
    state.now(),
    3600,
  );
  const access = await state.signer.sign(
    {
      aud: '00000003-0000-0000-c000-000000000000',
      iss: `https://sts.windows.net/${tenantId}/`,
      tid: tenantId,
      oid: user.id,
      scp: 'openid profile email',
      ver: '1.0',
    },
    state.now(),
    3600,
  );
  return {
    token_type: 'Bearer',
    scope: issued.scope,
    expires_in: 3600,
    ext_expires_in: 3600,
    access_token: access,
    id_token: idToken,
  };
}
