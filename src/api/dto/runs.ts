import type { Static } from '@sinclair/typebox';
import {
  itemReasonWords,
  type ReasonContext,
  type RunDto,
  type RunItemDto,
  runOutcome,
  stepDetail,
  stepWords,
} from '../../contracts/index.ts';
import type { RunItem } from '../../core/index.ts';
import type { Run } from '../../store/index.ts';
import { type ActorNamer, describeActor } from '../actor-names.ts';

/** `named` resolves users' names (actorNamer); without it, tokens and the scheduler are still named. */
export function toRunDto(r: Run, named: ActorNamer = describeActor): Static<typeof RunDto> {
  const durationMs =
    r.startedAt !== null && r.finishedAt !== null
      ? Math.max(0, Date.parse(r.finishedAt) - Date.parse(r.startedAt))
      : null;
  return {
    id: r.id,
    connectionId: r.connectionId,
    kind: r.kind,
    status: r.status,
    outcome: runOutcome(r.status, r.counts?.statuses),
    employeeNumber: r.employeeNumber,
    requestedBy: r.requestedBy,
    requestedByName: named({ name: r.requestedBy }),
    requestedAt: r.requestedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs,
    counts: r.counts as Static<typeof RunDto>['counts'],
    sourceCount: r.sourceCount,
    blockedReason: r.blockedReason,
    error: r.error && { ...r.error, paths: r.error.paths && [...r.error.paths] },
    approval: r.approval && { ...r.approval, byName: named({ name: r.approval.by }) },
    discard: r.discard && { ...r.discard, byName: named({ name: r.discard.by }) },
    cancelRequested: r.cancelRequested,
    progress: r.progress,
    attempt: r.attempt,
    maxAttempts: r.maxAttempts,
    unchangedCount: r.unchangedCount,
    itemsPrunedAt: r.itemsPrunedAt,
  };
}

type ItemDto = Static<typeof RunItemDto>;
const value = (v: RunItem['changes'][number]['old']): ItemDto['changes'][number]['old'] =>
  Array.isArray(v) ? [...v] : (v as Exclude<typeof v, readonly string[]>);

/** A run item with its reasons in plain words (`ctx`: the connection's time zone and the names known). */
export const toRunItemDto = (i: RunItem, ctx: ReasonContext): ItemDto => ({
  employeeNumber: i.employeeNumber,
  displayName: i.displayName,
  action: i.action,
  status: i.status,
  accountId: i.accountId,
  changes: i.changes.map((c) => ({ attribute: c.attribute, old: value(c.old), new: value(c.new) })),
  reason: itemReasonWords(i, ctx),
  steps: i.steps.map((s) => ({
    step: s.step,
    status: s.status,
    text: stepWords(s, i, ctx),
    message: stepDetail(s),
    ...(s.reason ? { reason: s.reason } : {}),
  })),
  error:
    i.error === null
      ? null
      : {
          code: i.error.code,
          message: i.error.message,
          ...(i.error.accounts ? { accounts: [...i.error.accounts] } : {}),
        },
});
