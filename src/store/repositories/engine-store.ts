import type {
  Account,
  Attributes,
  GrantedEntitlements,
  Link,
  MatchOverride,
  QuarantineEntry,
} from '../../core/index.ts';
import type { EngineState, EngineStore, TenantCacheUpdate } from '../../engine/ports.ts';
import { insertRows } from '../bulk.ts';
import { newId, type RepoContext } from '../context.ts';
import { fromJson, toJson } from '../json.ts';
import { OverrideRepository } from './overrides.ts';

const EMPTY_STATE: EngineState = {
  lastSourceCount: null,
  targetCursor: null,
  accountAttributes: null,
};

/** Rows per multi-row statement: far below both stores' parameter limits (at most 6 per row). */
const CHUNK = 500;

/** Marks a state whose tenant cache lives in `tenant_accounts` (older states kept it inline). */
const CACHE_IN_ROWS = 'rows';

/** The state row as stored: the engine's state, where its cache lives, and the cache's generation. */
type StoredState = EngineState & { readonly cache?: string; readonly generation?: string };

/**
 * The engine's memory of one connection (links, state and the tenant cache), on the service
 * database. `putLink` is its own statement, committed at once: a create's link must survive a crash
 * right after it. The tenant cache is one row per account, written only where it changed; every
 * write of the state row gives it a new generation, which a decoded copy of the cache held in
 * memory (tenant-memory.ts, when the store has one) must match to be used.
 */
export class DatabaseEngineStore implements EngineStore {
  /** The generation of the state `getState` returned (its cursor belongs to that cache). */
  #stateGeneration: string | null | undefined;

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
    await this.putLinks([link]);
  }

  /** Many links in one transaction, a few hundred per statement. */
  async putLinks(links: readonly Link[]): Promise<void> {
    if (links.length === 0) return;
    await this.inTransaction(async (ctx) => {
      for (let start = 0; start < links.length; start += CHUNK) {
        const rows = links.slice(start, start + CHUNK).map((link) => ({
          connection_id: this.connectionId,
          employee_number: link.employeeNumber,
          account_id: link.accountId,
          applied: toJson(link.applied),
          linked_at: link.linkedAt,
          updated_at: link.updatedAt,
          granted: link.granted === undefined ? null : toJson(link.granted),
        }));
        await ctx.db
          .insertInto('links')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['connection_id', 'employee_number']).doUpdateSet((eb) => ({
              account_id: eb.ref('excluded.account_id'),
              applied: eb.ref('excluded.applied'),
              updated_at: eb.ref('excluded.updated_at'),
              granted: eb.ref('excluded.granted'),
            })),
          )
          .execute();
      }
    });
  }

  async removeLink(employeeNumber: string): Promise<void> {
    await this.ctx.db
      .deleteFrom('links')
      .where('connection_id', '=', this.connectionId)
      .where('employee_number', '=', employeeNumber)
      .execute();
  }

  overrides(): Promise<readonly MatchOverride[]> {
    return new OverrideRepository(this.ctx).list(this.connectionId);
  }

  readQuarantine(): Promise<readonly QuarantineEntry[]> {
    return new OverrideRepository(this.ctx).quarantine(this.connectionId);
  }

  updateQuarantine(change: {
    readonly put: readonly QuarantineEntry[];
    readonly remove: readonly string[];
  }): Promise<void> {
    return new OverrideRepository(this.ctx).updateQuarantine(this.connectionId, change);
  }

  async getState(): Promise<EngineState> {
    const row = await this.ctx.db
      .selectFrom('engine_state')
      .select('state')
      .where('connection_id', '=', this.connectionId)
      .executeTakeFirst();
    const stored: StoredState | null = row ? (fromJson<StoredState>(row.state) ?? EMPTY_STATE) : null;
    this.#stateGeneration = stored?.generation ?? null;
    if (stored === null) return EMPTY_STATE;
    return {
      lastSourceCount: stored.lastSourceCount ?? null,
      // A state from before the cache had rows has no usable cache: the next read is a full one.
      targetCursor: stored.cache === CACHE_IN_ROWS ? (stored.targetCursor ?? null) : null,
      accountAttributes: stored.accountAttributes ?? null,
      sourceRows: stored.sourceRows ?? null,
    };
  }

  async cachedAccounts(): Promise<readonly Account[] | null> {
    const memory = this.ctx.tenantMemory;
    const generation = memory === undefined ? null : await this.generation(this.ctx);
    if (memory !== undefined && generation !== null) {
      // Only the copy of the very state whose cursor this run reads from.
      const seen = this.#stateGeneration;
      const held =
        seen === undefined || seen === generation ? memory.get(this.connectionId, generation) : null;
      if (held !== null) return held;
    }
    const rows = await this.ctx.db
      .selectFrom('tenant_accounts')
      .select(['account_id', 'attributes'])
      .where('connection_id', '=', this.connectionId)
      .execute();
    const accounts = rows.map((r) => ({
      id: r.account_id,
      attributes: JSON.parse(r.attributes) as Attributes,
    }));
    // Kept only when no cache write committed while the rows were read: every one changes the
    // generation to a new random id, so the same id before and after means the rows are that state's.
    if (memory !== undefined && generation !== null && (await this.generation(this.ctx)) === generation) {
      memory.put(this.connectionId, generation, new Map(accounts.map((a) => [a.id, a])));
    }
    return accounts;
  }

  /** The generation the state row carries now; null without a row or from before generations. */
  private async generation(ctx: RepoContext): Promise<string | null> {
    const row = await ctx.db
      .selectFrom('engine_state')
      .select('state')
      .where('connection_id', '=', this.connectionId)
      .$if(ctx.db.isTransaction && ctx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    return row ? (fromJson<StoredState>(row.state)?.generation ?? null) : null;
  }

  async setState(state: EngineState, cache?: TenantCacheUpdate): Promise<void> {
    const now = this.ctx.clock.now();
    const generation = newId();
    const json = toJson({ ...state, cache: CACHE_IN_ROWS, generation });
    const memory = this.ctx.tenantMemory;
    // Out of memory while the rows change: a write that fails leaves nothing held to be served.
    const held = memory?.take(this.connectionId);
    let before: string | null = null;
    await this.inTransaction(async (ctx) => {
      // Read under the write's lock (SQLite's transactions take it at BEGIN; PostgreSQL's row lock).
      if (memory !== undefined) before = await this.generation(ctx);
      if (cache !== undefined) await this.updateCache(ctx, cache);
      await ctx.db
        .insertInto('engine_state')
        .values({ connection_id: this.connectionId, state: json, updated_at: now })
        .onConflict((oc) => oc.column('connection_id').doUpdateSet({ state: json, updated_at: now }))
        .execute();
    });
    this.#stateGeneration = generation;
    // Inside a caller's transaction the write is not yet committed (and may never be): hold nothing.
    if (memory === undefined || this.ctx.db.isTransaction) return;
    if (cache?.kind === 'replace') {
      memory.put(this.connectionId, generation, new Map(cache.accounts.map((a) => [a.id, a])));
      return;
    }
    // Changes apply to the copy only if it was the state they were made against.
    if (held === undefined || before === null || held.generation !== before) return;
    if (cache !== undefined) {
      for (const id of cache.removedIds) held.accounts.delete(id);
      for (const a of cache.accounts) held.accounts.set(a.id, a);
    }
    memory.put(this.connectionId, generation, held.accounts);
  }

  private async updateCache(ctx: RepoContext, cache: TenantCacheUpdate): Promise<void> {
    const of = ctx.db.deleteFrom('tenant_accounts').where('connection_id', '=', this.connectionId);
    if (cache.kind === 'replace') {
      await of.execute();
      // A full read (a first run, a new attribute selection) writes every account: as plain inserts of
      // SQL text made once (bulk.ts), each statement's JSON made just before it is sent. Through the
      // query builder, 47,000 accounts were ~95 value trees compiled to SQL, and a second of the run.
      const accounts = cache.accounts;
      await insertRows(
        ctx.db,
        ctx.dialect,
        'tenant_accounts',
        ['connection_id', 'account_id', 'attributes'],
        accounts.length,
        (i) => {
          const a = accounts[i] as Account;
          return [this.connectionId, a.id, JSON.stringify(a.attributes)];
        },
        2,
      );
      return;
    }
    for (let start = 0; start < cache.removedIds.length; start += CHUNK) {
      await of.where('account_id', 'in', cache.removedIds.slice(start, start + CHUNK)).execute();
    }
    for (let start = 0; start < cache.accounts.length; start += CHUNK) {
      const rows = cache.accounts.slice(start, start + CHUNK).map((a) => ({
        connection_id: this.connectionId,
        account_id: a.id,
        attributes: JSON.stringify(a.attributes),
      }));
      await ctx.db
        .insertInto('tenant_accounts')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['connection_id', 'account_id'])
            .doUpdateSet((eb) => ({ attributes: eb.ref('excluded.attributes') })),
        )
        .execute();
    }
  }

  private async inTransaction(fn: (ctx: RepoContext) => Promise<void>): Promise<void> {
    if (this.ctx.db.isTransaction) return fn(this.ctx);
    await this.ctx.db.transaction().execute((trx) => fn({ ...this.ctx, db: trx }));
  }
}
