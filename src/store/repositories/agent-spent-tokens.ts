import type { RepoContext } from '../context.ts';

/**
 * The agent tokens the service has let in (by `jti`, per agent), so none is let in twice. One
 * INSERT decides: two processes offered the same token at once cannot both accept it.
 */
export class AgentSpentTokenRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** Records a token as used; false when it was used before (a replay). */
  async spend(agentId: string, jti: string, validUntil: string): Promise<boolean> {
    const result = await this.ctx.db
      .insertInto('agent_spent_tokens')
      .values({ agent_id: agentId, jti, valid_until: validUntil })
      .onConflict((oc) => oc.columns(['agent_id', 'jti']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Forgets tokens that could no longer be valid anyway (the scheduler's housekeeping). */
  async deleteExpired(): Promise<number> {
    const result = await this.ctx.db
      .deleteFrom('agent_spent_tokens')
      .where('valid_until', '<', this.ctx.clock.now())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
