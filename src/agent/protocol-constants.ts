/** What the agent and the service agree on, in one place: `Authorization: Agent <JWT>`. */
export const AGENT_AUTH_SCHEME = 'Agent';

/** The audience of agent signatures. */
export const AGENT_JWT_AUDIENCE = 'hrsync-agent-protocol';
