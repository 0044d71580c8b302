/**
 * The activation gate, as data the service enforces and the console greys its buttons from
 * (issue 11.4). A connection can be activated when the state table allows it and the latest
 * simulation of its current configuration was neither blocked nor had failed or conflicting
 * persons. When it was, an admin may still activate — "activate anyway" — with a written reason,
 * which the audit log keeps.
 */
import type { ConnectionState, RunOutcome } from '../core/vocabulary.ts';
import { checkOperation } from './connection-states.ts';

/** The latest simulation of the connection, as the gate needs to see it. */
export interface SimulationVerdict {
  readonly runId: string;
  /** It simulated exactly the configuration saved now. */
  readonly current: boolean;
  readonly outcome: RunOutcome | null;
  readonly failed: number;
  readonly conflicts: number;
}

export type ActivationGate =
  | { readonly kind: 'allowed'; readonly reason: null }
  /** Only "activate anyway": an admin, with a written reason. */
  | { readonly kind: 'needs-reason'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string };

/** Who may activate anyway, and how long the written reason must at least be. */
export const ACTIVATE_ANYWAY = { role: 'admin', minReasonLength: 10 } as const;

export function activationGate(state: ConnectionState, simulation: SimulationVerdict | null): ActivationGate {
  const operation = checkOperation('activate', state);
  if (!operation.ok)
    return {
      kind: 'refused',
      reason: state === 'active' ? 'The connection is already active.' : operation.message,
    };
  if (simulation === null) return { kind: 'refused', reason: 'Run a simulation first.' };
  if (!simulation.current)
    return {
      kind: 'refused',
      reason: 'The configuration changed since the latest simulation; simulate again.',
    };
  if (simulation.outcome === 'blocked')
    return {
      kind: 'needs-reason',
      reason:
        'The latest simulation was blocked by a safety threshold. Review it; an admin can activate anyway with a written reason.',
    };
  if (simulation.outcome === 'failed' || simulation.outcome === 'cancelled' || simulation.outcome === null)
    return { kind: 'refused', reason: 'The latest simulation did not finish; simulate again.' };
  if (simulation.failed > 0 || simulation.conflicts > 0) {
    const parts = [
      simulation.failed - simulation.conflicts > 0
        ? `${simulation.failed - simulation.conflicts} failed ${simulation.failed - simulation.conflicts === 1 ? 'person' : 'persons'}`
        : null,
      simulation.conflicts > 0
        ? `${simulation.conflicts} ${simulation.conflicts === 1 ? 'conflict' : 'conflicts'}`
        : null,
    ].filter((p) => p !== null);
    return {
      kind: 'needs-reason',
      reason: `The latest simulation has ${parts.join(' and ')}. Resolve them and simulate again; an admin can activate anyway with a written reason.`,
    };
  }
  return { kind: 'allowed', reason: null };
}
