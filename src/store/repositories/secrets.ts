import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';

/**
 * Secrets are sealed with the organisation and id as associated data. Nothing but `reveal` ever
 * returns plaintext, and only the run executor and the test actions call it.
 */
export class SecretRepository {
  constructor(private readonly ctx: RepoContext) {}

  async put(organisationId: string, plaintext: string): Promise<string> {
    const id = newId();
    await this.ctx.db
      .insertInto('secrets')
      .values({
        id,
        organisation_id: organisationId,
        ciphertext: this.ctx.box.seal(plaintext, `${organisationId}/${id}`),
        created_at: this.ctx.clock.now(),
      })
      .execute();
    return id;
  }

  async reveal(organisationId: string, id: string): Promise<string | null> {
    const row = await this.ctx.db
      .selectFrom('secrets')
      .select('ciphertext')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.ctx.box.open(row.ciphertext, `${organisationId}/${id}`) : null;
  }

  async delete(organisationId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ctx.db
      .deleteFrom('secrets')
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', ids)
      .execute();
  }
}
