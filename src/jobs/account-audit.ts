import type { RunItem } from '../core/index.ts';
import type { Run, Store } from '../store/index.ts';
import { WORKER_ACTOR } from './run-effects.ts';

/** One audit event per account write, with old → new values (invariant 8). */
export async function auditAccountWrite(
  store: Store,
  run: Run,
  item: RunItem,
  about: { connectionId: string; connectionName: string | null; tenantId: string | null },
): Promise<void> {
  const action = ['create', 'update', 'enable', 'disable', 'delete'].includes(item.action)
    ? `account.${item.action}`
    : 'account.write-back';
  await store.audit.append({
    organisationId: run.organisationId,
    actor: WORKER_ACTOR,
    action,
    outcome: item.status === 'success' || item.status === 'warning' ? 'success' : 'failure',
    ...about,
    runId: run.id,
    person: item.employeeNumber,
    message: `${item.action} ${item.displayName} (${item.employeeNumber}): ${item.status}${item.error ? ` — ${item.error.message}` : ''}`,
    details: {
      accountId: item.accountId,
      changes: item.changes.map((c) => ({ attribute: c.attribute, old: c.old, new: c.new })),
    },
  });
}
