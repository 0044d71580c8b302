/**
 * Retention: an organisation's settings, and the pruning the scheduler does a small batch at a
 * time (so a large backlog never holds a long transaction or a lock other work waits for).
 * Run items go after `runItemDays`, except those of each connection's `keepRuns` latest runs; the run
 * records and their counts stay. A batch counts rows: a run item's row (runs recorded before 0450) or a
 * block of a run's stored items. Audit events go after `auditDays` (never, when null).
 */
import { sql } from 'kysely';
import type { RepoContext } from '../context.ts';
import { DEFAULT_RETENTION, type RetentionSettings } from '../records.ts';

export interface PruneResult {
  readonly runItems: number;
  readonly runs: number;
  readonly auditEvents: number;
}

const DAY_MS = 86_400_000;
const daysBefore = (now: string, days: number) => new Date(Date.parse(now) - days * DAY_MS).toISOString();

export class RetentionRepository {
  constructor(private readonly ctx: RepoContext) {}

  async get(organisationId: string): Promise<RetentionSettings> {
    const row = await this.ctx.db
      .selectFrom('retention_settings')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (!row) return DEFAULT_RETENTION;
    return {
      runItemDays: Number(row.run_item_days),
      keepRuns: Number(row.keep_runs),
      auditDays: row.audit_days === null ? null : Number(row.audit_days),
    };
  }

  async set(organisationId: string, settings: RetentionSettings): Promise<RetentionSettings> {
    const values = {
      run_item_days: settings.runItemDays,
      keep_runs: settings.keepRuns,
      audit_days: settings.auditDays,
      updated_at: this.ctx.clock.now(),
    };
    await this.ctx.db
      .insertInto('retention_settings')
      .values({ organisation_id: organisationId, ...values })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
      .execute();
    return settings;
  }

  /**
   * One batch of pruning across organisations: at most `rows` rows of run items (item rows or blocks)
   * and `rows` audit events.
   * Call it again while it returns work done.
   */
  async prune(rows = 2000): Promise<PruneResult> {
    const now = this.ctx.clock.now();
    let runItems = 0;
    let runs = 0;
    let auditEvents = 0;
    const organisations = await this.ctx.db.selectFrom('organisations').select('id').execute();
    for (const { id } of organisations) {
      const settings = await this.get(id);
      if (runItems < rows) {
        const done = await this.pruneRunItems(id, settings, now, rows - runItems);
        runItems += done.items;
        runs += done.runs;
      }
      if (settings.auditDays !== null && auditEvents < rows) {
        auditEvents += await this.pruneAudit(id, daysBefore(now, settings.auditDays), rows - auditEvents);
      }
    }
    return { runItems, runs, auditEvents };
  }

  private async pruneRunItems(
    organisationId: string,
    settings: RetentionSettings,
    now: string,
    budget: number,
  ): Promise<{ items: number; runs: number }> {
    const cutoff = daysBefore(now, settings.runItemDays);
    // The oldest finished run past the cutoff that is not among its connection's latest runs.
    const run = await this.ctx.db
      .selectFrom('runs as r')
      .select(['r.id', 'r.connection_id'])
      .where('r.organisation_id', '=', organisationId)
      .where('r.items_pruned_at', 'is', null)
      .where('r.finished_at', '<', cutoff)
      .where(
        (eb) =>
          eb
            .selectFrom('runs as x')
            .select((x) => x.fn.countAll().as('n'))
            .whereRef('x.connection_id', '=', 'r.connection_id')
            .whereRef('x.requested_at', '>', 'r.requested_at'),
        '>=',
        settings.keepRuns,
      )
      .orderBy('r.finished_at')
      .limit(1)
      .executeTakeFirst();
    if (!run) return { items: 0, runs: 0 };
    // Rows of runs recorded before 0450, then blocks (a row each, of a few dozen items).
    let done = 0;
    const batch = await this.ctx.db
      .selectFrom('run_items')
      .select('seq')
      .where('run_id', '=', run.id)
      .orderBy('seq')
      .limit(budget)
      .execute();
    if (batch.length > 0) {
      const last = Number(batch[batch.length - 1]?.seq);
      await this.ctx.db
        .deleteFrom('run_items')
        .where('run_id', '=', run.id)
        .where('seq', '<=', last)
        .execute();
      done += batch.length;
    }
    if (done < budget) {
      const blocks = await this.ctx.db
        .selectFrom('run_item_blocks')
        .select('block')
        .where('run_id', '=', run.id)
        .orderBy('block')
        .limit(budget - done)
        .execute();
      if (blocks.length > 0) {
        const last = Number(blocks[blocks.length - 1]?.block);
        await this.ctx.db
          .deleteFrom('run_item_blocks')
          .where('run_id', '=', run.id)
          .where('block', '<=', last)
          .execute();
        done += blocks.length;
      }
    }
    if (done < budget) {
      await this.ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('runs')
          .set({ items_pruned_at: now, unchanged_list: null })
          .where('id', '=', run.id)
          .execute();
        await trx.deleteFrom('run_item_orders').where('run_id', '=', run.id).execute();
        // A list of unchanged persons no run refers to any more goes too.
        await trx
          .deleteFrom('run_person_lists')
          .where('connection_id', '=', run.connection_id)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('runs')
                  .select('id')
                  .whereRef('runs.connection_id', '=', 'run_person_lists.connection_id')
                  .whereRef('runs.unchanged_list', '=', 'run_person_lists.hash'),
              ),
            ),
          )
          .execute();
      });
      return { items: done, runs: 1 };
    }
    return { items: done, runs: 0 };
  }

  private async pruneAudit(organisationId: string, cutoff: string, budget: number): Promise<number> {
    return this.ctx.db.transaction().execute(async (trx) => {
      // The audit log refuses deletes except inside a transaction that declares itself the pruner.
      if (this.ctx.dialect === 'postgres') await sql`SET LOCAL hrsync.audit_prune = 'on'`.execute(trx);
      else await trx.insertInto('audit_prune').values({ id: 1 }).execute();
      const ids = await trx
        .selectFrom('audit_events')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .where('at', '<', cutoff)
        .orderBy('at')
        .limit(budget)
        .execute();
      if (ids.length > 0) {
        await trx
          .deleteFrom('audit_events')
          .where(
            'id',
            'in',
            ids.map((r) => r.id),
          )
          .execute();
      }
      if (this.ctx.dialect === 'sqlite') await trx.deleteFrom('audit_prune').execute();
      return ids.length;
    });
  }
}
