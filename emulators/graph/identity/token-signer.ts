import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { GraphError } from '../graph/graph-error.ts';
import type { AppRegistration } from './app-registration.ts';

/** Graph accepts v1.0-format app tokens whose audience is the Graph resource. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export interface AccessTokenClaims extends JWTPayload {
  readonly tid: string;
  readonly appid: string;
  readonly oid: string;
  readonly roles: readonly string[];
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** Signs access tokens with a key made at start; the public half is served as the tenant's JWKS. */
export interface TokenSigner {
  readonly jwks: { readonly keys: readonly JWK[] };
  issue(request: {
    readonly tenantId: string;
    readonly app: AppRegistration;
    /** Entra's appidacr: 1 = client secret, 2 = certificate */
    readonly credential: 'secret' | 'certificate';
    readonly nowMs: number;
  }): Promise<IssuedToken>;
  /** Signs any claims (ID tokens of the sign-in flow) with the tenant's key. */
  sign(claims: JWTPayload, nowMs: number, lifetimeSeconds: number): Promise<string>;
  /** Verifies a bearer token for this tenant; throws a 401 GraphError when it is not acceptable. */
  verify(token: string, tenantId: string, nowMs: number): Promise<AccessTokenClaims>;
}

export async function createTokenSigner(lifetimeSeconds: number): Promise<TokenSigner> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwk: JWK = { ...publicJwk, kid, use: 'sig', alg: 'RS256' };

  return {
    jwks: { keys: [jwk] },
    async issue({ tenantId, app, credential, nowMs }) {
      const iat = Math.floor(nowMs / 1000);
      const accessToken = await new SignJWT({
        aud: GRAPH_RESOURCE,
        iss: `https://sts.windows.net/${tenantId}/`,
        idp: `https://sts.windows.net/${tenantId}/`,
        appid: app.clientId,
        app_displayname: app.displayName,
        appidacr: credential === 'secret' ? '1' : '2',
        idtyp: 'app',
        oid: app.servicePrincipalId,
        sub: app.servicePrincipalId,
        roles: [...app.permissions],
        tid: tenantId,
        uti: randomUUID().replaceAll('-', ''),
        ver: '1.0',
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + lifetimeSeconds)
        .sign(privateKey);
      return { accessToken, expiresIn: lifetimeSeconds };
    },
    async sign(claims, nowMs, lifetime) {
      const iat = Math.floor(nowMs / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + lifetime)
        .sign(privateKey);
    },
    async verify(token, tenantId, nowMs) {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          audience: [GRAPH_RESOURCE, '00000003-0000-0000-c000-000000000000'],
          issuer: `https://sts.windows.net/${tenantId}/`,
          currentDate: new Date(nowMs),
          algorithms: ['RS256'],
        });
        if (typeof payload.appid !== 'string' || payload.tid !== tenantId || !Array.isArray(payload.roles)) {
          throw invalidToken('Access token validation failure.');
        }
        return payload as AccessTokenClaims;
      } catch (error) {
        if (error instanceof GraphError) throw error;
        if (error instanceof errors.JWTExpired)
          throw invalidToken('Lifetime validation failed, the token is expired.');
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
          throw invalidToken('Access token validation failure. Invalid audience.');
        }
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
          throw invalidToken('Access token validation failure. Invalid issuer.');
        }
        if (error instanceof errors.JWSSignatureVerificationFailed) {
          throw invalidToken('Access token validation failure. Invalid signature.');
        }
        throw invalidToken('Invalid JWT token. The token is malformed or not signed by this tenant.');
      }
    },
  };
}

export const invalidToken = (message: string): GraphError =>
  new GraphError(401, 'InvalidAuthenticationToken', message, [], {
    'WWW-Authenticate': 'Bearer realm="", error="invalid_token"',
  });
