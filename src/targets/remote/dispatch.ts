/**
 * The remote target's one dependency: something that hands an operation to one agent of the tenant
 * and waits for its answer. The service implements it over its database (src/jobs/agent-dispatch.ts).
 */
import type { OperationKind, OperationPayloads, OperationResult } from './operations.ts';

export interface SilentAgent {
  readonly id: string;
  readonly name: string;
  readonly host: string | null;
}

export type DispatchOutcome<K extends OperationKind> =
  | {
      readonly state: 'done';
      readonly result: OperationResult<K>;
      /** Pages of a read, in order. */
      readonly pages: readonly unknown[];
      readonly agent: SilentAgent;
    }
  /** The agent that took the operation fell silent (or was revoked) before answering. */
  | { readonly state: 'lost'; readonly agent: SilentAgent };

export interface OperationDispatch {
  /**
   * Queues the operation for the tenant's agents and waits. Throws HRS_AGENT_UNAVAILABLE when no
   * agent (other than those in `avoid`) takes it in time.
   */
  submit<K extends OperationKind>(
    kind: K,
    payload: OperationPayloads[K],
    options: { readonly signal?: AbortSignal; readonly avoid?: readonly string[] },
  ): Promise<DispatchOutcome<K>>;
}
