import type { Role } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import type { User } from '../records.ts';

/** Sessions are keyed by the sha-256 of the cookie value; the caller hashes. */
export class SessionRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(idHash: string, user: User, expiresAt: string): Promise<void> {
    await this.ctx.db
      .insertInto('sessions')
      .values({
        id_hash: idHash,
        user_id: user.id,
        organisation_id: user.organisationId,
        created_at: this.ctx.clock.now(),
        expires_at: expiresAt,
      })
      .execute();
  }

  /** The signed-in user of a live session; null when unknown, expired or the user is disabled. */
  async findUser(idHash: string): Promise<User | null> {
    const row = await this.ctx.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'users.id',
        'users.organisation_id',
        'users.email',
        'users.name',
        'users.role',
        'users.created_at',
        'users.updated_at',
      ])
      .where('sessions.id_hash', '=', idHash)
      .where('sessions.expires_at', '>', this.ctx.clock.now())
      .where('users.disabled', '=', 0)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      organisationId: row.organisation_id,
      email: row.email,
      name: row.name,
      role: row.role as Role,
      disabled: false,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async delete(idHash: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpired(): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('expires_at', '<=', this.ctx.clock.now()).execute();
  }
}
