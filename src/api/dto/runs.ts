import type { Static } from '@sinclair/typebox';
import type { RunDto } from '../../contracts/index.ts';
import type { Run } from '../../store/index.ts';

export function toRunDto(r: Run): Static<typeof RunDto> {
  const durationMs =
    r.startedAt !== null && r.finishedAt !== null
      ? Math.max(0, Date.parse(r.finishedAt) - Date.parse(r.startedAt))
      : null;
  return {
    id: r.id,
    connectionId: r.connectionId,
    kind: r.kind,
    status: r.status,
    employeeNumber: r.employeeNumber,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs,
    counts: r.counts as Static<typeof RunDto>['counts'],
    sourceCount: r.sourceCount,
    blockedReason: r.blockedReason,
    error: r.error,
    approval: r.approval,
    discard: r.discard,
    cancelRequested: r.cancelRequested,
    progress: r.progress,
    attempt: r.attempt,
    maxAttempts: r.maxAttempts,
  };
}
