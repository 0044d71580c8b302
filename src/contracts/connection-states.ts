/**
 * The connection state machine as data (STYLE.md principle 5). The service refuses with these
 * reasons; the console greys its buttons from the same tables.
 */
import type { ConnectionState } from '../core/vocabulary.ts';
import { CONNECTION_STATE_WORDS } from './words.ts';

export interface ConnectionTransition {
  readonly from: ConnectionState;
  readonly to: ConnectionState;
  /** What moves the connection: an operator's operation or the configuration flow. */
  readonly trigger: 'steps-confirmed' | 'configuration-changed' | 'activate' | 'deactivate';
  readonly reason: string;
}

export const CONNECTION_TRANSITIONS: readonly ConnectionTransition[] = [
  {
    from: 'draft',
    to: 'simulation',
    trigger: 'steps-confirmed',
    reason: 'configuration steps 1–4 are confirmed',
  },
  {
    from: 'simulation',
    to: 'draft',
    trigger: 'configuration-changed',
    reason: 'a configuration step changed',
  },
  { from: 'simulation', to: 'active', trigger: 'activate', reason: 'activated after a simulation' },
  { from: 'active', to: 'deactivated', trigger: 'deactivate', reason: 'deactivated; scheduled syncs stop' },
  {
    from: 'deactivated',
    to: 'active',
    trigger: 'activate',
    reason: 'activated again; scheduled syncs resume',
  },
  { from: 'active', to: 'draft', trigger: 'configuration-changed', reason: 'a configuration step changed' },
  {
    from: 'active',
    to: 'simulation',
    trigger: 'configuration-changed',
    reason: 'the configuration changed; simulate again',
  },
  {
    from: 'deactivated',
    to: 'draft',
    trigger: 'configuration-changed',
    reason: 'a configuration step changed',
  },
  {
    from: 'deactivated',
    to: 'simulation',
    trigger: 'configuration-changed',
    reason: 'the configuration changed; simulate again',
  },
];

export type TransitionResult =
  | { readonly ok: true; readonly transition: ConnectionTransition }
  | { readonly ok: false; readonly message: string };

export function transition(from: ConnectionState, to: ConnectionState): TransitionResult {
  const found = CONNECTION_TRANSITIONS.find((t) => t.from === from && t.to === to);
  return found
    ? { ok: true, transition: found }
    : {
        ok: false,
        message: `A connection in the ${CONNECTION_STATE_WORDS[from]} state cannot become ${CONNECTION_STATE_WORDS[to]}.`,
      };
}

/** What an operator can ask of a connection, and in which states. */
export const CONNECTION_OPERATIONS = {
  simulate: {
    label: 'simulate',
    allowedIn: ['simulation', 'active', 'deactivated'],
    hint: 'confirm configuration steps 1–4 first',
  },
  sync: { label: 'run a sync for', allowedIn: ['active'], hint: 'activate the connection first' },
  syncPerson: { label: 'sync one person for', allowedIn: ['active'], hint: 'activate the connection first' },
  activate: {
    label: 'activate',
    allowedIn: ['simulation', 'deactivated'],
    hint: 'confirm steps 1–4 and simulate first; an active connection is already active',
  },
  deactivate: {
    label: 'deactivate',
    allowedIn: ['active'],
    hint: 'only an active connection can be deactivated',
  },
  setSchedule: {
    label: 'set the schedule of',
    allowedIn: ['simulation', 'active', 'deactivated'],
    hint: 'confirm configuration steps 1–4 first',
  },
  editConfiguration: {
    label: 'change the configuration of',
    allowedIn: ['draft', 'simulation', 'active', 'deactivated'],
    hint: '',
  },
  rename: { label: 'rename', allowedIn: ['draft', 'simulation', 'active', 'deactivated'], hint: '' },
  copy: { label: 'copy', allowedIn: ['draft', 'simulation', 'active', 'deactivated'], hint: '' },
  delete: { label: 'delete', allowedIn: ['draft', 'simulation', 'active', 'deactivated'], hint: '' },
} as const satisfies Record<
  string,
  { readonly label: string; readonly allowedIn: readonly ConnectionState[]; readonly hint: string }
>;
export type ConnectionOperation = keyof typeof CONNECTION_OPERATIONS;

export type OperationCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export function checkOperation(operation: ConnectionOperation, state: ConnectionState): OperationCheck {
  const rule = CONNECTION_OPERATIONS[operation];
  if ((rule.allowedIn as readonly ConnectionState[]).includes(state)) return { ok: true };
  return {
    ok: false,
    // The state in the console's words ("Simulation"), as the badge next to the refusal shows it.
    message: `Cannot ${rule.label} a connection in the ${CONNECTION_STATE_WORDS[state]} state; ${rule.hint}.`,
  };
}
