/**
 * The agent's state folder: who it is (agent.json), its private key (agent-key.json, owner-only)
 * and the secrets entered on the agent (secrets.json, sealed with secret.key). The private key and
 * the bind password never leave this folder: the service holds only the public key.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HrsyncError } from '../core/index.ts';
import { loadOrCreateKeyFile } from '../store/index.ts';
import { SecretBox } from '../store/secret-box.ts';

export interface AgentIdentityFile {
  readonly agentId: string;
  readonly name: string;
  readonly server: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly registeredAt: string;
}

/** Secrets kept on the agent only, by name (the bind password of the domain controllers). */
export interface AgentSecrets {
  readonly bindPassword?: string;
}

const IDENTITY = 'agent.json';
const PRIVATE_KEY = 'agent-key.json';
const SECRETS = 'secrets.json';

function writePrivate(path: string, text: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export class AgentStateDir {
  constructor(readonly dir: string) {}

  ensure(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  registered(): boolean {
    return existsSync(join(this.dir, IDENTITY));
  }

  identity(): AgentIdentityFile {
    const path = join(this.dir, IDENTITY);
    if (!existsSync(path)) {
      throw new HrsyncError(
        'HRS_AGENT_REFUSED',
        `${this.dir} holds no registered agent: run "hrsync agent register --server URL --key KEY --state-dir ${this.dir}" first.`,
      );
    }
    return JSON.parse(readFileSync(path, 'utf8')) as AgentIdentityFile;
  }

  saveIdentity(identity: AgentIdentityFile, privateJwk: Record<string, unknown>): void {
    this.ensure();
    writePrivate(join(this.dir, PRIVATE_KEY), `${JSON.stringify(privateJwk)}\n`);
    writeFileSync(join(this.dir, IDENTITY), `${JSON.stringify(identity, null, 2)}\n`);
  }

  privateKey(): Record<string, unknown> {
    return JSON.parse(readFileSync(join(this.dir, PRIVATE_KEY), 'utf8')) as Record<string, unknown>;
  }

  #box(): SecretBox {
    this.ensure();
    return new SecretBox(loadOrCreateKeyFile(this.dir).key);
  }

  secrets(): AgentSecrets {
    const path = join(this.dir, SECRETS);
    if (!existsSync(path)) return {};
    const sealed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    const box = this.#box();
    return Object.fromEntries(
      Object.entries(sealed).map(([name, value]) => [name, box.open(value, `hrsync-agent:${name}`)]),
    );
  }

  setSecret(name: keyof AgentSecrets, value: string): void {
    const path = join(this.dir, SECRETS);
    const sealed = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
    sealed[name] = this.#box().seal(value, `hrsync-agent:${name}`);
    writePrivate(path, `${JSON.stringify(sealed, null, 2)}\n`);
  }

  journalPath(): string {
    return join(this.dir, 'journal.jsonl');
  }
}
