/**
 * Sign in with Microsoft (README, Signing in): OpenID Connect authorization code flow with PKCE
 * through openid-client. An organisation links its Entra tenant and app registration (the client
 * secret write-only, sent only to the authority it was saved with) and maps Entra groups or app
 * roles to hrsync roles; a person in none of the mapped groups is refused with a clear message.
 * Local accounts stay (break-glass). State and nonce are checked, the browser is bound to its
 * attempt by a short-lived cookie, and every sign-in — refused ones too — is audited.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { fetch as undiciFetch } from 'undici';
import { getMicrosoftSignIn, setMicrosoftSignIn, testMicrosoftSignIn } from '../../contracts/index.ts';
import { endpointProblem, normaliseEndpoint, secretRebindProblem } from '../../core/endpoint-policy.ts';
import { HrsyncError, type Role } from '../../core/index.ts';
import { fetchTrusting } from '../../net/trusting-fetch.ts';
import type { MicrosoftSignInSettings, RoleMapping, User } from '../../store/index.ts';
import { recordAudit } from '../audit.ts';
import { hashPassword, newSessionId, SESSION_COOKIE, sha256 } from '../auth/credentials.ts';
import { registerEndpoint } from '../route.ts';
import { INVITATION_COOKIE } from './invitations.ts';

export const START_PATH = '/api/v1/session/microsoft/start';
export const CALLBACK_PATH = '/api/v1/session/microsoft/callback';
const ATTEMPT_COOKIE = 'hrsync_oidc';
const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
const RANK: Readonly<Record<Role, number>> = { viewer: 1, operator: 2, admin: 3 };

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

const invalid = (path: string, message: string) =>
  new HrsyncError('HRS_VALIDATION', `${path}: ${message}`, { details: [{ path, message }] });

/** The highest hrsync role any of the person's groups or app roles maps to; null when none. */
export function mappedRole(
  mappings: readonly RoleMapping[],
  claims: Readonly<Record<string, unknown>>,
): Role | null {
  const held = {
    groups: new Set(Array.isArray(claims.groups) ? claims.groups.map((g) => String(g).toLowerCase()) : []),
    roles: new Set(Array.isArray(claims.roles) ? claims.roles.map(String) : []),
  };
  let best: Role | null = null;
  for (const m of mappings) {
    const has = m.claim === 'groups' ? held.groups.has(m.value.toLowerCase()) : held.roles.has(m.value);
    if (has && (best === null || RANK[m.role] > RANK[best])) best = m.role;
  }
  return best;
}

export async function microsoftSignInRoutes(app: FastifyInstance): Promise<void> {
  // The extra CA besides the public roots (a CA list alone would replace them, and sign-in against
  // login.microsoftonline.com would fail whenever HRSYNC_EXTRA_CA_FILE is set): as AFAS and Graph.
  const trusted = app.deps.identityCa ? fetchTrusting(app.deps.identityCa) : undefined;
  // openid-client's fetch hook and undici's fetch differ only in type detail.
  const fetchImpl = (trusted?.fetch ?? undiciFetch) as unknown as oidc.CustomFetch;
  app.addHook('onClose', async () => trusted?.close());

  const configFor = async (organisationId: string, settings: MicrosoftSignInSettings) => {
    const secret = await app.deps.store.secrets.reveal(organisationId, settings.clientSecretId);
    if (secret === null) throw new Error('the client secret is missing');
    const issuer = new URL(`${settings.authorityHost.replace(/\/+$/, '')}/${settings.tenantId}/v2.0`);
    return oidc.discovery(issuer, settings.clientId, secret, undefined, {
      [oidc.customFetch]: fetchImpl,
      ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: 15,
    });
  };

  const dto = async (request: FastifyRequest, organisationId: string) => {
    const s = await app.deps.store.microsoftSignIn.get(organisationId);
    const origin = originOf(request);
    return {
      configured: s !== null,
      enabled: s?.enabled ?? false,
      tenantId: s?.tenantId ?? '',
      clientId: s?.clientId ?? '',
      clientSecret: { set: s !== null },
      authorityHost: s?.authorityHost ?? DEFAULT_AUTHORITY,
      mappings: s ? s.mappings.map((m) => ({ ...m })) : [],
      redirectUri: `${origin}${CALLBACK_PATH}`,
      signInLink: `${origin}${START_PATH}?organisation=${encodeURIComponent(organisationId)}`,
    };
  };

  registerEndpoint(app, getMicrosoftSignIn, async ({ caller, request }) =>
    dto(request, caller.organisationId),
  );

  registerEndpoint(app, setMicrosoftSignIn, async ({ caller, store, body, deps, request, audit }) => {
    const org = caller.organisationId;
    const before = await store.microsoftSignIn.get(org);
    const authorityHost = normaliseEndpoint(body.authorityHost ?? before?.authorityHost ?? DEFAULT_AUTHORITY);
    const problem = endpointProblem('authority', authorityHost, deps.endpointPolicy);
    if (problem) throw invalid('/authorityHost', `the sign-in endpoint ${problem}`);
    const rebind = secretRebindProblem({
      endpointChanged:
        before !== null &&
        (before.authorityHost !== authorityHost ||
          before.tenantId.toLowerCase() !== body.tenantId.toLowerCase()),
      secretStored: before !== null,
      secretEntered: body.clientSecret !== undefined,
      secretName: 'the client secret',
    });
    if (rebind) throw invalid('/clientSecret', rebind);
    if (before === null && body.clientSecret === undefined) {
      throw invalid('/clientSecret', 'enter the app registration’s client secret');
    }
    if (body.enabled && body.mappings.length === 0) {
      throw invalid(
        '/mappings',
        'map at least one Entra group or app role to a role, or nobody could sign in',
      );
    }
    const clientSecretId =
      body.clientSecret === undefined
        ? before!.clientSecretId
        : await store.secrets.put(org, body.clientSecret);
    const settings: MicrosoftSignInSettings = {
      enabled: body.enabled,
      tenantId: body.tenantId.toLowerCase(),
      clientId: body.clientId.toLowerCase(),
      clientSecretId,
      authorityHost,
      mappings: body.mappings.map((m) => ({ claim: m.claim, value: m.value, role: m.role })),
    };
    await store.microsoftSignIn.set(org, settings);
    if (before && before.clientSecretId !== clientSecretId)
      await store.secrets.delete(org, [before.clientSecretId]);
    await audit('organisation.sign-in-changed', {
      message: `Sign in with Microsoft ${settings.enabled ? 'on' : 'off'}: tenant ${settings.tenantId}, ${settings.mappings.length} role mapping(s)${body.clientSecret ? ', new client secret' : ''}`,
      details: {
        enabled: settings.enabled,
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        authorityHost,
        mappings: settings.mappings,
      },
    });
    return dto(request, org);
  });

  registerEndpoint(app, testMicrosoftSignIn, async ({ caller, store, body, deps, request, audit }) => {
    const org = caller.organisationId;
    const before = await store.microsoftSignIn.get(org);
    const authorityHost = normaliseEndpoint(body.authorityHost ?? before?.authorityHost ?? DEFAULT_AUTHORITY);
    const tenantId = body.tenantId.toLowerCase();
    const clientId = body.clientId.toLowerCase();
    const checks: { name: string; ok: boolean; message: string }[] = [];
    const finish = async () => {
      const ok = checks.length === 3 && checks.every((c) => c.ok);
      const failed = checks.find((c) => !c.ok);
      const message = ok
        ? 'Sign in with Microsoft can work with these settings. Register the redirect URI in the app registration, map a group, then turn it on.'
        : `${failed?.name ?? 'The test'} failed: ${failed?.message ?? 'unknown problem'}`;
      await audit('organisation.sign-in-tested', {
        outcome: ok ? 'success' : 'failure',
        message: `Sign in with Microsoft settings tested for tenant ${tenantId}: ${ok ? 'all checks passed' : message}`,
        details: {
          tenantId,
          clientId,
          authorityHost,
          checks: checks.map((c) => ({ name: c.name, ok: c.ok })),
        },
      });
      return { ok, message, checks, redirectUri: `${originOf(request)}${CALLBACK_PATH}` };
    };
    const problem = endpointProblem('authority', authorityHost, deps.endpointPolicy);
    if (problem) {
      checks.push({ name: 'Sign-in endpoint', ok: false, message: `the sign-in endpoint ${problem}` });
      return finish();
    }
    checks.push({ name: 'Sign-in endpoint', ok: true, message: `${authorityHost} is allowed` });
    // A stored secret is only ever sent to the tenant and authority it was saved with (issue 10).
    const sameEndpoint =
      before !== null && before.authorityHost === authorityHost && before.tenantId === tenantId;
    const secret =
      body.clientSecret ?? (sameEndpoint ? await store.secrets.reveal(org, before.clientSecretId) : null);
    let config: oidc.Configuration;
    try {
      const issuer = new URL(`${authorityHost.replace(/\/+$/, '')}/${tenantId}/v2.0`);
      config = await oidc.discovery(issuer, clientId, secret ?? undefined, undefined, {
        [oidc.customFetch]: fetchImpl,
        ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 15,
      });
      checks.push({
        name: 'Tenant',
        ok: true,
        message: `read the OpenID configuration of tenant ${tenantId}`,
      });
    } catch (error) {
      checks.push({
        name: 'Tenant',
        ok: false,
        message: `could not read the OpenID configuration of tenant ${tenantId} (${(error as Error).message}); check the tenant id and the authority host`,
      });
      return finish();
    }
    if (secret === null) {
      checks.push({
        name: 'App credentials',
        ok: false,
        message:
          before === null
            ? 'enter the app registration’s client secret'
            : 'the tenant or authority differs from the saved one: enter the client secret again',
      });
      return finish();
    }
    try {
      // Signing in as the app proves the client id and secret belong together in this tenant.
      await oidc.clientCredentialsGrant(config, { scope: 'https://graph.microsoft.com/.default' });
      checks.push({
        name: 'App credentials',
        ok: true,
        message: `app ${clientId} signed in with its client secret`,
      });
    } catch (error) {
      const e = error as Error & { error_description?: string };
      checks.push({
        name: 'App credentials',
        ok: false,
        message: `Microsoft refused the app’s client id or secret: ${e.error_description ?? e.message}`,
      });
    }
    return finish();
  });

  /** Back to the console's sign-in page with a message it shows. */
  const refuse = (reply: FastifyReply, message: string) =>
    reply.redirect(`/?sign_in_error=${encodeURIComponent(message)}`, 303);

  const cookieOptions = (request: FastifyRequest) => ({
    httpOnly: true,
    // Lax: the browser comes back from Microsoft by a top-level cross-site navigation.
    sameSite: 'lax' as const,
    secure: app.deps.secureCookies === 'auto' ? request.protocol === 'https' : app.deps.secureCookies,
    path: '/api/v1/session/microsoft',
  });

  // The organisation's link names it once; given twice it arrived as an array, which the store's
  // query refused with a 500.
  const startQuery = {
    type: 'object',
    properties: { organisation: { type: 'string', minLength: 1, maxLength: 100 } },
  };
  app.get(START_PATH, { schema: { hide: true, querystring: startQuery } }, async (request, reply) => {
    const query = request.query as { organisation?: string };
    const store = app.deps.store;
    let organisationId = query.organisation;
    if (organisationId === undefined) {
      const enabled = await store.microsoftSignIn.enabledOrganisations();
      if (enabled.length !== 1) {
        return refuse(
          reply,
          enabled.length === 0
            ? 'Sign in with Microsoft is not set up here. Sign in with your e-mail address and password.'
            : 'This server hosts several organisations: use your organisation’s own Microsoft sign-in link (an administrator finds it under Organisation).',
        );
      }
      organisationId = enabled[0]!;
    }
    const settings = await store.microsoftSignIn.get(organisationId);
    if (!settings?.enabled) {
      return refuse(reply, 'Sign in with Microsoft is not turned on for this organisation.');
    }
    try {
      const config = await configFor(organisationId, settings);
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const redirectUri = `${originOf(request)}${CALLBACK_PATH}`;
      await store.microsoftSignIn.begin({ state, organisationId, nonce, codeVerifier, redirectUri });
      reply.setCookie(ATTEMPT_COOKIE, state, { ...cookieOptions(request), maxAge: 600 });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        response_type: 'code',
        response_mode: 'query',
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return reply.redirect(url.href, 303);
    } catch (error) {
      request.log.warn({ err: error }, 'Microsoft sign-in could not start');
      return refuse(
        reply,
        `Microsoft sign-in is not reachable right now (${(error as Error).message}). Try again, or sign in with your password.`,
      );
    }
  });

  app.get(CALLBACK_PATH, { schema: { hide: true } }, async (request, reply) => {
    const store = app.deps.store;
    const query = request.query as Record<string, string | undefined>;
    const cookieState = request.cookies[ATTEMPT_COOKIE];
    reply.clearCookie(ATTEMPT_COOKIE, cookieOptions(request));
    // Set by the accept page (POST /invitations/microsoft) when the invitee chose Microsoft.
    const invitationToken = request.cookies[INVITATION_COOKIE];
    if (invitationToken !== undefined) reply.clearCookie(INVITATION_COOKIE, cookieOptions(request));
    if (!query.state || cookieState !== query.state) {
      return refuse(reply, 'This sign-in was not started in this browser, or it took too long. Start again.');
    }
    const attempt = await store.microsoftSignIn.take(query.state);
    if (!attempt) return refuse(reply, 'This sign-in has expired or was already used. Start again.');
    const org = attempt.organisationId;
    const refusedAudit = async (message: string, details: Record<string, unknown> = {}) =>
      recordAudit(store, null, 'session.signed-in', {
        organisationId: org,
        actor: { type: 'user', id: null, name: String(details.who ?? 'Microsoft sign-in') },
        outcome: 'refused',
        message,
        details: { method: 'microsoft', ...details },
      });
    if (query.error) {
      const text = `Microsoft refused the sign-in: ${query.error_description ?? query.error}`;
      await refusedAudit(text, { error: query.error });
      return refuse(reply, text);
    }
    const settings = await store.microsoftSignIn.get(org);
    if (!settings?.enabled)
      return refuse(reply, 'Sign in with Microsoft is not turned on for this organisation.');
    let claims: oidc.IDToken;
    try {
      const config = await configFor(org, settings);
      const current = new URL(
        `${attempt.redirectUri}?${new URLSearchParams(query as Record<string, string>)}`,
      );
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      claims = idClaims;
    } catch (error) {
      const text = `The answer from Microsoft could not be verified (${(error as Error).message}). Start again.`;
      request.log.warn({ err: error }, 'Microsoft sign-in callback failed');
      await refusedAudit(text);
      return refuse(reply, text);
    }
    const email = String(claims.preferred_username ?? claims.email ?? '').toLowerCase();
    const name = String(claims.name ?? email);
    const who = email || String(claims.oid ?? claims.sub);
    if (String(claims.tid ?? '').toLowerCase() !== settings.tenantId) {
      await refusedAudit('sign-in refused: the account belongs to another Entra tenant', { who });
      return refuse(reply, 'This Microsoft account belongs to another organisation’s tenant.');
    }
    const mapped = mappedRole(settings.mappings, claims);
    let role = mapped;
    const found =
      (await store.users.findForSignIn(email)).find((f) => f.user.organisationId === org)?.user ?? null;
    const invitation =
      invitationToken === undefined ? null : await store.invitations.byTokenHash(sha256(invitationToken));
    const invited =
      invitation !== null &&
      invitation.organisationId === org &&
      invitation.status === 'pending' &&
      Date.parse(invitation.expiresAt) > Date.parse(app.deps.clock.now())
        ? invitation
        : null;
    if (invitationToken !== undefined && invited === null) {
      await refusedAudit('sign-in refused: the invitation link is no longer valid', { who });
      return refuse(
        reply,
        'The invitation you opened is no longer valid (used, revoked, replaced or expired). Ask your administrator for a new one.',
      );
    }
    if (invited && invited.email !== email) {
      await refusedAudit(`sign-in refused: the invitation for ${invited.email} was used by ${who}`, { who });
      return refuse(
        reply,
        `This invitation is for ${invited.email}, but you signed in with Microsoft as ${who}. Sign in with the invited account.`,
      );
    }
    // Entra decides for people in mapped groups; an invited colleague outside them keeps the role the
    // administrator gave them in hrsync.
    if (role === null && invited) role = invited.role;
    if (role === null && found && !found.disabled && (await store.invitations.acceptedBy(org, found.id)))
      role = found.role;
    if (role === null) {
      const text = `${who} signed in with Microsoft, but is in none of the Entra groups or app roles that give access to hrsync. Ask your hrsync administrator to add you to one.`;
      await refusedAudit(`sign-in refused: ${who} is in no mapped Entra group or app role`, { who });
      return refuse(reply, text);
    }
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      await refusedAudit('sign-in refused: the ID token carries no e-mail-like user name', { who });
      return refuse(reply, 'Your Microsoft account has no user name hrsync can use.');
    }
    let user: User | null = found;
    if (user?.disabled) {
      await refusedAudit(`sign-in refused: ${email} is disabled in hrsync`, { who });
      return refuse(reply, 'Your hrsync account is disabled. Ask your hrsync administrator.');
    }
    if (!user) {
      // A person signing in with Microsoft has no hrsync password: an unknown random one.
      user = await store.users.create({
        organisationId: org,
        email,
        name,
        role,
        passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
      });
    } else if ((mapped !== null && user.role !== mapped) || user.name !== name) {
      // Entra decides the role at every sign-in.
      user = (await store.users.update(org, user.id, { role: mapped ?? user.role, name })) ?? user;
    }
    if (invited && (await store.invitations.finish(org, invited.id, 'accepted', user.id))) {
      await recordAudit(store, null, 'invitation.accepted', {
        organisationId: org,
        actor: { type: 'user', id: user.id, name: user.email },
        message: `${user.email} accepted the invitation by signing in with Microsoft`,
        details: { invitationId: invited.id, userId: user.id, role: user.role, method: 'microsoft' },
      });
    }
    const id = newSessionId();
    const ttlSeconds = Math.round(app.deps.sessionTtlHours * 3600);
    await store.sessions.create(
      sha256(id),
      user,
      new Date(Date.parse(app.deps.clock.now()) + ttlSeconds * 1000).toISOString(),
      // Entra did the multi-factor authentication; hrsync asks no code of its own (README, Security).
      'microsoft',
    );
    reply.setCookie(SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'strict',
      secure: app.deps.secureCookies === 'auto' ? request.protocol === 'https' : app.deps.secureCookies,
      path: '/',
      maxAge: ttlSeconds,
    });
    await recordAudit(store, null, 'session.signed-in', {
      organisationId: org,
      actor: { type: 'user', id: user.id, name: user.email },
      message: `signed in with Microsoft as ${user.role}`,
      details: { method: 'microsoft', role: user.role, tenantId: settings.tenantId },
    });
    return reply.redirect('/', 303);
  });
}
