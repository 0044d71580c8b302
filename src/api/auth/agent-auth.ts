/**
 * Authenticates a directory agent: every request carries `Authorization: Agent <JWT>`, signed with
 * the agent's Ed25519 private key (which never leaves its state folder), bound to the request's
 * method, path and body (its SHA-256), and let in once: its `jti` is recorded in the store until the
 * token could no longer be valid, so a captured request cannot be sent again — to this API process or
 * another one sharing the database. The service checks it against the public key it was given at
 * registration, and refuses a revoked agent on its very next request. Until the signature is proven,
 * a refusal says nothing about the agent beyond that it is not let in.
 */
import type { FastifyRequest } from 'fastify';
import { decodeJwt, importJWK, type JWTPayload, jwtVerify } from 'jose';
import { AGENT_AUTH_SCHEME, AGENT_JWT_AUDIENCE, agentBodyDigest } from '../../agent/protocol-constants.ts';
import { HrsyncError } from '../../core/index.ts';
import type { Agent, Store } from '../../store/index.ts';
import { rawBodyOf } from '../plugins/input-hygiene.ts';

/** How old a token may be, and how far the agent's clock (the customer's) may drift, in seconds. */
const MAX_TOKEN_AGE_S = 300;
const CLOCK_TOLERANCE_S = 300;
/** The agent sends a UUID; anything much longer is not from hrsync. */
const MAX_JTI_LENGTH = 128;

const refused = (message: string) => new HrsyncError('HRS_AGENT_REFUSED', message);

const update = (agent: Agent, what: string) =>
  refused(
    `Agent "${agent.name}" signs its requests ${what}, as hrsync before this version did: update hrsync on the agent's machine.`,
  );

/**
 * The last moment (ISO) the service would still accept this token: jose accepts it while
 * `exp + tolerance` is ahead and `iat` is at most `maxTokenAge + tolerance` ago.
 */
function validUntil(payload: JWTPayload): string {
  const byAge = (payload.iat ?? 0) + MAX_TOKEN_AGE_S;
  const last = Math.min(payload.exp ?? byAge, byAge) + CLOCK_TOLERANCE_S;
  return new Date(last * 1000).toISOString();
}

export async function authenticateAgent(store: Store, request: FastifyRequest): Promise<Agent> {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith(`${AGENT_AUTH_SCHEME} `)) {
    throw refused('Agent requests must be signed: "Authorization: Agent <JWT>".');
  }
  const token = header.slice(AGENT_AUTH_SCHEME.length + 1).trim();
  let agentId: string | undefined;
  try {
    agentId = decodeJwt(token).iss;
  } catch {
    throw refused('The agent signature could not be read.');
  }
  const agent = agentId ? await store.agents.find(agentId) : null;
  if (!agent || agent.publicKey === null) throw refused('This agent is not registered with the service.');
  let payload: JWTPayload;
  try {
    const key = await importJWK({ ...agent.publicKey }, 'EdDSA');
    ({ payload } = await jwtVerify(token, key, {
      issuer: agent.id,
      audience: AGENT_JWT_AUDIENCE,
      algorithms: ['EdDSA'],
      maxTokenAge: MAX_TOKEN_AGE_S,
      // The agent's clock is the customer's: allow some drift.
      clockTolerance: CLOCK_TOLERANCE_S,
    }));
  } catch {
    request.log.warn({ agent: agent.id }, 'agent request with a signature that does not verify: refused');
    throw refused(
      "The agent signature was not valid for this request (another key, expired, or the agent's clock is more than 5 minutes off).",
    );
  }
  // Signed by the agent's own key from here on: its name and state may be told.
  if (agent.revokedAt !== null) {
    throw refused(`Agent "${agent.name}" was revoked at ${agent.revokedAt}; register a new agent.`);
  }
  if (payload.bdh === undefined) throw update(agent, 'without their body');
  const path = request.url.split('?')[0];
  if (
    payload.htm !== request.method ||
    payload.htu !== path ||
    payload.bdh !== agentBodyDigest(rawBodyOf(request) ?? '')
  ) {
    throw refused(
      `The signature of agent "${agent.name}" was not valid for this request: it was made for another.`,
    );
  }
  const { jti } = payload;
  if (typeof jti !== 'string' || jti === '') throw update(agent, 'without a unique id (jti) each');
  if (jti.length > MAX_JTI_LENGTH) {
    throw refused(
      `The signature of agent "${agent.name}" has an id (jti) over ${MAX_JTI_LENGTH} characters.`,
    );
  }
  if (!(await store.agentSpentTokens.spend(agent.id, jti, validUntil(payload)))) {
    // The token itself stays out of the log: it would be good for another try until it expires.
    request.log.warn(
      { agent: agent.id, jti, method: request.method, path },
      'agent request replayed (its signature was already used): refused',
    );
    throw refused(
      `This request of agent "${agent.name}" was already received: each signature is let in once, so a replayed request is refused.`,
    );
  }
  return agent;
}
