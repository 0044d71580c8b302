import { compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { aadsts } from './aadsts-error.ts';
import type { AppRegistration, RegisteredCertificate } from './app-registration.ts';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Entra tolerates a little clock skew between client and service. */
const CLOCK_SKEW_SECONDS = 60;

export interface AssertionCheck {
  readonly app: AppRegistration;
  /** Does this `aud` name this tenant's token endpoint? */
  readonly audienceMatches: (aud: string) => boolean;
  readonly nowMs: number;
  readonly replayGuard?: ReplayGuard;
}

/**
 * Validates a certificate client assertion the way Entra does: the header thumbprint picks one of
 * the app's registered certificates, whose key must have signed it; then aud/iss/sub/time/jti.
 * Throws an AadstsError describing the first failure.
 */
export async function verifyClientAssertion(assertion: string, check: AssertionCheck): Promise<void> {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw aadsts.malformedAssertion('the client_assertion is not a compact JWS');
  }
  if (header.alg !== 'RS256' && header.alg !== 'PS256') {
    throw aadsts.malformedAssertion(
      `unsupported signing algorithm '${String(header.alg)}'; use RS256 or PS256`,
    );
  }
  const certificate = findCertificate(check.app, header);
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(assertion, certificate.certificate.publicKey, {
      algorithms: ['RS256', 'PS256'],
    }));
  } catch {
    throw aadsts.badSignature();
  }
  const claims = parseClaims(payloadBytes);
  checkClaims(claims, check);
}

function findCertificate(app: AppRegistration, header: ProtectedHeaderParameters): RegisteredCertificate {
  const x5t = typeof header.x5t === 'string' ? header.x5t : undefined;
  const x5tS256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  if (x5t === undefined && x5tS256 === undefined) {
    throw aadsts.assertionClaim("the JWT header carries neither 'x5t' nor 'x5t#S256'");
  }
  const found = app.certificates.find(
    (cert) => (x5t !== undefined && cert.x5t === x5t) || (x5tS256 !== undefined && cert.x5tS256 === x5tS256),
  );
  if (!found) throw aadsts.unknownCertificate(app.clientId);
  return found;
}

function parseClaims(bytes: Uint8Array): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw aadsts.malformedAssertion('the payload is not a JSON object');
}

function checkClaims(claims: Record<string, unknown>, check: AssertionCheck): void {
  const { aud, iss, sub, exp, nbf, jti } = claims;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.some((a) => typeof a === 'string' && check.audienceMatches(a))) {
    throw aadsts.assertionClaim(
      `the 'aud' claim must be this tenant's token endpoint (got ${JSON.stringify(aud)})`,
    );
  }
  if (typeof iss !== 'string' || iss.toLowerCase() !== check.app.clientId) {
    throw aadsts.assertionClaim("the 'iss' claim must be the client id");
  }
  if (typeof sub !== 'string' || sub.toLowerCase() !== iss.toLowerCase()) throw aadsts.subjectMismatch();
  const now = check.nowMs / 1000;
  if (typeof exp !== 'number') throw aadsts.assertionClaim("the 'exp' claim is missing");
  if (exp + CLOCK_SKEW_SECONDS <= now) throw aadsts.assertionTime();
  if (typeof nbf === 'number' && nbf - CLOCK_SKEW_SECONDS > now) throw aadsts.assertionTime();
  if (typeof jti !== 'string' || jti === '') throw aadsts.assertionClaim("the 'jti' claim is missing");
  if (check.replayGuard && !check.replayGuard.firstUse(`${check.app.clientId}/${jti}`, exp, now)) {
    throw aadsts.replayedAssertion();
  }
}

/** Remembers assertion ids until their expiry so a captured assertion cannot be used twice. */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();

  firstUse(key: string, expSeconds: number, nowSeconds: number): boolean {
    if (this.#seen.size > 10_000) {
      for (const [k, exp] of this.#seen) if (exp + CLOCK_SKEW_SECONDS < nowSeconds) this.#seen.delete(k);
    }
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, expSeconds);
    return true;
  }

  clear(): void {
    this.#seen.clear();
  }
}
