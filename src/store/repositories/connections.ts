import { sql } from 'kysely';
import type { ConnectionState, TenantType } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { ConnectionsTable } from '../database.ts';
import { fromJson, likePattern, toCount, toJson } from '../json.ts';
import type { Connection, Page, Schedule, StoredConfig } from '../records.ts';

export const toConnection = (r: ConnectionsTable): Connection => ({
  id: r.id,
  organisationId: r.organisation_id,
  tenantId: r.tenant_id,
  name: r.name,
  description: r.description,
  sourceSystem: 'afas-profit',
  destinationType: r.destination_type as TenantType,
  state: r.state as ConnectionState,
  progress: Number(r.progress),
  config: fromJson<StoredConfig>(r.config) ?? {},
  simulatedConfigHash: r.simulated_config_hash,
  schedule: fromJson<Schedule>(r.schedule),
  nextRunAt: r.next_run_at,
  lastSyncAt: r.last_sync_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewConnection {
  readonly organisationId: string;
  readonly tenantId: string | null;
  readonly name: string;
  readonly description: string;
  readonly destinationType: TenantType;
  readonly config: StoredConfig;
  readonly progress: number;
}

export interface ConnectionPatch {
  readonly name?: string;
  readonly description?: string;
  readonly tenantId?: string | null;
  readonly state?: ConnectionState;
  readonly progress?: number;
  readonly config?: StoredConfig;
  readonly simulatedConfigHash?: string | null;
  readonly schedule?: Schedule | null;
  readonly nextRunAt?: string | null;
  readonly lastSyncAt?: string | null;
}

export const CONNECTION_SORTS = [
  'name',
  'state',
  'createdAt',
  'updatedAt',
  'lastSyncAt',
  'nextRunAt',
] as const;
export type ConnectionSort = (typeof CONNECTION_SORTS)[number];
const SORT_COLUMNS = {
  name: 'connections.name',
  state: 'connections.state',
  createdAt: 'connections.created_at',
  updatedAt: 'connections.updated_at',
  lastSyncAt: 'connections.last_sync_at',
  nextRunAt: 'connections.next_run_at',
} as const satisfies Record<ConnectionSort, string>;

export interface ConnectionQuery {
  readonly q?: string;
  readonly state?: ConnectionState;
  readonly tenantId?: string;
  readonly sort: ConnectionSort;
  readonly descending: boolean;
  readonly page: number;
  readonly pageSize: number;
}

export interface ConnectionListEntry {
  readonly connection: Connection;
  readonly tenantName: string | null;
  readonly customerId: string | null;
  readonly customerName: string | null;
}

export class ConnectionRepository {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewConnection): Promise<Connection> {
    const now = this.ctx.clock.now();
    const row: ConnectionsTable = {
      id: newId(),
      organisation_id: input.organisationId,
      tenant_id: input.tenantId,
      name: input.name,
      description: input.description,
      source_system: 'afas-profit',
      destination_type: input.destinationType,
      state: 'draft',
      progress: input.progress,
      config: toJson(input.config),
      simulated_config_hash: null,
      schedule: null,
      next_run_at: null,
      last_sync_at: null,
      created_at: now,
      updated_at: now,
    };
    await this.ctx.db.insertInto('connections').values(row).execute();
    return toConnection(row);
  }

  async get(
    organisationId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<Connection | null> {
    const row = await this.ctx.db
      .selectFrom('connections')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .$if(options.lock === true && this.ctx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    return row ? toConnection(row) : null;
  }

  async list(organisationId: string, query: ConnectionQuery): Promise<Page<ConnectionListEntry>> {
    const base = this.ctx.db
      .selectFrom('connections')
      .leftJoin('tenants', 'tenants.id', 'connections.tenant_id')
      .leftJoin('customers', 'customers.id', 'tenants.customer_id')
      .where('connections.organisation_id', '=', organisationId)
      .$if(query.q !== undefined && query.q !== '', (q) =>
        q.where(sql<boolean>`lower(connections.name) like ${likePattern(query.q ?? '')} escape '\\'`),
      )
      .$if(query.state !== undefined, (q) =>
        q.where('connections.state', '=', query.state as ConnectionState),
      )
      .$if(query.tenantId !== undefined, (q) =>
        q.where('connections.tenant_id', '=', query.tenantId as string),
      );
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const column = sql.ref(SORT_COLUMNS[query.sort]);
    const direction = query.descending ? sql`desc` : sql`asc`;
    const rows = await base
      .selectAll('connections')
      .select([
        'tenants.name as tenant_name',
        'customers.id as customer_id',
        'customers.name as customer_name',
      ])
      // Empty values sort last on both dialects (they disagree by default), then a stable tie-break.
      .orderBy(sql`case when ${column} is null then 1 else 0 end`)
      .orderBy(sql`${column} ${direction}`)
      .orderBy('connections.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        connection: toConnection(r),
        tenantName: r.tenant_name,
        customerId: r.customer_id,
        customerName: r.customer_name,
      })),
      total: toCount(total?.n),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async update(organisationId: string, id: string, patch: ConnectionPatch): Promise<Connection | null> {
    const set: Partial<ConnectionsTable> = { updated_at: this.ctx.clock.now() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.tenantId !== undefined) set.tenant_id = patch.tenantId;
    if (patch.state !== undefined) set.state = patch.state;
    if (patch.progress !== undefined) set.progress = patch.progress;
    if (patch.config !== undefined) set.config = toJson(patch.config);
    if (patch.simulatedConfigHash !== undefined) set.simulated_config_hash = patch.simulatedConfigHash;
    if (patch.schedule !== undefined) set.schedule = patch.schedule === null ? null : toJson(patch.schedule);
    if (patch.nextRunAt !== undefined) set.next_run_at = patch.nextRunAt;
    if (patch.lastSyncAt !== undefined) set.last_sync_at = patch.lastSyncAt;
    await this.ctx.db
      .updateTable('connections')
      .set(set)
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
    return this.get(organisationId, id);
  }

  async delete(organisationId: string, id: string): Promise<void> {
    await this.ctx.db
      .deleteFrom('connections')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
  }

  /**
   * Active connections whose next run is due, locked for this transaction. SKIP LOCKED lets several
   * schedulers share the work: each due connection is taken by exactly one of them.
   */
  async lockDue(now: string, limit: number): Promise<readonly Connection[]> {
    const rows = await this.ctx.db
      .selectFrom('connections')
      .selectAll()
      .where('state', '=', 'active')
      .where('next_run_at', 'is not', null)
      .where('next_run_at', '<=', now)
      .orderBy('next_run_at')
      .limit(limit)
      .$if(this.ctx.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
      .execute();
    return rows.map(toConnection);
  }

  async countByState(): Promise<Readonly<Record<string, number>>> {
    const rows = await this.ctx.db
      .selectFrom('connections')
      .select(['state', (eb) => eb.fn.countAll().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, toCount(r.n)]));
  }
}
