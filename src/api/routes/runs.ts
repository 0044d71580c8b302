import type { FastifyInstance } from 'fastify';
import {
  approveRun,
  cancelRun,
  checkRunOperation,
  discardRun,
  exportRunItemsCsv,
  exportRunItemsJson,
  getRun,
  listRunItems,
  listRuns,
  type RunOperation,
  simulate,
  sync,
  syncPerson,
} from '../../contracts/index.ts';
import { HrsyncError, type RunKind } from '../../core/index.ts';
import { requestRun } from '../../jobs/run-requests.ts';
import type { Run, RunItemQuery, Store } from '../../store/index.ts';
import { actorNamer } from '../actor-names.ts';
import type { AuditFields } from '../audit.ts';
import type { Caller } from '../auth/caller.ts';
import { loadConnection, loadRun } from '../connections/load.ts';
import { toRunDto, toRunItemDto } from '../dto/runs.ts';
import { startExport } from '../exports.ts';
import { type RouteContext, registerEndpoint } from '../route.ts';
import { reasonContext, runItemCsvChunks, runItemJsonChunks } from '../run-item-export.ts';
import { namesIn } from '../run-item-names.ts';

function assertRunOperation(operation: RunOperation, run: Run): void {
  const check = checkRunOperation(operation, run.status, run.kind);
  if (!check.ok) throw new HrsyncError('HRS_INVALID_STATE', check.message);
}

async function queue(
  store: Store,
  caller: Caller,
  id: string,
  kind: RunKind,
  employeeNumber: string | null,
  about: (s: { connectionId: string; connectionName: string }) => void,
) {
  return store.transaction(async (tx) => {
    const connection = await loadConnection(tx, caller, id, true);
    about({ connectionId: connection.id, connectionName: connection.name });
    const run = await requestRun(tx, { connection, kind, employeeNumber, actor: caller.actor });
    return toRunDto(run);
  });
}

/**
 * Approving and discarding a blocked run differ only in what the store records: each is decided
 * once (the loser of a race is told someone decided first), with the reason in the audit log.
 */
async function decideBlockedRun(
  ctx: Pick<RouteContext<typeof approveRun>, 'caller' | 'store' | 'params' | 'body' | 'about'>,
  operation: 'approve' | 'discard',
  audit: (fields: AuditFields) => Promise<void>,
) {
  const { caller, store, params, body } = ctx;
  const run = await loadRun(store, caller, params.id);
  ctx.about({ runId: run.id, connectionId: run.connectionId });
  assertRunOperation(operation, run);
  if (operation === 'approve' && run.kind === 'simulation') {
    throw new HrsyncError(
      'HRS_INVALID_STATE',
      'A simulation applies nothing, so there is nothing to approve; run a sync instead.',
    );
  }
  const decision = { by: caller.actor.name, reason: body.reason };
  const decided =
    operation === 'approve'
      ? await store.runs.approve(caller.organisationId, run.id, decision)
      : await store.runs.discard(caller.organisationId, run.id, decision);
  if (!decided)
    throw new HrsyncError('HRS_INVALID_STATE', `Run ${run.id} is no longer blocked; someone decided first.`);
  await audit({
    connectionId: run.connectionId,
    runId: run.id,
    message: `blocked ${run.kind} run ${operation === 'approve' ? 'approved' : 'discarded'}: ${body.reason}`,
    details: { reason: body.reason, blockedReason: run.blockedReason },
  });
  return toRunDto(decided);
}

function itemFilter(query: {
  action?: RunItemQuery['action'];
  status?: RunItemQuery['status'];
  q?: string;
  attribute?: string;
  value?: string;
  changesOnly?: boolean;
}): RunItemQuery {
  return {
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.q === undefined || query.q.trim() === '' ? {} : { q: query.q.trim() }),
    ...(query.attribute === undefined || query.attribute === '' ? {} : { attribute: query.attribute }),
    ...(query.value === undefined || query.value.trim() === '' ? {} : { value: query.value.trim() }),
    ...(query.changesOnly === undefined ? {} : { changesOnly: query.changesOnly }),
  };
}

export async function runRoutes(app: FastifyInstance): Promise<void> {
  registerEndpoint(app, listRuns, async ({ caller, store, params, query }) => {
    const connection = await loadConnection(store, caller, params.id);
    const page = await store.runs.listForConnection(
      caller.organisationId,
      connection.id,
      query.page ?? 1,
      query.pageSize ?? 50,
    );
    const named = await actorNamer(store, caller.organisationId);
    return { ...page, items: page.items.map((r) => toRunDto(r, named)) };
  });

  const queued = <T>(run: T): T => {
    app.deps.onRunQueued();
    return run;
  };
  registerEndpoint(app, simulate, async ({ caller, store, params, about }) =>
    queue(store, caller, params.id, 'simulation', null, about).then(queued),
  );
  registerEndpoint(app, sync, async ({ caller, store, params, about }) =>
    queue(store, caller, params.id, 'sync', null, about).then(queued),
  );
  registerEndpoint(app, syncPerson, async ({ caller, store, params, body, about }) =>
    queue(store, caller, params.id, 'on-demand', body.employeeNumber.trim(), about).then(queued),
  );

  registerEndpoint(app, getRun, async ({ caller, store, params }) =>
    toRunDto(await loadRun(store, caller, params.id), await actorNamer(store, caller.organisationId)),
  );

  registerEndpoint(app, listRunItems, async ({ caller, store, params, query }) => {
    const run = await loadRun(store, caller, params.id);
    const page = await store.runItems.list(
      run,
      itemFilter(query),
      query.sort ?? 'name',
      query.page ?? 1,
      query.pageSize ?? 50,
    );
    const names = await namesIn(store, run, page.items);
    const ctx = await reasonContext(store, caller.organisationId, run, names);
    return {
      ...page,
      items: page.items.map((i) => {
        const managerNames = Object.fromEntries(
          i.changes.flatMap((c) =>
            c.attribute === 'manager'
              ? [c.old, c.new].flatMap((v) => {
                  const name = typeof v === 'string' ? names.persons.get(v) : undefined;
                  return name ? [[v as string, name] as const] : [];
                })
              : [],
          ),
        );
        return {
          ...toRunItemDto(i, ctx),
          account: i.accountId === null ? null : (names.accounts.get(i.accountId) ?? null),
          ...(Object.keys(managerNames).length > 0 ? { managerNames } : {}),
        };
      }),
    };
  });

  // Written as read, a batch at a time (exports.ts), within the export slots. The file's name is
  // given once the export is admitted: a refusal named as an attachment was saved as the file.
  const itemExport = (
    ctx: Pick<RouteContext<typeof exportRunItemsCsv>, 'caller' | 'store' | 'query' | 'request'>,
    run: Run,
    chunks: (e: Parameters<typeof runItemCsvChunks>[0]) => AsyncGenerator<string>,
  ) => {
    // Only a finished (or blocked) run: the console offers its exports by the same table.
    assertRunOperation('export', run);
    const e = {
      store: ctx.store,
      organisationId: ctx.caller.organisationId,
      run,
      query: itemFilter(ctx.query),
      sort: ctx.query.sort ?? 'name',
      batch: app.deps.exportBatch,
    };
    return startExport(app.deps.exportSlots, ctx.request, e.organisationId, { runId: run.id }, () =>
      chunks(e),
    );
  };

  registerEndpoint(app, exportRunItemsCsv, async (ctx) => {
    const run = await loadRun(ctx.store, ctx.caller, ctx.params.id);
    // A stream, not the string the contract describes: Fastify sends it as it is read.
    const stream = itemExport(ctx, run, runItemCsvChunks);
    ctx.reply.header('content-disposition', `attachment; filename="run-${run.id}-items.csv"`);
    return stream as unknown as string;
  });

  registerEndpoint(app, exportRunItemsJson, async (ctx) => {
    const run = await loadRun(ctx.store, ctx.caller, ctx.params.id);
    // The response schema's serializer, as for the whole array before (the same bytes).
    const serialize = ctx.reply.getSerializationFunction('200') as unknown as
      | ((items: readonly unknown[]) => string)
      | undefined;
    if (!serialize) throw new Error('the JSON export has no response serializer');
    const stream = itemExport(ctx, run, (e) => runItemJsonChunks(e, serialize));
    ctx.reply.header('content-disposition', `attachment; filename="run-${run.id}-items.json"`);
    ctx.reply.type('application/json; charset=utf-8');
    return stream as unknown as ReturnType<typeof toRunItemDto>[];
  });

  registerEndpoint(app, cancelRun, async ({ caller, store, params, audit, about }) => {
    const run = await loadRun(store, caller, params.id);
    about({ runId: run.id, connectionId: run.connectionId });
    assertRunOperation('cancel', run);
    const cancelled = await store.runs.cancel(caller.organisationId, run.id);
    if (!cancelled) {
      const now = await loadRun(store, caller, params.id);
      assertRunOperation('cancel', now);
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        `Run ${run.id} changed while cancelling; it is now ${now.status}.`,
      );
    }
    await audit('run.cancelled', {
      connectionId: run.connectionId,
      runId: run.id,
      person: run.employeeNumber,
      message:
        cancelled.status === 'cancelled'
          ? `${run.kind} run cancelled before it started`
          : `${run.kind} run asked to stop`,
      details: { status: { old: run.status, new: cancelled.status } },
    });
    return toRunDto(cancelled);
  });

  registerEndpoint(app, approveRun, (ctx) =>
    decideBlockedRun(ctx, 'approve', (fields) => ctx.audit('run.approved', fields)),
  );
  registerEndpoint(app, discardRun, (ctx) =>
    decideBlockedRun(ctx, 'discard', (fields) => ctx.audit('run.discarded', fields)),
  );
}
