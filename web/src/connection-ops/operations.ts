/**
 * The toolbar operations on one connection, each tied to its contract endpoint (which decides who
 * may see it) and to its row in the service's state table (which decides when it is enabled).
 */
import {
  activateConnection,
  type ConnectionOperation,
  type ConnectionState,
  checkOperation,
  deactivateConnection,
  deleteConnection,
  type Endpoint,
  setSchedule,
  simulate,
} from '../api/contracts.ts';

export type ToolbarOperation = 'simulate' | 'setSchedule' | 'deactivate' | 'activate' | 'delete';

export interface OperationInfo {
  readonly label: string;
  readonly endpoint: Pick<Endpoint, 'access'>;
  readonly operation: ConnectionOperation;
}

export const TOOLBAR_OPERATIONS: Readonly<Record<ToolbarOperation, OperationInfo>> = {
  simulate: { label: 'Simulate', endpoint: simulate, operation: 'simulate' },
  setSchedule: { label: 'Set schedule', endpoint: setSchedule, operation: 'setSchedule' },
  deactivate: { label: 'Deactivate', endpoint: deactivateConnection, operation: 'deactivate' },
  activate: { label: 'Activate', endpoint: activateConnection, operation: 'activate' },
  delete: { label: 'Delete', endpoint: deleteConnection, operation: 'delete' },
};

export const TOOLBAR_ORDER: readonly ToolbarOperation[] = [
  'simulate',
  'setSchedule',
  'deactivate',
  'activate',
  'delete',
];

/** The service's activation gate for a connection, when the page has it (the details page does). */
export interface ActivationInfo {
  readonly kind: 'allowed' | 'needs-reason' | 'refused';
  readonly reason: string | null;
}

/** Why an operation is unavailable for the selection, or null when it may be used. */
export function unavailableReason(
  op: ToolbarOperation,
  state: ConnectionState | undefined,
  activation?: ActivationInfo,
): string | null {
  if (state === undefined) return 'Select a connection first.';
  const check = checkOperation(TOOLBAR_OPERATIONS[op].operation, state);
  if (!check.ok) return check.message;
  if (op !== 'activate') return null;
  // Activation also depends on the latest simulation; without the gate, no button the service refuses.
  if (activation === undefined) return 'Open the connection to activate it: its latest simulation decides.';
  return activation.kind === 'allowed' ? null : activation.reason;
}
