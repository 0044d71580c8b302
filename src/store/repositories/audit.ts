import { sql } from 'kysely';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { AuditEventsTable } from '../database.ts';
import { fromJson, likePattern, toCount, toJson } from '../json.ts';
import type { Actor, ActorType, AuditEvent, Outcome, Page } from '../records.ts';

const toEvent = (r: AuditEventsTable): AuditEvent => ({
  id: r.id,
  organisationId: r.organisation_id,
  at: r.at,
  actor: { type: r.actor_type as ActorType, id: r.actor_id, name: r.actor_name },
  action: r.action,
  outcome: r.outcome as Outcome,
  connectionId: r.connection_id,
  connectionName: r.connection_name,
  tenantId: r.tenant_id,
  runId: r.run_id,
  person: r.person,
  message: r.message,
  details: fromJson<Record<string, unknown>>(r.details) ?? {},
});

export interface NewAuditEvent {
  readonly organisationId: string;
  readonly actor: Actor;
  readonly action: string;
  readonly outcome: Outcome;
  readonly connectionId?: string | null;
  readonly connectionName?: string | null;
  readonly tenantId?: string | null;
  readonly runId?: string | null;
  readonly person?: string | null;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditQuery {
  readonly connectionId?: string;
  readonly runId?: string;
  readonly from?: string;
  readonly to?: string;
  /** Matches the actor's name (e-mail, token name, `scheduler`) or id. */
  readonly actor?: string;
  /** An exact action, or a prefix ending in `.` (`run.` = every run event). */
  readonly action?: string;
  readonly person?: string;
  readonly outcome?: Outcome;
}

/** Append-only by construction: this class has no update or delete, and the database refuses both. */
export class AuditRepository {
  constructor(private readonly ctx: RepoContext) {}

  async append(event: NewAuditEvent): Promise<AuditEvent> {
    const row: AuditEventsTable = {
      id: newId(),
      organisation_id: event.organisationId,
      at: this.ctx.clock.now(),
      actor_type: event.actor.type,
      actor_id: event.actor.id,
      actor_name: event.actor.name,
      action: event.action,
      outcome: event.outcome,
      connection_id: event.connectionId ?? null,
      connection_name: event.connectionName ?? null,
      tenant_id: event.tenantId ?? null,
      run_id: event.runId ?? null,
      person: event.person ?? null,
      message: event.message,
      details: toJson(event.details ?? {}),
    };
    await this.ctx.db.insertInto('audit_events').values(row).execute();
    return toEvent(row);
  }

  private filtered(organisationId: string, q: AuditQuery) {
    return this.ctx.db
      .selectFrom('audit_events')
      .where('organisation_id', '=', organisationId)
      .$if(q.connectionId !== undefined, (b) => b.where('connection_id', '=', q.connectionId as string))
      .$if(q.runId !== undefined, (b) => b.where('run_id', '=', q.runId as string))
      .$if(q.from !== undefined, (b) => b.where('at', '>=', q.from as string))
      .$if(q.to !== undefined, (b) => b.where('at', '<', q.to as string))
      .$if(q.outcome !== undefined, (b) => b.where('outcome', '=', q.outcome as Outcome))
      .$if(q.person !== undefined, (b) => b.where('person', '=', q.person as string))
      .$if(q.action !== undefined, (b) =>
        q.action?.endsWith('.')
          ? b.where(
              sql<boolean>`action like ${`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
            )
          : b.where('action', '=', q.action as string),
      )
      .$if(q.actor !== undefined, (b) =>
        b.where((eb) =>
          eb.or([
            eb('actor_id', '=', q.actor as string),
            eb(
              sql<string>`lower(actor_name)`,
              'like',
              sql<string>`${likePattern(q.actor ?? '')} escape '\\'`,
            ),
          ]),
        ),
      );
  }

  async list(
    organisationId: string,
    q: AuditQuery,
    page: number,
    pageSize: number,
  ): Promise<Page<AuditEvent>> {
    const total = await this.filtered(organisationId, q)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const rows = await this.filtered(organisationId, q)
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toEvent), total: toCount(total?.n), page, pageSize };
  }

  /** For exports; capped so one request cannot read an unbounded log into memory. */
  async all(organisationId: string, q: AuditQuery, limit: number): Promise<readonly AuditEvent[]> {
    const rows = await this.filtered(organisationId, q)
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }
}
