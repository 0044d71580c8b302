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
import { decodeJwt, errors, importJWK, type JWTPayload, jwtVerify } from 'jose';
import {
  AGENT_AUTH_SCHEME,
  AGENT_CLOCK_TOLERANCE_S,
  AGENT_JWT_AUDIENCE,
  AGENT_SIGNATURE_LIFETIME_S,
  AGENT_SIGNATURE_TIME_PATH,
  agentBodyDigest,
} from '../../agent/protocol-constants.ts';
import { HrsyncError } from '../../core/index.ts';
import type { Agent, Store } from '../../store/index.ts';
import { rawBodyOf } from '../plugins/input-hygiene.ts';

/**
 * How old a signature may be: as long as the agent makes it valid for (2 minutes), plus an allowance
 * either way for the agent's clock, which is the customer's, in seconds. (It was 5 + 5 minutes against
 * 2-minute signatures: a captured request stayed good for 7 minutes, 10 with a forged expiry.) An
 * agent signs just before sending, so a minute of drift is what NTP-kept clocks never reach.
 */
const MAX_TOKEN_AGE_S = AGENT_SIGNATURE_LIFETIME_S;
export const CLOCK_TOLERANCE_S = AGENT_CLOCK_TOLERANCE_S;
/** The agent sends a UUID; anything much longer is not from hrsync. */
const MAX_JTI_LENGTH = 128;

const refused = (message: string) => new HrsyncError('HRS_AGENT_REFUSED', message);

/** Refusals of a request that names no registered agent: unsigned, unreadable, an unknown id. */
const anonymous = new WeakSet<HrsyncError>();

/**
 * Whether this refusal is of a request that proved no agent at all (no signature, one that cannot be
 * read, or one naming an agent the service does not know): counted per client address
 * (agent-protocol.ts), as badly signed requests for a registered agent are.
 */
export const namesNoAgent = (error: unknown): boolean => error instanceof HrsyncError && anonymous.has(error);

const noAgent = (message: string): HrsyncError => {
  const error = refused(message);
  anonymous.add(error);
  return error;
};

/** Refusals of a request for a registered agent that is not the agent's own, by the agent it named. */
const badlySigned = new WeakMap<HrsyncError, Agent>();

/**
 * A request that names a registered agent but whose signature is not that agent's for it (another key,
 * made for another request, a replay): refused, and counted against the agent and the address
 * (agent-protocol.ts); undefined for any other refusal (an unknown id — see namesNoAgent —, a revoked
 * agent, a clock off).
 */
export const badlySignedFor = (error: unknown): Agent | undefined =>
  error instanceof HrsyncError ? badlySigned.get(error) : undefined;

const notItsOwn = (agent: Agent, message: string): HrsyncError => {
  const error = refused(message);
  badlySigned.set(error, agent);
  return error;
};

const update = (agent: Agent, what: string) =>
  refused(
    `Agent "${agent.name}" signs its requests ${what}, as hrsync before this version did: update hrsync on the agent's machine.`,
  );

/**
 * The last moment (ISO) the service would still accept this token, so its jti is remembered (and
 * replays refused) that long: jose, counting in whole seconds, accepts it while `exp + tolerance` is
 * ahead and while `iat` is at most `maxTokenAge + tolerance` whole seconds ago — up to a second more
 * (an agent's own tokens expire first: `exp` = `iat` + 120).
 */
function validUntil(payload: JWTPayload): string {
  const byAge = (payload.iat ?? 0) + MAX_TOKEN_AGE_S + 1;
  const last = Math.min(payload.exp ?? byAge, byAge) + CLOCK_TOLERANCE_S;
  return new Date(last * 1000).toISOString();
}

const instant = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');

const CHECK_CLOCK =
  "Check the clock of the agent's machine (synchronise it with NTP or the domain's time service); its next request is signed anew.";

/**
 * A signature that verified but was made too long ago, expired, or made ahead of the service's clock:
 * what is wrong, by how much, and what to do. jose checks these claims only after the signature, so
 * the agent (and its name) is proven; null for any other failure.
 */
function timeRefusal(agent: Agent, error: unknown, now: number): HrsyncError | null {
  if (!(error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed)) return null;
  if (error.reason !== 'check_failed') return null;
  const { iat, exp } = error.payload;
  const madeAt = typeof iat === 'number' ? ` at ${instant(iat)}` : '';
  const serviceClock = `by the service's clock (${instant(now)})`;
  const allowed = `a signature is accepted for ${MAX_TOKEN_AGE_S} s after it was made, give or take ${CLOCK_TOLERANCE_S} s of clock difference`;
  const whose = `Agent "${agent.name}" signed this request${madeAt}`;
  // The detail's path tells the agent that its clock is off (it keeps trying), not that it is revoked.
  const offClock = (message: string) =>
    new HrsyncError('HRS_AGENT_REFUSED', message, {
      details: [
        { path: `${AGENT_SIGNATURE_TIME_PATH}${error.claim}`, message: 'the agent machine’s clock is off' },
      ],
    });
  if (error.claim === 'exp' && typeof exp === 'number') {
    return offClock(
      `${whose}, and the signature expired at ${instant(exp)}, ${now - exp} s ago ${serviceClock}; ${allowed}. ${CHECK_CLOCK}`,
    );
  }
  if (error.claim === 'iat' && typeof iat === 'number' && iat < now) {
    return offClock(`${whose}, ${now - iat} s ago ${serviceClock}: too old; ${allowed}. ${CHECK_CLOCK}`);
  }
  if ((error.claim === 'iat' || error.claim === 'nbf') && typeof iat === 'number') {
    return offClock(
      `${whose}, ${iat - now} s ahead of the service's clock (${instant(now)}): the agent's clock is ahead; ${allowed}. ${CHECK_CLOCK}`,
    );
  }
  return null;
}

const isAgentIdForm = (value: unknown): value is string =>
  typeof value === 'string' && /^[\x21-\x7e]{1,100}$/.test(value);

export async function authenticateAgent(store: Store, request: FastifyRequest): Promise<Agent> {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith(`${AGENT_AUTH_SCHEME} `)) {
    throw noAgent('Agent requests must be signed: "Authorization: Agent <JWT>".');
  }
  const token = header.slice(AGENT_AUTH_SCHEME.length + 1).trim();
  let agentId: unknown;
  try {
    agentId = decodeJwt(token).iss;
  } catch {
    throw noAgent('The agent signature could not be read.');
  }
  // Read before any signature is checked, from anyone: only an id's form goes to the store (a NUL
  // byte or an object there answered 500).
  const agent = isAgentIdForm(agentId) ? await store.agents.find(agentId) : null;
  if (!agent || agent.publicKey === null) throw noAgent('This agent is not registered with the service.');
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
  } catch (error) {
    const late = timeRefusal(agent, error, Math.floor(Date.now() / 1000));
    if (late) {
      request.log.warn(
        { agent: agent.id, claim: (error as errors.JWTClaimValidationFailed).claim },
        `agent request refused: ${late.message}`,
      );
      throw late;
    }
    request.log.warn({ agent: agent.id }, 'agent request with a signature that does not verify: refused');
    throw notItsOwn(
      agent,
      'The agent signature was not valid for this request (made with another key, or for another service).',
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
    throw notItsOwn(
      agent,
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
    throw notItsOwn(
      agent,
      `This request of agent "${agent.name}" was already received: each signature is let in once, so a replayed request is refused.`,
    );
  }
  return agent;
}
