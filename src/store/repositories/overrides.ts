/**
 * Operator overrides and quarantine of a connection (issue 11, items 5 and 2). The connection's
 * organisation is checked by the caller (the API loads the connection first); these rows are only
 * ever reached through a connection id.
 */
import type { MatchOverride, OverrideKind, QuarantineEntry } from '../../core/index.ts';
import type { RepoContext } from '../context.ts';
import { newId } from '../context.ts';
import type { ConnectionOverridesTable, QuarantineTable } from '../database.ts';
import { openItemIndex } from './run-item-blocks.ts';

export const toOverride = (r: ConnectionOverridesTable): MatchOverride => ({
  id: r.id,
  kind: r.kind as OverrideKind,
  employeeNumber: r.employee_number,
  accountId: r.account_id,
  reason: r.reason,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export const toQuarantine = (r: QuarantineTable): QuarantineEntry => ({
  employeeNumber: r.employee_number,
  displayName: r.display_name,
  accountId: r.account_id,
  since: r.since,
  code: r.code,
  message: r.message,
  fingerprint: r.fingerprint,
});

/** An account as the tenant showed it at the last read. */
export interface AccountSummary {
  readonly id: string;
  readonly upn: string | null;
  readonly displayName: string | null;
  readonly enabled: boolean | null;
  readonly createdAt: string | null;
  readonly employeeId: string | null;
  readonly linkedTo: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export class OverrideRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** Accounts by id from the connection's tenant cache, with the person each is linked to. */
  async accounts(connectionId: string, ids: readonly string[]): Promise<ReadonlyMap<string, AccountSummary>> {
    const out = new Map<string, AccountSummary>();
    if (ids.length === 0) return out;
    const unique = [...new Set(ids)];
    const [rows, links] = await Promise.all([
      this.ctx.db
        .selectFrom('tenant_accounts')
        .select(['account_id', 'attributes'])
        .where('connection_id', '=', connectionId)
        .where('account_id', 'in', unique)
        .execute(),
      this.ctx.db
        .selectFrom('links')
        .select(['account_id', 'employee_number'])
        .where('connection_id', '=', connectionId)
        .where('account_id', 'in', unique)
        .execute(),
    ]);
    const owner = new Map(links.map((l) => [l.account_id, l.employee_number]));
    for (const r of rows) {
      const a = JSON.parse(r.attributes) as Record<string, unknown>;
      out.set(r.account_id, {
        id: r.account_id,
        upn: text(a.userPrincipalName),
        displayName: text(a.displayName),
        enabled: typeof a.accountEnabled === 'boolean' ? a.accountEnabled : null,
        createdAt: text(a.createdDateTime) ?? text(a.whenCreated),
        employeeId: text(a.employeeId) ?? text(a.employeeID),
        linkedTo: owner.get(r.account_id) ?? null,
      });
    }
    return out;
  }

  /**
   * Persons' names as the latest runs of the connection showed them (their stored items, the latest
   * run first): rows for runs recorded before 0450, the index beside the orders for runs since.
   */
  async personNames(connectionId: string, numbers: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const out = new Map<string, string>();
    if (numbers.length === 0) return out;
    const runs = await this.ctx.db
      .selectFrom('runs')
      .select('id')
      .where('connection_id', '=', connectionId)
      .orderBy('requested_at', 'desc')
      .limit(5)
      .execute();
    if (runs.length === 0) return out;
    const ids = runs.map((r) => r.id);
    const wanted = [...new Set(numbers)];
    const [rows, indexes] = await Promise.all([
      this.ctx.db
        .selectFrom('run_items')
        .select(['run_id', 'employee_number', 'display_name'])
        .where('run_id', 'in', ids)
        .where('employee_number', 'in', wanted)
        .execute(),
      this.ctx.db
        .selectFrom('run_item_orders')
        .select(['run_id', 'items'])
        .where('run_id', 'in', ids)
        .where('items', 'is not', null)
        .execute(),
    ]);
    for (const id of ids) {
      for (const r of rows)
        if (r.run_id === id && !out.has(r.employee_number)) out.set(r.employee_number, r.display_name);
      const data = indexes.find((i) => i.run_id === id)?.items;
      if (!data) continue;
      const index = openItemIndex(data);
      for (const n of wanted) {
        const name = out.has(n) ? undefined : index.get(n);
        if (name !== undefined) out.set(n, name);
      }
    }
    return out;
  }

  async list(connectionId: string): Promise<readonly MatchOverride[]> {
    const rows = await this.ctx.db
      .selectFrom('connection_overrides')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .orderBy('employee_number')
      .orderBy('created_at')
      .execute();
    return rows.map(toOverride);
  }

  async add(
    connectionId: string,
    o: Omit<MatchOverride, 'id' | 'createdAt'> & { readonly createdAt?: string },
  ): Promise<MatchOverride> {
    const row: ConnectionOverridesTable = {
      id: newId(),
      connection_id: connectionId,
      kind: o.kind,
      employee_number: o.employeeNumber,
      account_id: o.accountId,
      reason: o.reason,
      created_at: o.createdAt ?? this.ctx.clock.now(),
      created_by: o.createdBy,
    };
    await this.ctx.db.insertInto('connection_overrides').values(row).execute();
    return toOverride(row);
  }

  async remove(connectionId: string, id: string): Promise<MatchOverride | null> {
    const row = await this.ctx.db
      .selectFrom('connection_overrides')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    await this.ctx.db.deleteFrom('connection_overrides').where('id', '=', id).execute();
    return toOverride(row);
  }

  async quarantine(connectionId: string): Promise<readonly QuarantineEntry[]> {
    const rows = await this.ctx.db
      .selectFrom('quarantine')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .orderBy('display_name')
      .orderBy('employee_number')
      .execute();
    return rows.map(toQuarantine);
  }

  /** Releases one person (or everyone, without a number); returns the released entries. */
  async release(connectionId: string, employeeNumber?: string): Promise<readonly QuarantineEntry[]> {
    let select = this.ctx.db.selectFrom('quarantine').selectAll().where('connection_id', '=', connectionId);
    let del = this.ctx.db.deleteFrom('quarantine').where('connection_id', '=', connectionId);
    if (employeeNumber !== undefined) {
      select = select.where('employee_number', '=', employeeNumber);
      del = del.where('employee_number', '=', employeeNumber);
    }
    const rows = await select.execute();
    if (rows.length > 0) await del.execute();
    return rows.map(toQuarantine);
  }

  /** Quarantines and releases after a run, in one transaction (the caller's, or its own). */
  async updateQuarantine(
    connectionId: string,
    change: { readonly put: readonly QuarantineEntry[]; readonly remove: readonly string[] },
  ): Promise<void> {
    const work = async (db: RepoContext['db']) => {
      const numbers = [...change.remove, ...change.put.map((q) => q.employeeNumber)];
      for (let i = 0; i < numbers.length; i += 500) {
        await db
          .deleteFrom('quarantine')
          .where('connection_id', '=', connectionId)
          .where('employee_number', 'in', numbers.slice(i, i + 500))
          .execute();
      }
      for (let i = 0; i < change.put.length; i += 200) {
        await db
          .insertInto('quarantine')
          .values(
            change.put.slice(i, i + 200).map((q) => ({
              connection_id: connectionId,
              employee_number: q.employeeNumber,
              display_name: q.displayName,
              account_id: q.accountId,
              since: q.since,
              code: q.code,
              message: q.message,
              fingerprint: q.fingerprint,
            })),
          )
          .execute();
      }
    };
    if (this.ctx.db.isTransaction) await work(this.ctx.db);
    else await this.ctx.db.transaction().execute(work);
  }
}
