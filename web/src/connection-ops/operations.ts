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

/** Why an operation is unavailable for the selection, or null when it may be used. */
export function unavailableReason(op: ToolbarOperation, state: ConnectionState | undefined): string | null {
  if (state === undefined) return 'Select a connection first.';
  const check = checkOperation(TOOLBAR_OPERATIONS[op].operation, state);
  return check.ok ? null : check.message;
}
