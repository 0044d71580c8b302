import type { Role } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { InvitationsTable } from '../database.ts';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

export interface Invitation {
  readonly id: string;
  readonly organisationId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly status: InvitationStatus;
  /** The inviting user's id. */
  readonly invitedBy: string;
  readonly createdAt: string;
  readonly sentAt: string;
  readonly sendCount: number;
  readonly expiresAt: string;
  readonly acceptedUserId: string | null;
  readonly finishedAt: string | null;
}

const toInvitation = (r: InvitationsTable): Invitation => ({
  id: r.id,
  organisationId: r.organisation_id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  status: r.status as InvitationStatus,
  invitedBy: r.invited_by,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  sendCount: Number(r.send_count),
  expiresAt: r.expires_at,
  acceptedUserId: r.accepted_user_id,
  finishedAt: r.finished_at,
});

export interface NewInvitation {
  readonly organisationId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly invitedBy: string;
  /** SHA-256 of the link's token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly expiresAt: string;
}

export class InvitationRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewInvitation): Promise<Invitation> {
    const now = this.ctx.clock.now();
    const row: InvitationsTable = {
      id: newId(),
      organisation_id: input.organisationId,
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      token_hash: input.tokenHash,
      status: 'pending',
      invited_by: input.invitedBy,
      created_at: now,
      sent_at: now,
      send_count: 1,
      expires_at: input.expiresAt,
      accepted_user_id: null,
      finished_at: null,
    };
    await this.ctx.db.insertInto('invitations').values(row).execute();
    return toInvitation(row);
  }

  async get(organisationId: string, id: string): Promise<Invitation | null> {
    const row = await this.ctx.db
      .selectFrom('invitations')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toInvitation(row) : null;
  }

  /** Pending invitations (expired ones included, to resend or revoke), newest first. */
  async listPending(organisationId: string): Promise<readonly Invitation[]> {
    const rows = await this.ctx.db
      .selectFrom('invitations')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'pending')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(500)
      .execute();
    return rows.map(toInvitation);
  }

  async pendingFor(organisationId: string, email: string): Promise<Invitation | null> {
    const row = await this.ctx.db
      .selectFrom('invitations')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'pending')
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? toInvitation(row) : null;
  }

  /** The invitation a link's token opens, whatever its state (the caller decides what it may do). */
  async byTokenHash(tokenHash: string): Promise<Invitation | null> {
    const row = await this.ctx.db
      .selectFrom('invitations')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toInvitation(row) : null;
  }

  /** A new link (the old one stops working) and a new expiry; counts the sending. */
  async renew(
    organisationId: string,
    id: string,
    tokenHash: string,
    expiresAt: string,
  ): Promise<Invitation | null> {
    const before = await this.get(organisationId, id);
    if (before?.status !== 'pending') return null;
    await this.ctx.db
      .updateTable('invitations')
      .set({
        token_hash: tokenHash,
        expires_at: expiresAt,
        sent_at: this.ctx.clock.now(),
        send_count: before.sendCount + 1,
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    return this.get(organisationId, id);
  }

  /**
   * Ends a pending invitation (accepted or revoked); false when it was not pending any more, so two
   * simultaneous accepts of one link create one user.
   */
  async finish(
    organisationId: string,
    id: string,
    status: 'accepted' | 'revoked',
    acceptedUserId: string | null = null,
  ): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('invitations')
      .set({ status, accepted_user_id: acceptedUserId, finished_at: this.ctx.clock.now() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Whether the user joined through an invitation (their role is then hrsync's, not only Entra's). */
  async acceptedBy(organisationId: string, userId: string): Promise<boolean> {
    const row = await this.ctx.db
      .selectFrom('invitations')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('accepted_user_id', '=', userId)
      .where('status', '=', 'accepted')
      .executeTakeFirst();
    return row !== undefined;
  }
}
