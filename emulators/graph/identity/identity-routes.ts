import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphEmulatorState } from '../emulator-state.ts';
import { AadstsError, renderAadstsError } from './aadsts-error.ts';
import { redeemCode, signInUser, startAuthorize } from './authorize.ts';
import { errorPage, formPost, signInPage } from './sign-in-page.ts';
import { issueClientCredentialsToken, parseBasic } from './token-endpoint.ts';

type TenantRequest = FastifyRequest<{ Params: { tenant: string } }>;

export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * The Microsoft identity platform endpoints MSAL needs: OpenID metadata (with this emulator's own
 * base URL, so MSAL's authority checks pass), the signing keys, and the v2.0 token endpoint.
 */
export async function identityRoutes(app: FastifyInstance, state: GraphEmulatorState): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, new URLSearchParams(body as string));
  });

  const sendError = (reply: FastifyReply, error: AadstsError) =>
    reply
      .code(error.status)
      .header('Cache-Control', 'no-store')
      .send(renderAadstsError(error, new Date(state.now())));

  const unknownTenant = (segment: string) =>
    new AadstsError(
      400,
      'invalid_tenant',
      90002,
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    );

  const count = (request: FastifyRequest, route: string, status: number) =>
    state.requests.record({ method: request.method, route, status, viaBatch: false });

  app.get('/:tenant/v2.0/.well-known/openid-configuration', async (request: TenantRequest, reply) => {
    const route = '/{tenant}/v2.0/.well-known/openid-configuration';
    if (!state.directory.matchesTenant(request.params.tenant)) {
      count(request, route, 400);
      return sendError(reply, unknownTenant(request.params.tenant));
    }
    count(request, route, 200);
    return openIdConfiguration(baseUrlOf(request), state.directory.tenantId);
  });

  app.get('/:tenant/discovery/v2.0/keys', async (request: TenantRequest, reply) => {
    const route = '/{tenant}/discovery/v2.0/keys';
    if (!state.directory.matchesTenant(request.params.tenant)) {
      count(request, route, 400);
      return sendError(reply, unknownTenant(request.params.tenant));
    }
    count(request, route, 200);
    return state.signer.jwks;
  });

  app.post('/:tenant/oauth2/v2.0/token', async (request: TenantRequest, reply) => {
    const route = '/{tenant}/oauth2/v2.0/token';
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    try {
      if (form.get('grant_type') === 'authorization_code') {
        if (!state.directory.matchesTenant(request.params.tenant)) throw unknownTenant(request.params.tenant);
        const tokens = await redeemCode(
          state,
          state.signIns,
          form,
          parseBasic(request.headers.authorization),
          baseUrlOf(request),
        );
        count(request, route, 200);
        return reply.header('Cache-Control', 'no-store').send(tokens);
      }
      const token = await issueClientCredentialsToken(state, {
        tenantSegment: request.params.tenant,
        form,
        authorization: request.headers.authorization,
        baseUrl: baseUrlOf(request),
        host: request.host,
      });
      count(request, route, 200);
      return reply.header('Cache-Control', 'no-store').send(token);
    } catch (error) {
      if (!(error instanceof AadstsError)) throw error;
      count(request, route, error.status);
      return sendError(reply, error);
    }
  });

  /** Redirects the browser back to the client with `code`/`error` (query), or auto-posts them. */
  const backToClient = (
    reply: FastifyReply,
    redirectUri: string,
    mode: 'query' | 'form_post',
    params: Record<string, string>,
  ) => {
    if (mode === 'form_post')
      return reply.type('text/html; charset=utf-8').send(formPost(redirectUri, params));
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return reply.redirect(url.toString(), 302);
  };

  app.get('/:tenant/oauth2/v2.0/authorize', async (request: TenantRequest, reply) => {
    const route = '/{tenant}/oauth2/v2.0/authorize';
    const outcome = startAuthorize(
      state,
      state.signIns,
      request.params.tenant,
      request.query as Record<string, string>,
    );
    switch (outcome.kind) {
      case 'error-page':
        count(request, route, 400);
        return reply.code(400).type('text/html; charset=utf-8').send(errorPage(outcome.error));
      case 'redirect-error':
        count(request, route, 302);
        return backToClient(reply, outcome.redirectUri, 'query', {
          error: outcome.error.error,
          error_description: outcome.error.message,
          ...(outcome.state === null ? {} : { state: outcome.state }),
        });
      case 'sign-in-page': {
        count(request, route, 200);
        const users = state.directory.snapshot().users.filter((u) => u.accountEnabled !== false);
        return reply
          .type('text/html; charset=utf-8')
          .header('Cache-Control', 'no-store')
          .send(signInPage(outcome.app.displayName, outcome.pendingId, users, outcome.loginHint, null));
      }
    }
  });

  app.post('/:tenant/oauth2/v2.0/authorize', async (request: TenantRequest, reply) => {
    const route = '/{tenant}/oauth2/v2.0/authorize (sign-in)';
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    const pendingId = form.get('flow') ?? '';
    const pending = state.signIns.pending(pendingId, state.now());
    if (!pending) {
      count(request, route, 400);
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(
          errorPage(
            new AadstsError(
              400,
              'invalid_request',
              50058,
              'This sign-in has expired or was already used. Start again from the application.',
            ),
          ),
        );
    }
    const who = (form.get('login') ?? '').trim() || (form.get('user') ?? '');
    const picked = signInUser(state, who);
    if ('error' in picked) {
      count(request, route, 200);
      const users = state.directory.snapshot().users.filter((u) => u.accountEnabled !== false);
      return reply
        .type('text/html; charset=utf-8')
        .send(signInPage(pending.app.displayName, pendingId, users, who, picked.error.message));
    }
    const issued = state.signIns.issue(pendingId, picked.userId, state.now());
    if (!issued) return reply.code(400).send();
    count(request, route, 302);
    return backToClient(reply, issued.request.redirectUri, issued.request.responseMode, {
      code: issued.code,
      state: issued.request.state,
    });
  });
}

export function openIdConfiguration(baseUrl: string, tenantId: string): Record<string, unknown> {
  const tenantBase = `${baseUrl}/${tenantId}`;
  return {
    token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${tenantBase}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
    authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${tenantBase}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid', 'roles'],
    kerberos_endpoint: `${tenantBase}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  };
}
