import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { AgentsTable } from '../database.ts';
import { fromJson, toJson } from '../json.ts';
import type { Agent, AgentControllers } from '../records.ts';

const toAgent = (r: AgentsTable): Agent => ({
  id: r.id,
  organisationId: r.organisation_id,
  tenantId: r.tenant_id,
  name: r.name,
  createdBy: r.created_by,
  createdAt: r.created_at,
  keyExpiresAt: r.key_expires_at,
  registeredAt: r.registered_at,
  publicKey: fromJson<Record<string, string>>(r.public_key),
  host: r.host,
  version: r.version,
  revokedAt: r.revoked_at,
  connectedSince: r.connected_since,
  lastSeenAt: r.last_seen_at,
  controllers: fromJson<AgentControllers>(r.controllers),
});

export interface NewAgentRegistration {
  readonly organisationId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly createdBy: string;
  readonly keyHash: string;
  readonly keyExpiresAt: string;
}

export interface AgentIdentity {
  readonly publicKey: Readonly<Record<string, string>>;
  readonly host: string;
  readonly version: string;
}

/** Why a registration key was refused; `agent` is set when the key was known. */
export type RedeemResult =
  | { readonly ok: true; readonly agent: Agent }
  | { readonly ok: false; readonly reason: 'unknown' }
  | { readonly ok: false; readonly reason: 'used' | 'expired' | 'revoked'; readonly agent: Agent };

export class AgentRepository {
  constructor(private readonly ctx: RepoContext) {}

  async createRegistration(input: NewAgentRegistration): Promise<Agent> {
    const row: AgentsTable = {
      id: newId(),
      organisation_id: input.organisationId,
      tenant_id: input.tenantId,
      name: input.name,
      created_by: input.createdBy,
      created_at: this.ctx.clock.now(),
      key_hash: input.keyHash,
      key_expires_at: input.keyExpiresAt,
      registered_at: null,
      public_key: null,
      host: null,
      version: null,
      revoked_at: null,
      connected_since: null,
      last_seen_at: null,
      controllers: null,
    };
    await this.ctx.db.insertInto('agents').values(row).execute();
    return toAgent(row);
  }

  /**
   * Exchanges a one-time key for the agent's public key. One conditional UPDATE decides, so two
   * agents racing with the same key cannot both register.
   */
  async redeem(keyHash: string, identity: AgentIdentity): Promise<RedeemResult> {
    const now = this.ctx.clock.now();
    const result = await this.ctx.db
      .updateTable('agents')
      .set({
        registered_at: now,
        public_key: toJson(identity.publicKey),
        host: identity.host,
        version: identity.version,
      })
      .where('key_hash', '=', keyHash)
      .where('registered_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('key_expires_at', '>', now)
      .executeTakeFirst();
    const row = await this.ctx.db
      .selectFrom('agents')
      .selectAll()
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    const agent = toAgent(row);
    if (Number(result.numUpdatedRows) === 1) return { ok: true, agent };
    if (agent.revokedAt !== null) return { ok: false, reason: 'revoked', agent };
    if (agent.registeredAt !== null) return { ok: false, reason: 'used', agent };
    return { ok: false, reason: 'expired', agent };
  }

  async get(organisationId: string, id: string): Promise<Agent | null> {
    const row = await this.ctx.db
      .selectFrom('agents')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toAgent(row) : null;
  }

  /** For authenticating an agent's request, before its organisation is known. */
  async find(id: string): Promise<Agent | null> {
    const row = await this.ctx.db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAgent(row) : null;
  }

  async list(organisationId: string, tenantId: string): Promise<readonly Agent[]> {
    const rows = await this.ctx.db
      .selectFrom('agents')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .execute();
    return rows.map(toAgent);
  }

  async revoke(organisationId: string, id: string): Promise<Agent | null> {
    await this.ctx.db
      .updateTable('agents')
      .set({ revoked_at: this.ctx.clock.now(), connected_since: null })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return this.get(organisationId, id);
  }

  /** Records that the agent was heard from (every request), and what it said about its controllers. */
  async heard(
    id: string,
    update: { readonly controllers?: AgentControllers; readonly version?: string },
  ): Promise<{ readonly reconnected: boolean }> {
    const now = this.ctx.clock.now();
    const before = await this.ctx.db
      .selectFrom('agents')
      .select('connected_since')
      .where('id', '=', id)
      .executeTakeFirst();
    await this.ctx.db
      .updateTable('agents')
      .set((eb) => ({
        last_seen_at: now,
        connected_since: eb.fn.coalesce('connected_since', eb.val(now)),
        ...(update.controllers ? { controllers: toJson(update.controllers) } : {}),
        ...(update.version ? { version: update.version } : {}),
      }))
      .where('id', '=', id)
      .execute();
    return { reconnected: before !== undefined && before.connected_since === null };
  }

  /** The agent's connection ended (it said goodbye, or fell silent). */
  async disconnected(id: string): Promise<void> {
    await this.ctx.db.updateTable('agents').set({ connected_since: null }).where('id', '=', id).execute();
  }
}
