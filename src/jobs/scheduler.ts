/**
 * The scheduler loop, one per process. Each tick locks the due active connections (SKIP LOCKED on
 * PostgreSQL, so parallel schedulers split them and none is taken twice), queues one sync each and
 * moves `next_run_at` to the next slot after now: runs missed while the service was down run once,
 * they are not replayed.
 */
import { isHrsyncError } from '../core/index.ts';
import { DEFAULT_SECTIONS } from '../engine/index.ts';
import type { Actor, Store } from '../store/index.ts';
import { requestRun } from './run-requests.ts';
import { nextRunAt } from './schedule.ts';
import type { WorkerLog } from './worker.ts';

export const SCHEDULER_ACTOR: Actor = { type: 'system', id: null, name: 'scheduler' };

export interface SchedulerOptions {
  readonly store: Store;
  readonly intervalMs?: number;
  readonly batchSize?: number;
  readonly log?: WorkerLog;
  /** Called after a tick queued runs, so an in-process worker starts at once. */
  readonly onQueued?: () => void;
}

export class Scheduler {
  readonly #o: SchedulerOptions;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<unknown> | undefined;

  constructor(options: SchedulerOptions) {
    this.#o = options;
  }

  start(): void {
    if (this.#timer) return;
    const every = this.#o.intervalMs ?? 15_000;
    const run = () => {
      this.#tick = this.tick().catch((error) => this.#o.log?.error({ err: error }, 'scheduler tick failed'));
    };
    run();
    this.#timer = setInterval(run, every);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#tick;
  }

  /** Queues the due syncs; returns how many were queued. */
  async tick(): Promise<number> {
    const { store } = this.#o;
    const queued = await store.transaction(async (tx) => {
      const now = tx.clock.now();
      const due = await tx.connections.lockDue(now, this.#o.batchSize ?? 50);
      let count = 0;
      for (const connection of due) {
        const timeZone = connection.config.timeZone ?? DEFAULT_SECTIONS.timeZone;
        const next = connection.schedule === null ? null : nextRunAt(connection.schedule, timeZone, now);
        try {
          await requestRun(tx, { connection, kind: 'sync', actor: SCHEDULER_ACTOR });
          count++;
        } catch (error) {
          if (!isHrsyncError(error)) throw error;
          // Not queued (a run still going, subscription ended, …): say why, and try at the next slot.
          await tx.audit.append({
            organisationId: connection.organisationId,
            actor: SCHEDULER_ACTOR,
            action: 'run.queued',
            outcome: 'refused',
            connectionId: connection.id,
            connectionName: connection.name,
            tenantId: connection.tenantId,
            message: `scheduled sync not queued: ${error.message}`,
            details: { code: error.code, nextRunAt: next },
          });
        }
        await tx.connections.update(connection.organisationId, connection.id, { nextRunAt: next });
      }
      return count;
    });
    if (queued > 0) this.#o.onQueued?.();
    // Housekeeping rides along: expired sessions and spent agent tokens past their validity are of no
    // use to anyone, and retention removes one small batch of old run items and audit events per tick.
    await store.sessions.deleteExpired();
    await store.agentSpentTokens.deleteExpired();
    await store.retention.prune();
    return queued;
  }
}
