/**
 * A recorded run turned back into the format of runs recorded before 0450: its stored items as rows of
 * `run_items` (as the recording wrote them then: name order, places in the action and status orders,
 * steps as tuples), its blocks and index gone, its orders without the stored items' own orders. Tests
 * page such runs to show that runs recorded before read exactly as before.
 */
import { inflateRawSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { ACTIONS, type ItemStatus, type RunItem } from '../../../src/core/index.ts';
import type { Database } from '../../../src/store/database.ts';
import type { Run } from '../../../src/store/index.ts';
import { decodeOrders, encodeOrders, openOrders } from '../../../src/store/repositories/run-item-orders.ts';
import { isUnchanged, nameKey } from '../../../src/store/repositories/run-person-list.ts';

const STATUS_ORDER: readonly ItemStatus[] = ['failed', 'blocked', 'warning', 'skipped', 'success'];

export async function asRows(db: Kysely<Database>, run: Run, items: readonly RunItem[]): Promise<void> {
  const stored = items
    .filter((i) => !isUnchanged(i))
    .map((item) => ({ item, key: nameKey(item.displayName, item.employeeNumber) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const placeIn = (rank: (i: RunItem) => number) => {
    const order = stored
      .map((_, seq) => seq)
      .sort((a, b) => {
        const d =
          rank((stored[a] as (typeof stored)[number]).item) -
          rank((stored[b] as (typeof stored)[number]).item);
        return d || a - b;
      });
    const place = new Array<number>(stored.length);
    order.forEach((seq, i) => {
      place[seq] = i;
    });
    return place;
  };
  const posAction = placeIn((i) => ACTIONS.indexOf(i.action));
  const posStatus = placeIn((i) => STATUS_ORDER.indexOf(i.status));
  await sql`delete from run_item_blocks where run_id = ${run.id}`.execute(db);
  for (const [seq, { item }] of stored.entries()) {
    await db
      .insertInto('run_items')
      .values({
        run_id: run.id,
        seq,
        employee_number: item.employeeNumber,
        display_name: item.displayName,
        action: item.action,
        status: item.status,
        account_id: item.accountId,
        changes: JSON.stringify(item.changes),
        steps: JSON.stringify(item.steps.map((s) => [s.step, s.status, s.reason ?? s.message])),
        error: item.error === null ? null : JSON.stringify(item.error),
        pos_name: seq,
        pos_action: posAction[seq] as number,
        pos_status: posStatus[seq] as number,
        changed: '',
        search: '',
      })
      .execute();
  }
  // Runs with nobody unchanged had no orders before 0450.
  if (run.unchangedCount === 0) {
    await sql`delete from run_item_orders where run_id = ${run.id}`.execute(db);
    return;
  }
  const row = await db
    .selectFrom('run_item_orders')
    .select('data')
    .where('run_id', '=', run.id)
    .executeTakeFirst();
  if (!row) return;
  const { items: _, ...orders } = decodeOrders(row.data);
  // Runs recorded before 0450 kept the names of the unchanged persons their items mention as text.
  const kept = openOrders(row.data).keptNames;
  await db
    .updateTable('run_item_orders')
    .set({
      data: encodeOrders(orders),
      ...(kept ? { unchanged_names: inflateRawSync(kept.unchanged).toString('utf8') } : {}),
      item_names: null,
      items: null,
    })
    .where('run_id', '=', run.id)
    .execute();
}
