/** The agent's key pair (Ed25519) and the per-request signature the service checks. */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { AGENT_JWT_AUDIENCE, AGENT_SIGNATURE_LIFETIME_S, agentBodyDigest } from './protocol-constants.ts';

export async function newAgentKeyPair(): Promise<{ publicJwk: JWK; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return {
    publicJwk: { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x } as JWK,
    privateJwk: await exportJWK(privateKey),
  };
}

/** A signature for one request: its method, path and the exact body text sent ('' for none). */
export type RequestSigner = (method: string, path: string, body: string) => Promise<string>;

/** `now`: the agent machine's clock (ms); tests pass one that is off. */
export async function requestSigner(
  agentId: string,
  privateJwk: JWK,
  now: () => number = Date.now,
): Promise<RequestSigner> {
  const key = await importJWK(privateJwk, 'EdDSA');
  return (method, path, body) => {
    const issuedAt = Math.floor(now() / 1000);
    return new SignJWT({ htm: method, htu: path, bdh: agentBodyDigest(body) })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'hrsync-agent+jwt' })
      .setIssuer(agentId)
      .setAudience(AGENT_JWT_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + AGENT_SIGNATURE_LIFETIME_S)
      .setJti(randomUUID())
      .sign(key);
  };
}
