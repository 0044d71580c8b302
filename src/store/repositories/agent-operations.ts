import { sql } from 'kysely';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { AgentOperationsTable } from '../database.ts';
import { fromJson, toJson } from '../json.ts';

export type AgentOperationState = 'pending' | 'claimed' | 'done' | 'lost';

export interface AgentOperation {
  readonly id: string;
  readonly organisationId: string;
  readonly tenantId: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly state: AgentOperationState;
  readonly agentId: string | null;
  readonly attempts: number;
  readonly lostAgents: readonly string[];
  readonly createdAt: string;
  readonly claimedAt: string | null;
  readonly finishedAt: string | null;
  readonly result: unknown;
}

const toOperation = (r: AgentOperationsTable): AgentOperation => ({
  id: r.id,
  organisationId: r.organisation_id,
  tenantId: r.tenant_id,
  kind: r.kind,
  payload: fromJson<unknown>(r.payload),
  state: r.state as AgentOperationState,
  agentId: r.agent_id,
  attempts: Number(r.attempts),
  lostAgents: fromJson<string[]>(r.lost_agents) ?? [],
  createdAt: r.created_at,
  claimedAt: r.claimed_at,
  finishedAt: r.finished_at,
  result: fromJson<unknown>(r.result),
});

/** What completing an operation did: the first result wins, a repeat of it is acknowledged. */
export type CompleteOutcome = 'accepted' | 'duplicate' | 'not-yours';

/**
 * The queue between runs and agents. Each operation is claimed by exactly one agent (a conditional
 * UPDATE from `pending`); its result is accepted once, from that agent only.
 */
export class AgentOperationRepository {
  constructor(private readonly ctx: RepoContext) {}

  async enqueue(input: {
    readonly organisationId: string;
    readonly tenantId: string;
    readonly kind: string;
    readonly payload: unknown;
    readonly lostAgents?: readonly string[];
  }): Promise<AgentOperation> {
    const row: AgentOperationsTable = {
      id: newId(),
      organisation_id: input.organisationId,
      tenant_id: input.tenantId,
      kind: input.kind,
      payload: toJson(input.payload),
      state: 'pending',
      agent_id: null,
      attempts: 0,
      lost_agents: toJson(input.lostAgents ?? []),
      created_at: this.ctx.clock.now(),
      claimed_at: null,
      finished_at: null,
      result: null,
    };
    await this.ctx.db.insertInto('agent_operations').values(row).execute();
    return toOperation(row);
  }

  async get(id: string): Promise<AgentOperation | null> {
    const row = await this.ctx.db
      .selectFrom('agent_operations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toOperation(row) : null;
  }

  /** Takes up to `max` pending operations of the tenant for one agent, oldest first. */
  async claim(
    tenantId: string,
    agentId: string,
    max: number,
    /** Older operations are orphans of a run that stopped waiting: never carried out. */
    createdAfter: string,
  ): Promise<readonly AgentOperation[]> {
    if (max <= 0) return [];
    const candidates = await this.ctx.db
      .selectFrom('agent_operations')
      .select(['id', 'lost_agents'])
      .where('tenant_id', '=', tenantId)
      .where('state', '=', 'pending')
      .where('created_at', '>', createdAfter)
      .orderBy('created_at')
      .limit(max * 4)
      .execute();
    const claimed: AgentOperation[] = [];
    const now = this.ctx.clock.now();
    for (const c of candidates) {
      if (claimed.length >= max) break;
      // An agent that fell silent holding an operation does not get it back: another one does.
      if ((fromJson<string[]>(c.lost_agents) ?? []).includes(agentId)) continue;
      const result = await this.ctx.db
        .updateTable('agent_operations')
        .set((eb) => ({
          state: 'claimed',
          agent_id: agentId,
          claimed_at: now,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', c.id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) {
        const op = await this.get(c.id);
        if (op) claimed.push(op);
      }
    }
    return claimed;
  }

  /** Operations the agent holds but did not say it is working on: their delivery was lost. */
  async unacknowledged(agentId: string, known: readonly string[]): Promise<readonly AgentOperation[]> {
    const rows = await this.ctx.db
      .selectFrom('agent_operations')
      .selectAll()
      .where('agent_id', '=', agentId)
      .where('state', '=', 'claimed')
      .orderBy('created_at')
      .execute();
    return rows.filter((r) => !known.includes(r.id)).map(toOperation);
  }

  async putPage(id: string, agentId: string, seq: number, data: unknown): Promise<CompleteOutcome> {
    const op = await this.get(id);
    if (!op || op.agentId !== agentId || (op.state !== 'claimed' && op.state !== 'done')) return 'not-yours';
    const exists = await this.ctx.db
      .selectFrom('agent_operation_pages')
      .select('seq')
      .where('operation_id', '=', id)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (exists) return 'duplicate';
    // The result said how many pages there are: one arriving after it would change what was read.
    if (op.state === 'done') return 'not-yours';
    await this.ctx.db
      .insertInto('agent_operation_pages')
      .values({ operation_id: id, seq, data: toJson(data) })
      .execute();
    return 'accepted';
  }

  async pages(id: string): Promise<readonly unknown[]> {
    const rows = await this.ctx.db
      .selectFrom('agent_operation_pages')
      .select(['seq', 'data'])
      .where('operation_id', '=', id)
      .orderBy('seq')
      .execute();
    return rows.map((r) => fromJson<unknown>(r.data));
  }

  /** The bytes of the operation's pages as kept (their JSON, UTF-8). */
  async pageBytes(id: string): Promise<number> {
    const size =
      this.ctx.dialect === 'postgres'
        ? sql<number>`octet_length(data)`
        : sql<number>`length(cast(data as blob))`;
    const row = await this.ctx.db
      .selectFrom('agent_operation_pages')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(size), sql<number>`0`).as('bytes'))
      .where('operation_id', '=', id)
      .executeTakeFirst();
    return Number(row?.bytes ?? 0);
  }

  /** How many pages of the operation arrived, and the highest seq among them (-1: none). */
  async pageSpan(id: string): Promise<{ readonly count: number; readonly last: number }> {
    const row = await this.ctx.db
      .selectFrom('agent_operation_pages')
      .select((eb) => [eb.fn.countAll().as('count'), eb.fn.max('seq').as('last')])
      .where('operation_id', '=', id)
      .executeTakeFirst();
    return { count: Number(row?.count ?? 0), last: row?.last == null ? -1 : Number(row.last) };
  }

  async complete(id: string, agentId: string, result: unknown): Promise<CompleteOutcome> {
    const updated = await this.ctx.db
      .updateTable('agent_operations')
      .set({ state: 'done', result: toJson(result), finished_at: this.ctx.clock.now() })
      .where('id', '=', id)
      .where('agent_id', '=', agentId)
      .where('state', '=', 'claimed')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return 'accepted';
    const op = await this.get(id);
    return op && op.agentId === agentId && op.state === 'done' ? 'duplicate' : 'not-yours';
  }

  /** The claiming agent fell silent: the operation is given up on (the waiting run decides what next). */
  async markLost(id: string, agentId: string): Promise<boolean> {
    const op = await this.get(id);
    if (!op) return false;
    const updated = await this.ctx.db
      .updateTable('agent_operations')
      .set({ state: 'lost', lost_agents: toJson([...op.lostAgents, agentId]) })
      .where('id', '=', id)
      .where('agent_id', '=', agentId)
      .where('state', '=', 'claimed')
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** Removes an operation and its pages once the run has its result (or gave up waiting). */
  async remove(id: string): Promise<void> {
    await this.ctx.db.deleteFrom('agent_operation_pages').where('operation_id', '=', id).execute();
    await this.ctx.db.deleteFrom('agent_operations').where('id', '=', id).execute();
  }
}
