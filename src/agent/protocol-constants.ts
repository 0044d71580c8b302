import { createHash } from 'node:crypto';

/** What the agent and the service agree on, in one place: `Authorization: Agent <JWT>`. */
export const AGENT_AUTH_SCHEME = 'Agent';

/** The audience of agent signatures. */
export const AGENT_JWT_AUDIENCE = 'hrsync-agent-protocol';

/**
 * How long an agent's request signature is valid, in seconds. The agent signs each request just
 * before sending it (and anew for a retry), so this only needs to outlast the request's way to the
 * service; the service accepts a signature no longer than this, plus its allowance for clock drift.
 */
export const AGENT_SIGNATURE_LIFETIME_S = 120;

/** How far the agent's clock may be off the service's, either way, in seconds. */
export const AGENT_CLOCK_TOLERANCE_S = 60;

/**
 * Where a refusal for the signature's time points (`…/iat`, `…/exp`): the agent's clock is off, which
 * NTP may yet put right, so the agent keeps trying (and saying why) instead of stopping as when revoked.
 */
export const AGENT_SIGNATURE_TIME_PATH = '/headers/authorization/';

/**
 * The `bdh` claim of an agent's signature: SHA-256 (base64url) of the request body's exact bytes
 * (empty when there is none), so a signature lets in only the body it was made for — the pages and
 * results an agent reports decide what the service believes about the directory.
 */
export function agentBodyDigest(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}
