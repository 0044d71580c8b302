/**
 * `hrsync agent register`: exchanges the one-time key for the agent's own credential. The key pair is
 * made here; only the public half is sent, the private half is written to the state folder.
 */
import { hostname } from 'node:os';
import { HrsyncError } from '../core/index.ts';
import { AgentClient } from './client.ts';
import { newAgentKeyPair } from './signing.ts';
import { type AgentIdentityFile, AgentStateDir } from './state.ts';

export interface RegisterOptions {
  readonly server: string;
  readonly key: string;
  readonly stateDir: string;
  readonly version: string;
  readonly ca?: string | undefined;
  readonly host?: string;
}

export async function registerAgentState(options: RegisterOptions): Promise<AgentIdentityFile> {
  const state = new AgentStateDir(options.stateDir);
  if (state.registered()) {
    const existing = state.identity();
    throw new HrsyncError(
      'HRS_INVALID_STATE',
      `${options.stateDir} already holds agent "${existing.name}" of tenant "${existing.tenantName}"; use another --state-dir, or remove it to register again.`,
    );
  }
  const { publicJwk, privateJwk } = await newAgentKeyPair();
  const client = new AgentClient({ server: options.server, ca: options.ca }, null);
  try {
    const registered = await client.register({
      key: options.key.trim(),
      publicKey: { kty: 'OKP', crv: 'Ed25519', x: String(publicJwk.x) },
      host: options.host ?? hostname(),
      version: options.version,
    });
    const identity: AgentIdentityFile = {
      agentId: registered.agentId,
      name: registered.name,
      server: options.server.replace(/\/+$/, ''),
      tenantId: registered.tenantId,
      tenantName: registered.tenantName,
      registeredAt: new Date().toISOString(),
    };
    state.saveIdentity(identity, { ...privateJwk });
    return identity;
  } finally {
    await client.close();
  }
}
