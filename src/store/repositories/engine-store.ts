import type { Attributes, GrantedEntitlements, Link } from '../../core/index.ts';
import type { EngineState, EngineStore } from '../../engine/ports.ts';
import type { RepoContext } from '../context.ts';
import { fromJson, toJson } from '../json.ts';

const EMPTY_STATE: EngineState = {
  lastSourceCount: null,
  targetCursor: null,
  accounts: null,
  accountAttributes: null,
};

/**
 * The engine's memory of one connection (links and state), on the service database. `putLink` is
 * its own statement, committed at once: a create's link must survive a crash right after it.
 */
export class DatabaseEngineStore implements EngineStore {
  constructor(
    private readonly ctx: RepoContext,
    private readonly connectionId: string,
  ) {}

  async links(): Promise<readonly Link[]> {
    const rows = await this.ctx.db
      .selectFrom('links')
      .selectAll()
      .where('connection_id', '=', this.connectionId)
      .orderBy('employee_number')
      .execute();
    return rows.map((r) => {
      const granted = fromJson<GrantedEntitlements>(r.granted ?? null);
      return {
        employeeNumber: r.employee_number,
        accountId: r.account_id,
        applied: fromJson<Attributes>(r.applied) ?? {},
        linkedAt: r.linked_at,
        updatedAt: r.updated_at,
        ...(granted === null ? {} : { granted }),
      };
    });
  }

  async putLink(link: Link): Promise<void> {
    await this.ctx.db
      .insertInto('links')
      .values({
        connection_id: this.connectionId,
        employee_number: link.employeeNumber,
        account_id: link.accountId,
        applied: toJson(link.applied),
        linked_at: link.linkedAt,
        updated_at: link.updatedAt,
        granted: link.granted === undefined ? null : toJson(link.granted),
      })
      .onConflict((oc) =>
        oc.columns(['connection_id', 'employee_number']).doUpdateSet({
          account_id: link.accountId,
          applied: toJson(link.applied),
          updated_at: link.updatedAt,
          granted: link.granted === undefined ? null : toJson(link.granted),
        }),
      )
      .execute();
  }

  async removeLink(employeeNumber: string): Promise<void> {
    await this.ctx.db
      .deleteFrom('links')
      .where('connection_id', '=', this.connectionId)
      .where('employee_number', '=', employeeNumber)
      .execute();
  }

  async getState(): Promise<EngineState> {
    const row = await this.ctx.db
      .selectFrom('engine_state')
      .select('state')
      .where('connection_id', '=', this.connectionId)
      .executeTakeFirst();
    return row ? { ...EMPTY_STATE, ...fromJson<EngineState>(row.state) } : EMPTY_STATE;
  }

  async setState(state: EngineState): Promise<void> {
    const now = this.ctx.clock.now();
    await this.ctx.db
      .insertInto('engine_state')
      .values({ connection_id: this.connectionId, state: toJson(state), updated_at: now })
      .onConflict((oc) => oc.column('connection_id').doUpdateSet({ state: toJson(state), updated_at: now }))
      .execute();
  }
}
