/**
 * `hrsync agent`: the process inside a customer's network that carries out its tenant's directory
 * operations (issue 9). Outbound HTTPS only; the private key and bind password stay in its state folder.
 */
export { AgentClient, AgentRequestError } from './client.ts';
export { WriteJournal } from './journal.ts';
export { type RegisterOptions, registerAgentState } from './register.ts';
export { type AgentLog, AgentRuntime, type AgentRuntimeOptions, type AgentTargetFactory } from './runtime.ts';
export { requestSigner } from './signing.ts';
export { type AgentIdentityFile, type AgentSecrets, AgentStateDir } from './state.ts';
