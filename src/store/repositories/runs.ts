import type { RunKind, RunStatus } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { RunsTable } from '../database.ts';
import { toCount } from '../json.ts';
import type { Page, Run } from '../records.ts';
import { toRun } from './run-row.ts';

export interface NewRun {
  readonly organisationId: string;
  readonly connectionId: string;
  readonly kind: RunKind;
  readonly employeeNumber: string | null;
  readonly requestedBy: string;
  readonly configHash: string | null;
  readonly maxAttempts: number;
}

export interface Decision {
  readonly by: string;
  readonly reason: string;
}

/** Runs as records: queueing, reading, and the operator's decisions. The worker side is in run-queue.ts. */
export class RunRepository {
  constructor(private readonly ctx: RepoContext) {}

  async enqueue(input: NewRun): Promise<Run> {
    const row: RunsTable = {
      id: newId(),
      organisation_id: input.organisationId,
      connection_id: input.connectionId,
      kind: input.kind,
      status: 'queued',
      employee_number: input.employeeNumber,
      requested_by: input.requestedBy,
      requested_at: this.ctx.clock.now(),
      started_at: null,
      finished_at: null,
      counts: null,
      source_count: null,
      config_hash: input.configHash,
      blocked_reason: null,
      error_code: null,
      error_message: null,
      error_paths: null,
      approved_by: null,
      approved_reason: null,
      decided_at: null,
      discarded_by: null,
      discarded_reason: null,
      cancel_requested: 0,
      progress: null,
      lease_owner: null,
      lease_expires_at: null,
      attempt: 0,
      max_attempts: input.maxAttempts,
      unchanged_count: null,
      unchanged_list: null,
      item_counts: null,
      items_pruned_at: null,
    };
    await this.ctx.db.insertInto('runs').values(row).execute();
    return toRun(row);
  }

  async get(organisationId: string, id: string): Promise<Run | null> {
    const row = await this.ctx.db
      .selectFrom('runs')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRun(row) : null;
  }

  /** Worker-side read: the worker is not acting for an organisation. */
  async getById(id: string): Promise<Run | null> {
    const row = await this.ctx.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRun(row) : null;
  }

  async listForConnection(
    organisationId: string,
    connectionId: string,
    page: number,
    pageSize: number,
  ): Promise<Page<Run>> {
    const base = this.ctx.db
      .selectFrom('runs')
      .where('organisation_id', '=', organisationId)
      .where('connection_id', '=', connectionId);
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const rows = await base
      .selectAll()
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toRun), total: toCount(total?.n), page, pageSize };
  }

  async latestForConnection(organisationId: string, connectionId: string): Promise<Run | null> {
    return (await this.listForConnection(organisationId, connectionId, 1, 1)).items[0] ?? null;
  }

  /** A queued or running run of the connection: a second one is refused while it exists. */
  async openForConnection(connectionId: string): Promise<Run | null> {
    const row = await this.ctx.db
      .selectFrom('runs')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('status', 'in', ['queued', 'running'])
      .orderBy('requested_at')
      .executeTakeFirst();
    return row ? toRun(row) : null;
  }

  /**
   * Conditional status change: only applies when the run is still in one of `from`. Returns the run
   * after the change, or null when someone else moved it first.
   */
  async move(
    organisationId: string,
    id: string,
    from: readonly RunStatus[],
    set: Partial<RunsTable>,
  ): Promise<Run | null> {
    const result = await this.ctx.db
      .updateTable('runs')
      .set(set)
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? this.get(organisationId, id) : null;
  }

  async approve(organisationId: string, id: string, decision: Decision): Promise<Run | null> {
    return this.move(organisationId, id, ['blocked'], {
      status: 'queued',
      approved_by: decision.by,
      approved_reason: decision.reason,
      decided_at: this.ctx.clock.now(),
      lease_owner: null,
      lease_expires_at: null,
      // Being blocked is a decision asked for, not a crash: the approved run gets every attempt again.
      attempt: 0,
    });
  }

  async discard(organisationId: string, id: string, decision: Decision): Promise<Run | null> {
    const now = this.ctx.clock.now();
    return this.move(organisationId, id, ['blocked'], {
      status: 'discarded',
      discarded_by: decision.by,
      discarded_reason: decision.reason,
      decided_at: now,
      finished_at: now,
    });
  }

  /** Queued runs are cancelled at once; running ones are asked to stop at their next heartbeat. */
  async cancel(organisationId: string, id: string): Promise<Run | null> {
    const queued = await this.move(organisationId, id, ['queued'], {
      status: 'cancelled',
      finished_at: this.ctx.clock.now(),
    });
    if (queued) return queued;
    return this.move(organisationId, id, ['running'], { cancel_requested: 1 });
  }

  async countByKindAndStatus(): Promise<readonly { kind: string; status: string; count: number }[]> {
    const rows = await this.ctx.db
      .selectFrom('runs')
      .select(['kind', 'status', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['kind', 'status'])
      .execute();
    return rows.map((r) => ({ kind: r.kind, status: r.status, count: toCount(r.n) }));
  }
}
