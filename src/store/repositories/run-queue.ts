import { sql } from 'kysely';
import type { RunError, RunItem } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import type { RunsTable } from '../database.ts';
import { toJson } from '../json.ts';
import type { Run, RunCounts, RunProgressRecord } from '../records.ts';
import { isUniqueViolation } from '../sql-errors.ts';
import { RunItemRepository } from './run-items.ts';
import { toRun } from './run-row.ts';

export interface RunResult {
  readonly status: 'succeeded' | 'failed' | 'blocked' | 'cancelled';
  readonly counts: RunCounts | null;
  readonly sourceCount: number | null;
  readonly blockedReason: string | null;
  readonly error: RunError | null;
  readonly items: readonly RunItem[];
  /** The configuration that actually ran, when the executor knows it. */
  readonly configHash?: string | null;
}

export interface ExpiredLeases {
  readonly requeued: readonly Run[];
  readonly failed: readonly Run[];
  readonly cancelled: readonly Run[];
}

export const LEASE_EXPIRED_CODE = 'HRS_RUN_INTERRUPTED';

/**
 * The worker side of the run queue. Every write after the claim is conditioned on the lease owner,
 * so a worker that lost its lease (paused, partitioned) cannot overwrite the run's new owner.
 */
export class RunQueue {
  constructor(private readonly ctx: RepoContext) {}

  /**
   * Claims the oldest queued run whose connection has nothing running. On PostgreSQL, SKIP LOCKED lets
   * concurrent workers pass over each other's candidates; the unique partial index on running runs
   * is the last word when two workers pick different runs of one connection at once.
   */
  async claim(owner: string, leaseMs: number): Promise<Run | null> {
    for (let tries = 0; tries < 5; tries++) {
      const now = this.ctx.clock.now();
      const candidate = this.ctx.db
        .selectFrom('runs as r')
        .select('r.id')
        .where('r.status', '=', 'queued')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('runs as x')
                .select('x.id')
                .whereRef('x.connection_id', '=', 'r.connection_id')
                .where('x.status', '=', 'running'),
            ),
          ),
        )
        .orderBy('r.requested_at')
        .orderBy('r.id')
        .limit(1)
        .$if(this.ctx.dialect === 'postgres', (q) => q.forUpdate().skipLocked());
      try {
        const row = await this.ctx.db
          .updateTable('runs')
          .set({
            status: 'running',
            lease_owner: owner,
            lease_expires_at: plusMs(now, leaseMs),
            started_at: now,
            attempt: sql`attempt + 1`,
            progress: null,
          })
          // A scalar subquery (`=`, not `IN`): PostgreSQL may rescan an IN-subquery with LIMIT and
          // SKIP LOCKED and so pick more than one row.
          .where('id', '=', candidate)
          .where('status', '=', 'queued')
          .returningAll()
          .executeTakeFirst();
        return row ? toRun(row) : null;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return null;
  }

  /** Extends the lease. `held: false` means the lease was lost and the worker must stop. */
  async heartbeat(
    id: string,
    owner: string,
    leaseMs: number,
    progress?: RunProgressRecord,
  ): Promise<{ held: boolean; cancelRequested: boolean }> {
    const row = await this.ctx.db
      .updateTable('runs')
      .set({
        lease_expires_at: plusMs(this.ctx.clock.now(), leaseMs),
        ...(progress === undefined ? {} : { progress: toJson(progress) }),
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
      .returning('cancel_requested')
      .executeTakeFirst();
    return row
      ? { held: true, cancelRequested: Number(row.cancel_requested) === 1 }
      : { held: false, cancelRequested: false };
  }

  /** Records the result and items in one transaction, only while `owner` still holds the lease. */
  async finish(id: string, owner: string, result: RunResult): Promise<Run | null> {
    const now = this.ctx.clock.now();
    const apply = async (ctx: RepoContext): Promise<Run | null> => {
      const row = await ctx.db
        .updateTable('runs')
        .set({
          status: result.status,
          finished_at: now,
          counts: result.counts === null ? null : toJson(result.counts),
          source_count: result.sourceCount,
          blocked_reason: result.blockedReason,
          error_code: result.error?.code ?? null,
          error_message: result.error?.message ?? null,
          error_paths: result.error ? toJson(result.error.paths) : null,
          lease_owner: null,
          lease_expires_at: null,
          ...(result.configHash === undefined || result.configHash === null
            ? {}
            : { config_hash: result.configHash }),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      const recorded = await new RunItemRepository(ctx).record(
        // An on-demand run is about one person's steps: it keeps them all.
        { id, connectionId: row.connection_id, compact: row.kind !== 'on-demand' },
        result.items,
      );
      const summary = {
        unchanged_count: recorded.unchangedCount,
        unchanged_list: recorded.unchangedList,
        item_counts: toJson(recorded.itemCounts),
      };
      await ctx.db.updateTable('runs').set(summary).where('id', '=', id).execute();
      return toRun({ ...row, ...summary });
    };
    if (this.ctx.db.isTransaction) return apply(this.ctx);
    return this.ctx.db.transaction().execute((trx) => apply({ ...this.ctx, db: trx }));
  }

  /**
   * Runs whose worker stopped heart-beating: cancelled if cancel was asked, re-queued while attempts
   * remain (a re-run is safe because creates are re-matched first), otherwise failed with a reason.
   * Each UPDATE re-checks its condition under the row lock, so concurrent sweeps cannot double up.
   */
  async expireLeases(): Promise<ExpiredLeases> {
    const now = this.ctx.clock.now();
    const expired = () =>
      this.ctx.db.updateTable('runs').where('status', '=', 'running').where('lease_expires_at', '<', now);
    const cleared: Partial<RunsTable> = { lease_owner: null, lease_expires_at: null };
    const cancelled = await expired()
      .set({ ...cleared, status: 'cancelled', finished_at: now })
      .where('cancel_requested', '=', 1)
      .returningAll()
      .execute();
    const requeued = await expired()
      .set({ ...cleared, status: 'queued', progress: null })
      .where(sql<boolean>`attempt < max_attempts`)
      .returningAll()
      .execute();
    const failed = await expired()
      .set({
        ...cleared,
        status: 'failed',
        finished_at: now,
        error_code: LEASE_EXPIRED_CODE,
        error_paths: '[]',
        error_message:
          'The worker running this run stopped and the run was not finished within its attempt limit. Start a new run; it is safe because creates are re-matched first.',
      })
      .returningAll()
      .execute();
    return { requeued: requeued.map(toRun), failed: failed.map(toRun), cancelled: cancelled.map(toRun) };
  }
}

function plusMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
