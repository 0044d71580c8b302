/** The run state machine as data: the worker, the API and the console read the same table. */
import type { RunKind, RunStatus } from '../core/vocabulary.ts';

export interface RunTransition {
  readonly from: RunStatus;
  readonly to: RunStatus;
  readonly by: 'worker' | 'operator' | 'lease-expiry';
  readonly reason: string;
}

export const RUN_TRANSITIONS: readonly RunTransition[] = [
  { from: 'queued', to: 'running', by: 'worker', reason: 'a worker claimed the run' },
  { from: 'queued', to: 'cancelled', by: 'operator', reason: 'cancelled before it started' },
  { from: 'running', to: 'succeeded', by: 'worker', reason: 'the run finished' },
  { from: 'running', to: 'failed', by: 'worker', reason: 'the run failed; nothing more was applied' },
  { from: 'running', to: 'blocked', by: 'worker', reason: 'a safety threshold fired; nothing was applied' },
  { from: 'running', to: 'cancelled', by: 'operator', reason: 'cancelled while running' },
  { from: 'running', to: 'queued', by: 'lease-expiry', reason: 'the worker stopped; the run is resumed' },
  { from: 'running', to: 'failed', by: 'lease-expiry', reason: 'the worker stopped and attempts ran out' },
  { from: 'blocked', to: 'queued', by: 'operator', reason: 'approved; the run is applied' },
  { from: 'blocked', to: 'discarded', by: 'operator', reason: 'discarded; nothing is applied' },
];

/**
 * Approve and discard exist only for blocked *syncs*: a blocked simulation wrote nothing and has
 * nothing to apply — it says what a sync would meet; simulate again or activate (anyway).
 */
export const RUN_OPERATIONS = {
  cancel: { label: 'cancel', allowedIn: ['queued', 'running'], kinds: ['simulation', 'sync', 'on-demand'] },
  approve: { label: 'approve', allowedIn: ['blocked'], kinds: ['sync'] },
  discard: { label: 'discard', allowedIn: ['blocked'], kinds: ['sync'] },
  // A run's persons are exported once they are all recorded: a queued or running run's file would
  // look complete and miss whoever is still to come. A blocked run's persons are what it would do.
  export: {
    label: 'export the persons of',
    allowedIn: ['succeeded', 'failed', 'blocked', 'cancelled', 'discarded'],
    kinds: ['simulation', 'sync', 'on-demand'],
  },
} as const satisfies Record<
  string,
  { readonly label: string; readonly allowedIn: readonly RunStatus[]; readonly kinds: readonly RunKind[] }
>;
export type RunOperation = keyof typeof RUN_OPERATIONS;

export function checkRunOperation(
  operation: RunOperation,
  status: RunStatus,
  kind: RunKind,
): { readonly ok: true } | { readonly ok: false; readonly message: string } {
  const rule = RUN_OPERATIONS[operation];
  if (!(rule.kinds as readonly RunKind[]).includes(kind))
    return {
      ok: false,
      message: `Cannot ${rule.label} a ${kind} run; only a blocked sync can be approved or discarded — a simulation applies nothing.`,
    };
  if ((rule.allowedIn as readonly RunStatus[]).includes(status)) return { ok: true };
  return {
    ok: false,
    message:
      operation === 'export' && (status === 'queued' || status === 'running')
        ? `Cannot ${rule.label} a run that is still ${status}; wait until it has finished.`
        : `Cannot ${rule.label} a run in status "${status}"; only a run that is ${rule.allowedIn.join(' or ')} can be.`,
  };
}

export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'discarded'];
