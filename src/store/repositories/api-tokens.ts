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
  createdByUserId: r.created_by_user_id,
});

/** A usable token with the user it answers to, as that user is now. */
export interface UsableApiToken {
  readonly token: ApiToken;
  readonly creator: {
    readonly id: string;
    readonly email: string;
    readonly name: string;
    readonly role: Role;
  };
}

export interface NewApiToken {
  readonly organisationId: string;
  readonly createdBy: string;
  readonly name: string;
  readonly role: Role;
  readonly tokenHash: string;
  readonly prefix: string;
  readonly expiresAt: string | null;
  readonly createdByUserId: string;
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
      created_by_user_id: input.createdByUserId,
    };
    await this.ctx.db.insertInto('api_tokens').values(row).execute();
    return toToken(row);
  }

  /**
   * A usable token: known, not revoked, not expired, and its creator still an enabled user of the
   * same organisation. Records the use.
   */
  async use(tokenHash: string): Promise<UsableApiToken | null> {
    const now = this.ctx.clock.now();
    const row = await this.ctx.db
      .selectFrom('api_tokens')
      .innerJoin('users', (join) =>
        join
          .onRef('users.id', '=', 'api_tokens.created_by_user_id')
          .onRef('users.organisation_id', '=', 'api_tokens.organisation_id'),
      )
      .selectAll('api_tokens')
      .select(['users.email as creator_email', 'users.name as creator_name', 'users.role as creator_role'])
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked_at', 'is', null)
      .where('users.disabled', '=', 0)
      .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
      .executeTakeFirst();
    if (!row || row.created_by_user_id === null) return null;
    await this.ctx.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    const { creator_email, creator_name, creator_role, ...token } = row;
    return {
      token: toToken({ ...token, last_used_at: now }),
      creator: {
        id: row.created_by_user_id,
        email: creator_email,
        name: creator_name,
        role: creator_role as Role,
      },
    };
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
