import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';

/** A user's second factor, without its secret. */
export interface SecondFactor {
  readonly userId: string;
  /** null while the enrolment waits for its first code. */
  readonly enabledAt: string | null;
  readonly createdAt: string;
  readonly recoveryCodesLeft: number;
}

const sealedFor = (organisationId: string, userId: string) => `second-factor/${organisationId}/${userId}`;

/**
 * TOTP secrets and recovery codes (issue 10, item 4). The secret is sealed with the organisation and
 * user as associated data and only `secret()` opens it, for checking a code; recovery codes are
 * stored as hashes the caller made. Using a time step or a recovery code is one conditional update,
 * so two requests racing with the same code cannot both win — on either database.
 */
export class SecondFactorRepository {
  constructor(private readonly ctx: RepoContext) {}

  async get(organisationId: string, userId: string): Promise<SecondFactor | null> {
    const row = await this.ctx.db
      .selectFrom('second_factors')
      .select(['user_id', 'enabled_at', 'created_at'])
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      userId: row.user_id,
      enabledAt: row.enabled_at,
      createdAt: row.created_at,
      recoveryCodesLeft: (await this.unusedRecoveryCodes(organisationId, userId)).length,
    };
  }

  /** The plaintext secret, for checking a code; never for an API response after enrolment. */
  async secret(
    organisationId: string,
    userId: string,
  ): Promise<{ secret: string; lastUsedStep: number } | null> {
    const row = await this.ctx.db
      .selectFrom('second_factors')
      .select(['secret', 'last_used_step'])
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      secret: this.ctx.box.open(row.secret, sealedFor(organisationId, userId)),
      lastUsedStep: Number(row.last_used_step),
    };
  }

  /** Starts (or restarts) an enrolment: the new secret waits for its first code. */
  async startEnrolment(organisationId: string, userId: string, secret: string): Promise<void> {
    await this.remove(organisationId, userId);
    await this.ctx.db
      .insertInto('second_factors')
      .values({
        user_id: userId,
        organisation_id: organisationId,
        secret: this.ctx.box.seal(secret, sealedFor(organisationId, userId)),
        enabled_at: null,
        last_used_step: 0,
        created_at: this.ctx.clock.now(),
      })
      .execute();
  }

  async enable(organisationId: string, userId: string): Promise<void> {
    await this.ctx.db
      .updateTable('second_factors')
      .set({ enabled_at: this.ctx.clock.now() })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Records that the code of `step` was used; false when it (or a later one) already was. */
  async spendStep(organisationId: string, userId: string, step: number): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('second_factors')
      .set({ last_used_step: step })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .where('last_used_step', '<', step)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Removes the second factor and its recovery codes. */
  async remove(organisationId: string, userId: string): Promise<boolean> {
    await this.ctx.db
      .deleteFrom('recovery_codes')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute();
    const result = await this.ctx.db
      .deleteFrom('second_factors')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** Replaces every recovery code of the user (the old ones stop working). */
  async replaceRecoveryCodes(
    organisationId: string,
    userId: string,
    hashes: readonly string[],
  ): Promise<void> {
    await this.ctx.db
      .deleteFrom('recovery_codes')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute();
    const now = this.ctx.clock.now();
    if (hashes.length === 0) return;
    await this.ctx.db
      .insertInto('recovery_codes')
      .values(
        hashes.map((codeHash) => ({
          id: newId(),
          user_id: userId,
          organisation_id: organisationId,
          code_hash: codeHash,
          used_at: null,
          created_at: now,
        })),
      )
      .execute();
  }

  async unusedRecoveryCodes(
    organisationId: string,
    userId: string,
  ): Promise<readonly { readonly id: string; readonly hash: string }[]> {
    const rows = await this.ctx.db
      .selectFrom('recovery_codes')
      .select(['id', 'code_hash'])
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, hash: r.code_hash }));
  }

  /** Marks a recovery code used; false when another request used it first. */
  async spendRecoveryCode(organisationId: string, id: string): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('recovery_codes')
      .set({ used_at: this.ctx.clock.now() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Ids of the organisation's users whose second factor is on. */
  async enabledUserIds(organisationId: string): Promise<ReadonlySet<string>> {
    const rows = await this.ctx.db
      .selectFrom('second_factors')
      .select('user_id')
      .where('organisation_id', '=', organisationId)
      .where('enabled_at', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }
}
