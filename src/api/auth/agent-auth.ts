/**
 * Authenticates a directory agent: every request carries `Authorization: Agent <JWT>`, signed with
 * the agent's Ed25519 private key (which never leaves its state folder) and bound to the request's
 * method, path and body (its SHA-256) for two minutes. The service checks it against the public key it was given at
 * registration, and refuses a revoked agent on its very next request.
 */
import type { FastifyRequest } from 'fastify';
import { decodeJwt, importJWK, jwtVerify } from 'jose';
import { AGENT_AUTH_SCHEME, AGENT_JWT_AUDIENCE, agentBodyDigest } from '../../agent/protocol-constants.ts';
import { HrsyncError } from '../../core/index.ts';
import type { Agent, Store } from '../../store/index.ts';
import { rawBodyOf } from '../plugins/input-hygiene.ts';

const refused = (message: string) => new HrsyncError('HRS_AGENT_REFUSED', message);

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
  if (agent.revokedAt !== null) {
    throw refused(`Agent "${agent.name}" was revoked at ${agent.revokedAt}; register a new agent.`);
  }
  let older = false;
  try {
    const key = await importJWK({ ...agent.publicKey }, 'EdDSA');
    const { payload } = await jwtVerify(token, key, {
      issuer: agent.id,
      audience: AGENT_JWT_AUDIENCE,
      algorithms: ['EdDSA'],
      maxTokenAge: '5m',
      // The agent's clock is the customer's: allow some drift.
      clockTolerance: 300,
    });
    const path = request.url.split('?')[0];
    older = payload.bdh === undefined;
    if (
      payload.htm !== request.method ||
      payload.htu !== path ||
      payload.bdh !== agentBodyDigest(rawBodyOf(request) ?? '')
    ) {
      throw new Error('signature made for another request');
    }
  } catch {
    throw refused(
      older
        ? `Agent "${agent.name}" signs its requests without their body, as hrsync before this version did: update hrsync on the agent's machine.`
        : `The signature of agent "${agent.name}" was not valid for this request.`,
    );
  }
  return agent;
}
