/** Connections and runs made straight in the store, for queue tests that inject their own executor. */
import type { RunItem, RunKind } from '../../../src/core/index.ts';
import type { ExecutionResult } from '../../../src/jobs/index.ts';
import type { Run, Store } from '../../../src/store/index.ts';
import { until as untilHolds } from '../../support/until.ts';

export async function bareConnection(store: Store, organisationId: string, name: string): Promise<string> {
  const c = await store.connections.create({
    organisationId,
    tenantId: null,
    name,
    description: '',
    destinationType: 'cloud',
    config: {},
    progress: 0,
  });
  return c.id;
}

export const enqueue = (
  store: Store,
  organisationId: string,
  connectionId: string,
  options: { kind?: RunKind; maxAttempts?: number } = {},
) =>
  store.runs.enqueue({
    organisationId,
    connectionId,
    kind: options.kind ?? 'simulation',
    employeeNumber: null,
    requestedBy: 'test',
    configHash: null,
    maxAttempts: options.maxAttempts ?? 3,
  });

/** A simulation enqueued, claimed and finished with these items: a run recorded as a worker records it. */
export async function recordedRun(
  store: Store,
  organisationId: string,
  connectionId: string,
  items: readonly RunItem[],
): Promise<Run> {
  const queued = await enqueue(store, organisationId, connectionId);
  await store.runQueue.claim('w', 60_000);
  const done = await store.runQueue.finish(queued.id, 'w', {
    status: 'succeeded',
    counts: null,
    sourceCount: items.length,
    blockedReason: null,
    error: null,
    items,
  });
  if (!done) throw new Error(`run ${queued.id} was not finished`);
  return done;
}

export const succeeded = (note = 'done'): ExecutionResult => ({
  status: 'succeeded',
  items: [
    {
      employeeNumber: '1',
      displayName: note,
      action: 'no-change',
      status: 'success',
      accountId: null,
      changes: [],
      steps: [],
      error: null,
    },
  ],
  counts: null,
  sourceCount: 1,
  blockedReason: null,
  error: null,
  configHash: null,
  throttled: 0,
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const until = (check: () => Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> =>
  untilHolds(what, check, timeoutMs);
