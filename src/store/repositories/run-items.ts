import { sql } from 'kysely';
import type { Action, ItemStatus, RunItem } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import type { RunItemsTable } from '../database.ts';
import { fromJson, likePattern, toCount, toJson } from '../json.ts';
import type { Page } from '../records.ts';

const toItem = (r: RunItemsTable): RunItem => ({
  employeeNumber: r.employee_number,
  displayName: r.display_name,
  action: r.action as Action,
  status: r.status as ItemStatus,
  accountId: r.account_id,
  changes: fromJson<RunItem['changes']>(r.changes) ?? [],
  steps: fromJson<RunItem['steps']>(r.steps) ?? [],
  error: fromJson<RunItem['error']>(r.error),
});

export interface RunItemQuery {
  readonly action?: Action;
  readonly status?: ItemStatus;
  /** Matches the display name or the employee number. */
  readonly q?: string;
}

// Ten columns per row; 100 rows stay far below SQLite's and PostgreSQL's parameter limits.
const CHUNK = 100;

export class RunItemRepository {
  constructor(private readonly ctx: RepoContext) {}

  async replace(runId: string, items: readonly RunItem[]): Promise<void> {
    await this.ctx.db.deleteFrom('run_items').where('run_id', '=', runId).execute();
    for (let start = 0; start < items.length; start += CHUNK) {
      const rows = items.slice(start, start + CHUNK).map(
        (item, i): RunItemsTable => ({
          run_id: runId,
          seq: start + i,
          employee_number: item.employeeNumber,
          display_name: item.displayName,
          action: item.action,
          status: item.status,
          account_id: item.accountId,
          changes: toJson(item.changes),
          steps: toJson(item.steps),
          error: item.error === null ? null : toJson(item.error),
        }),
      );
      await this.ctx.db.insertInto('run_items').values(rows).execute();
    }
  }

  private filtered(runId: string, query: RunItemQuery) {
    return this.ctx.db
      .selectFrom('run_items')
      .where('run_id', '=', runId)
      .$if(query.action !== undefined, (q) => q.where('action', '=', query.action as Action))
      .$if(query.status !== undefined, (q) => q.where('status', '=', query.status as ItemStatus))
      .$if(query.q !== undefined && query.q !== '', (q) => {
        const pattern = likePattern(query.q ?? '');
        return q.where(
          sql<boolean>`(lower(display_name) like ${pattern} escape '\\' or lower(employee_number) like ${pattern} escape '\\')`,
        );
      });
  }

  async list(runId: string, query: RunItemQuery, page: number, pageSize: number): Promise<Page<RunItem>> {
    const total = await this.filtered(runId, query)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const rows = await this.filtered(runId, query)
      .selectAll()
      .orderBy('seq')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toItem), total: toCount(total?.n), page, pageSize };
  }

  async all(runId: string, query: RunItemQuery): Promise<readonly RunItem[]> {
    const rows = await this.filtered(runId, query).selectAll().orderBy('seq').execute();
    return rows.map(toItem);
  }
}
