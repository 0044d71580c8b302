import type { Role } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { ApiTokensTable } from '../database.ts';
import type { ApiToken } from '../records.ts';

const toToken = (r: ApiTokensTable): ApiToken => ({
  id: r.id,
  organisationId: r.organisation_id,
  createdBy: r.created_by,
  name: r.name,
  role: r.role as Role,
  prefix: r.prefix,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export interface NewApiToken {
  readonly organisationId: string;
  readonly createdBy: string;
  readonly name: string;
  readonly role: Role;
  readonly tokenHash: string;
  readonly prefix: string;
  readonly expiresAt: string | null;
}

export class ApiTokenRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewApiToken): Promise<ApiToken> {
    const row: ApiTokensTable = {
      id: newId(),
      organisation_id: input.organisationId,
      created_by: input.createdBy,
      name: input.name,
      role: input.role,
      token_hash: input.tokenHash,
      prefix: input.prefix,
      created_at: this.ctx.clock.now(),
      expires_at: input.expiresAt,
      last_used_at: null,
      revoked_at: null,
    };
    await this.ctx.db.insertInto('api_tokens').values(row).execute();
    return toToken(row);
  }

  /** A usable token: known, not revoked, not expired. Records the use. */
  async use(tokenHash: string): Promise<ApiToken | null> {
    const now = this.ctx.clock.now();
    const row = await this.ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    if (!row) return null;
    await this.ctx.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    return toToken({ ...row, last_used_at: now });
  }

  async list(organisationId: string): Promise<readonly ApiToken[]> {
    const rows = await this.ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toToken);
  }

  async get(organisationId: string, id: string): Promise<ApiToken | null> {
    const row = await this.ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toToken(row) : null;
  }

  async revoke(organisationId: string, id: string): Promise<ApiToken | null> {
    await this.ctx.db
      .updateTable('api_tokens')
      .set({ revoked_at: this.ctx.clock.now() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return this.get(organisationId, id);
  }
}
