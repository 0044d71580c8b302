import type { GraphEmulatorState } from '../emulator-state.ts';
import { aadsts } from './aadsts-error.ts';
import { type AppRegistration, secretMatches } from './app-registration.ts';
import { JWT_BEARER_ASSERTION_TYPE, verifyClientAssertion } from './client-assertion.ts';
import { GRAPH_RESOURCE } from './token-signer.ts';

export interface TokenRequest {
  readonly tenantSegment: string;
  readonly form: URLSearchParams;
  readonly authorization: string | undefined;
  /** e.g. `https://127.0.0.1:4443`: a client assertion's `aud` must be a token endpoint on it. */
  readonly baseUrl: string;
  readonly host: string;
}

export interface TokenResponse {
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
}

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * The client-credentials grant: tenant, grant type, client, scope, then the credential (secret in
 * the body or HTTP Basic, or a certificate-signed client assertion). Throws AadstsError.
 */
export async function issueClientCredentialsToken(
  state: GraphEmulatorState,
  request: TokenRequest,
): Promise<TokenResponse> {
  const { directory } = state;
  if (!directory.matchesTenant(request.tenantSegment)) throw aadsts.tenantNotFound(request.tenantSegment);
  const { form } = request;
  const grant = form.get('grant_type');
  if (!grant) throw aadsts.missingParameter('grant_type');
  if (grant !== 'client_credentials') throw aadsts.unsupportedGrant(grant);

  const basic = parseBasic(request.authorization);
  const clientId = form.get('client_id') ?? basic?.clientId;
  if (!clientId) throw aadsts.missingParameter('client_id');
  const app = state.apps.get(clientId.toLowerCase());
  if (!app) throw aadsts.unknownClient(clientId, request.tenantSegment);

  checkScope(form.get('scope'), request.tenantSegment);
  const credential = await authenticateClient(state, app, form, basic, request);
  const issued = await state.signer.issue({
    tenantId: directory.tenantId,
    app,
    credential,
    nowMs: state.now(),
  });
  return {
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    ext_expires_in: issued.expiresIn,
    access_token: issued.accessToken,
  };
}

function checkScope(scope: string | null, tenant: string): void {
  if (scope === null || scope.trim() === '') throw aadsts.invalidScope('(missing)');
  const scopes = scope.trim().split(/\s+/);
  for (const s of scopes) if (!s.endsWith('/.default')) throw aadsts.invalidScopeFormat(s);
  if (scopes.length !== 1) throw aadsts.invalidScope(scope);
  const resource = scopes[0]!.slice(0, -'/.default'.length).replace(/\/$/, '');
  if (resource !== GRAPH_RESOURCE && resource !== GRAPH_APP_ID)
    throw aadsts.unknownResource(resource, tenant);
}

async function authenticateClient(
  state: GraphEmulatorState,
  app: AppRegistration,
  form: URLSearchParams,
  basic: { clientId: string; secret: string } | undefined,
  request: TokenRequest,
): Promise<'secret' | 'certificate'> {
  const secret = form.get('client_secret') ?? basic?.secret;
  if (secret !== undefined && secret !== null) {
    if (!secretMatches(app, secret)) throw aadsts.invalidSecret(app.clientId);
    return 'secret';
  }
  const assertion = form.get('client_assertion');
  const assertionType = form.get('client_assertion_type');
  if (assertion === null && assertionType === null) throw aadsts.noCredential();
  if (assertionType !== JWT_BEARER_ASSERTION_TYPE) throw aadsts.badAssertionType();
  if (assertion === null) throw aadsts.missingParameter('client_assertion');
  await verifyClientAssertion(assertion, {
    app,
    nowMs: state.now(),
    audienceMatches: (aud) => audienceIsTokenEndpoint(state, aud, request),
    ...(state.replayGuard ? { replayGuard: state.replayGuard } : {}),
  });
  return 'certificate';
}

/** This tenant's v2.0 (or v1.0) token endpoint, on this emulator or on login.microsoftonline.com. */
function audienceIsTokenEndpoint(state: GraphEmulatorState, aud: string, request: TokenRequest): boolean {
  let url: URL;
  try {
    url = new URL(aud);
  } catch {
    return false;
  }
  if (url.host !== request.host && url.host !== 'login.microsoftonline.com') return false;
  const match = /^\/([^/]+)\/oauth2\/(?:v2\.0\/)?token\/?$/.exec(url.pathname);
  return match !== null && state.directory.matchesTenant(decodeURIComponent(match[1]!));
}

export function parseBasic(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = header && /^Basic\s+(\S+)$/i.exec(header.trim());
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}
