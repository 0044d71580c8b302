import type { RunKind, RunStatus } from '../../core/index.ts';
import type { RunsTable } from '../database.ts';
import { fromFlag, fromJson } from '../json.ts';
import type { Run, RunCounts, RunProgressRecord } from '../records.ts';

export const toRun = (r: RunsTable): Run => ({
  id: r.id,
  organisationId: r.organisation_id,
  connectionId: r.connection_id,
  kind: r.kind as RunKind,
  status: r.status as RunStatus,
  employeeNumber: r.employee_number,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  counts: fromJson<RunCounts>(r.counts),
  sourceCount: r.source_count === null ? null : Number(r.source_count),
  configHash: r.config_hash,
  blockedReason: r.blocked_reason,
  error:
    r.error_code === null
      ? null
      : {
          code: r.error_code,
          message: r.error_message ?? '',
          paths: fromJson<readonly string[]>(r.error_paths ?? null),
        },
  approval:
    r.approved_by === null
      ? null
      : { by: r.approved_by, reason: r.approved_reason ?? '', at: r.decided_at ?? r.requested_at },
  discard:
    r.discarded_by === null
      ? null
      : { by: r.discarded_by, reason: r.discarded_reason ?? '', at: r.decided_at ?? r.requested_at },
  cancelRequested: fromFlag(r.cancel_requested),
  progress: fromJson<RunProgressRecord>(r.progress),
  leaseOwner: r.lease_owner,
  leaseExpiresAt: r.lease_expires_at,
  attempt: Number(r.attempt),
  maxAttempts: Number(r.max_attempts),
  unchangedCount: Number(r.unchanged_count ?? 0),
  unchangedList: r.unchanged_list ?? null,
  itemCounts: fromJson<RunCounts>(r.item_counts ?? null),
  itemsPrunedAt: r.items_pruned_at ?? null,
});
