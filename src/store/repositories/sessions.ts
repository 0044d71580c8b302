import type { Role } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import type { SessionAssurance, User } from '../records.ts';

/** Sessions are keyed by the sha-256 of the cookie value; the caller hashes. */
export class SessionRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(
    idHash: string,
    user: User,
    expiresAt: string,
    assurance: SessionAssurance = 'password',
  ): Promise<void> {
    await this.ctx.db
      .insertInto('sessions')
      .values({
        id_hash: idHash,
        user_id: user.id,
        organisation_id: user.organisationId,
        created_at: this.ctx.clock.now(),
        expires_at: expiresAt,
        assurance,
      })
      .execute();
  }

  /** The signed-in user of a live session; null when unknown, expired or the user is disabled. */
  async findUser(idHash: string): Promise<User | null> {
    return (await this.find(idHash))?.user ?? null;
  }

  /** A live session: its user and how it was established. */
  async find(idHash: string): Promise<{ readonly user: User; readonly assurance: SessionAssurance } | null> {
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
        'sessions.assurance',
      ])
      .where('sessions.id_hash', '=', idHash)
      .where('sessions.expires_at', '>', this.ctx.clock.now())
      .where('users.disabled', '=', 0)
      .executeTakeFirst();
    if (!row) return null;
    const user: User = {
      id: row.id,
      organisationId: row.organisation_id,
      email: row.email,
      name: row.name,
      role: row.role as Role,
      disabled: false,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    return { user, assurance: row.assurance as SessionAssurance };
  }

  /** Changes how every session of a user counts, e.g. after the second factor was turned off. */
  async setAssuranceForUser(userId: string, assurance: SessionAssurance): Promise<void> {
    await this.ctx.db.updateTable('sessions').set({ assurance }).where('user_id', '=', userId).execute();
  }

  /** Ends every session of a user but one (the one that just changed the account's second factor). */
  async deleteOthersForUser(userId: string, keepIdHash: string | null): Promise<void> {
    let query = this.ctx.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepIdHash !== null) query = query.where('id_hash', '!=', keepIdHash);
    await query.execute();
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
