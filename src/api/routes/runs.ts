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
import { runItemsToCsv } from '../../engine/index.ts';
import { requestRun } from '../../jobs/run-requests.ts';
import type { Run, RunItemQuery, Store } from '../../store/index.ts';
import type { Caller } from '../auth/caller.ts';
import { loadConnection, loadRun } from '../connections/load.ts';
import { toRunDto, toRunItemDto } from '../dto/runs.ts';
import { registerEndpoint } from '../route.ts';

function assertRunOperation(operation: RunOperation, run: Run): void {
  const check = checkRunOperation(operation, run.status);
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

function itemFilter(query: {
  action?: RunItemQuery['action'];
  status?: RunItemQuery['status'];
  q?: string;
}): RunItemQuery {
  return {
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.q === undefined ? {} : { q: query.q }),
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
    return { ...page, items: page.items.map(toRunDto) };
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
    toRunDto(await loadRun(store, caller, params.id)),
  );

  registerEndpoint(app, listRunItems, async ({ caller, store, params, query }) => {
    const run = await loadRun(store, caller, params.id);
    const page = await store.runItems.list(run.id, itemFilter(query), query.page ?? 1, query.pageSize ?? 50);
    return { ...page, items: page.items.map(toRunItemDto) };
  });

  registerEndpoint(app, exportRunItemsCsv, async ({ caller, store, params, query, reply }) => {
    const run = await loadRun(store, caller, params.id);
    reply.header('content-disposition', `attachment; filename="run-${run.id}-items.csv"`);
    return runItemsToCsv(await store.runItems.all(run.id, itemFilter(query)));
  });

  registerEndpoint(app, exportRunItemsJson, async ({ caller, store, params, query, reply }) => {
    const run = await loadRun(store, caller, params.id);
    reply.header('content-disposition', `attachment; filename="run-${run.id}-items.json"`);
    return (await store.runItems.all(run.id, itemFilter(query))).map(toRunItemDto);
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

  registerEndpoint(app, approveRun, async ({ caller, store, params, body, audit, about }) => {
    const run = await loadRun(store, caller, params.id);
    about({ runId: run.id, connectionId: run.connectionId });
    assertRunOperation('approve', run);
    if (run.kind === 'simulation') {
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        'A simulation applies nothing, so there is nothing to approve; run a sync instead.',
      );
    }
    const approved = await store.runs.approve(caller.organisationId, run.id, {
      by: caller.actor.name,
      reason: body.reason,
    });
    if (!approved)
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        `Run ${run.id} is no longer blocked; someone decided first.`,
      );
    await audit('run.approved', {
      connectionId: run.connectionId,
      runId: run.id,
      message: `blocked ${run.kind} run approved: ${body.reason}`,
      details: { reason: body.reason, blockedReason: run.blockedReason },
    });
    return toRunDto(approved);
  });

  registerEndpoint(app, discardRun, async ({ caller, store, params, body, audit, about }) => {
    const run = await loadRun(store, caller, params.id);
    about({ runId: run.id, connectionId: run.connectionId });
    assertRunOperation('discard', run);
    const discarded = await store.runs.discard(caller.organisationId, run.id, {
      by: caller.actor.name,
      reason: body.reason,
    });
    if (!discarded)
      throw new HrsyncError(
        'HRS_INVALID_STATE',
        `Run ${run.id} is no longer blocked; someone decided first.`,
      );
    await audit('run.discarded', {
      connectionId: run.connectionId,
      runId: run.id,
      message: `blocked ${run.kind} run discarded: ${body.reason}`,
      details: { reason: body.reason, blockedReason: run.blockedReason },
    });
    return toRunDto(discarded);
  });
}
