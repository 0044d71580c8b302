import type { Role } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { UsersTable } from '../database.ts';
import { fromFlag, toCount, toFlag } from '../json.ts';
import type { User } from '../records.ts';

const toUser = (r: UsersTable): User => ({
  id: r.id,
  organisationId: r.organisation_id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  disabled: fromFlag(r.disabled),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewUser {
  readonly organisationId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly passwordHash: string;
}

export interface UserPatch {
  readonly name?: string;
  readonly role?: Role;
  readonly disabled?: boolean;
  readonly passwordHash?: string;
}

export class UserRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewUser): Promise<User> {
    const now = this.ctx.clock.now();
    const row: UsersTable = {
      id: newId(),
      organisation_id: input.organisationId,
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      password_hash: input.passwordHash,
      disabled: 0,
      created_at: now,
      updated_at: now,
    };
    await this.ctx.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  /**
   * For sign-in only: the one place a password hash leaves the store. An address is unique within an
   * organisation, so it may open accounts in several; the oldest first, at most `limit`.
   */
  async findForSignIn(email: string, limit = 10): Promise<readonly { user: User; passwordHash: string }[]> {
    const rows = await this.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ user: toUser(row), passwordHash: row.password_hash }));
  }

  async get(organisationId: string, id: string): Promise<User | null> {
    const row = await this.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async list(organisationId: string): Promise<readonly User[]> {
    const rows = await this.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('email')
      .execute();
    return rows.map(toUser);
  }

  async update(organisationId: string, id: string, patch: UserPatch): Promise<User | null> {
    await this.ctx.db
      .updateTable('users')
      .set({
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.role === undefined ? {} : { role: patch.role }),
        ...(patch.disabled === undefined ? {} : { disabled: toFlag(patch.disabled) }),
        ...(patch.passwordHash === undefined ? {} : { password_hash: patch.passwordHash }),
        updated_at: this.ctx.clock.now(),
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
    return this.get(organisationId, id);
  }

  async countActiveAdmins(organisationId: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirst();
    return toCount(row?.n);
  }
}
