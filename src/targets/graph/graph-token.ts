/**
 * App-only tokens for Microsoft Graph through MSAL's ConfidentialClientApplication (client-credentials
 * grant with a client secret or a certificate). One token is shared by every request and renewed a few
 * minutes before it expires; concurrent callers wait for the same renewal.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { HrsyncError } from '../../core/index.ts';
import type { HttpFetch } from './graph-http.ts';
import { type MsalNetwork, msalNetworkClient, type NetworkFailureSeen } from './msal-network.ts';

/** Client credentials hold the tenant's Graph permissions as `roles`; the scope is always `.default`. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** Renew this long before expiry so a token never runs out in the middle of a batch. */
const RENEW_BEFORE_MS = 5 * 60_000;
const MICROSOFT_HOSTS = /(^|\.)(microsoftonline\.(com|us)|chinacloudapi\.cn|microsoftonline\.de)$/i;

export type GraphCredentialMaterial =
  | { readonly clientSecret: string }
  | { readonly certificatePem: string; readonly privateKeyPem: string };

export interface GraphTokenOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly authorityHost: string;
  readonly credential: GraphCredentialMaterial;
  readonly fetch: HttpFetch;
  /** What to do about a certificate that is not trusted, in this program's terms (the service names HRSYNC_EXTRA_CA_FILE). */
  readonly trustAdvice?: string;
}

export class GraphTokenProvider {
  readonly #app: ConfidentialClientApplication;
  readonly #network: MsalNetwork;
  #cached: { readonly token: string; readonly renewAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(options: GraphTokenOptions) {
    const authorityHost = options.authorityHost.replace(/\/+$/, '');
    const host = new URL(authorityHost).host;
    this.#network = msalNetworkClient(options.fetch, options.trustAdvice);
    const config: Configuration = {
      auth: {
        clientId: options.clientId,
        authority: `${authorityHost}/${options.tenantId}`,
        // Any other host (a sovereign proxy, the emulator) is trusted as given instead of being checked
        // against Microsoft's instance discovery, which would reject it.
        ...(MICROSOFT_HOSTS.test(new URL(authorityHost).hostname) ? {} : { knownAuthorities: [host] }),
        ...credentialOptions(options.credential),
      },
      system: { networkClient: this.#network },
    };
    this.#app = new ConfidentialClientApplication(config);
  }

  /** A valid access token; `renew` forces a new one (after Graph said 401). */
  token(renew = false): Promise<string> {
    const cached = this.#cached;
    if (!renew && cached && Date.now() < cached.renewAt) return Promise.resolve(cached.token);
    this.#pending ??= this.#acquire(renew).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #acquire(renew: boolean): Promise<string> {
    let result: Awaited<ReturnType<ConfidentialClientApplication['acquireTokenByClientCredential']>>;
    try {
      result = await this.#app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE], skipCache: renew });
    } catch (error) {
      throw tokenError(error, this.#network.lastFailure());
    }
    if (!result?.accessToken)
      throw new HrsyncError('HRS_TARGET_AUTH', 'The identity platform returned no token.');
    const expiresAt = result.expiresOn?.getTime() ?? Date.now() + 3_600_000;
    const lifetime = expiresAt - Date.now();
    this.#cached = {
      token: result.accessToken,
      renewAt: expiresAt - Math.min(RENEW_BEFORE_MS, lifetime / 2),
    };
    return result.accessToken;
  }
}

function credentialOptions(credential: GraphCredentialMaterial): Partial<Configuration['auth']> {
  if ('clientSecret' in credential) return { clientSecret: credential.clientSecret };
  const certificate = new X509Certificate(credential.certificatePem);
  return {
    clientCertificate: {
      // Entra finds the registered certificate by this SHA-256 thumbprint (JWT header x5t#S256).
      thumbprintSha256: certificate.fingerprint256.replaceAll(':', ''),
      // MSAL signs with jsonwebtoken, which wants PKCS#8; administrators often have PKCS#1 ("RSA") keys.
      privateKey: createPrivateKey(credential.privateKeyPem)
        .export({ format: 'pem', type: 'pkcs8' })
        .toString(),
    },
  };
}

/**
 * MSAL's errors carry Entra's `AADSTS…` description; keep the code, drop trace and correlation ids.
 * When no answer came at all, `networkFailure` says why (MSAL only says it could not resolve endpoints).
 */
export function tokenError(error: unknown, networkFailure?: NetworkFailureSeen): HrsyncError {
  const e = error as { errorCode?: unknown; errorMessage?: unknown; message?: unknown };
  const code = typeof e.errorCode === 'string' ? e.errorCode : 'token_error';
  const text = String(e.errorMessage ?? e.message ?? error)
    .replace(/\s*Trace ID:[\s\S]*$/, '')
    .trim();
  if (/AADSTS\d+/.test(text)) {
    return new HrsyncError(
      'HRS_TARGET_AUTH',
      `The identity platform refused the app credentials (${code}): ${text}`,
      {
        cause: error,
      },
    );
  }
  if (networkFailure?.permanent) {
    return new HrsyncError(
      'HRS_TARGET_UNREACHABLE',
      `The identity platform cannot be reached for ${networkFailure.message}. Not retried: trying again cannot help.`,
      { cause: error },
    );
  }
  if (networkFailure !== undefined) {
    return new HrsyncError(
      'HRS_TARGET_UNAVAILABLE',
      `The identity platform could not be reached: ${networkFailure.message}`,
      { cause: error },
    );
  }
  if (/network|ECONNREFUSED|ENOTFOUND|ECONNRESET|fetch failed|timed? ?out|without a JSON body/i.test(text)) {
    return new HrsyncError('HRS_TARGET_UNAVAILABLE', `The identity platform could not be reached: ${text}`, {
      cause: error,
    });
  }
  return new HrsyncError('HRS_TARGET_AUTH', `No token from the identity platform (${code}): ${text}`, {
    cause: error,
  });
}

/** The application permissions in an app-only token (`roles` claim); the token is not verified here. */
export function tokenRoles(token: string): string[] {
  const payload = token.split('.')[1];
  if (payload === undefined) return [];
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}
