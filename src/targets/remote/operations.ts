/**
 * What travels between the service and a directory agent: the Target port's four operations as
 * data. The service sends operations, never credentials (the bind password lives on the agent).
 */
import type { Account, PlannedWrite } from '../../core/index.ts';
import type { PlacementToCheck, TargetReadResult, WriteOutcome } from '../../engine/ports.ts';

/** The target's settings as the agent needs them to build the same target; secrets left out. */
export type RemoteTargetSettings = Readonly<Record<string, unknown>>;

export interface OperationPayloads {
  readonly read: {
    readonly target: RemoteTargetSettings;
    readonly attributes: readonly string[];
    readonly cursor: string | null;
  };
  readonly find: {
    readonly target: RemoteTargetSettings;
    readonly attribute: string;
    readonly value: string;
    readonly attributes: readonly string[];
  };
  readonly apply: { readonly target: RemoteTargetSettings; readonly writes: readonly PlannedWrite[] };
  readonly test: {
    readonly target: RemoteTargetSettings;
    /** Where connections' mappings place accounts, checked too (Target.test). */
    readonly containers?: readonly PlacementToCheck[];
  };
}

export interface OperationValues {
  /** The accounts come in pages (`pages` of them), sent ahead of the result. */
  readonly read: Omit<TargetReadResult, 'accounts'> & { readonly pages: number };
  readonly find: { readonly accounts: readonly Account[] };
  readonly apply: { readonly outcomes: readonly WriteOutcome[] };
  readonly test: {
    readonly ok: boolean;
    readonly message: string;
    readonly details?: Record<string, unknown>;
  };
}

export type OperationKind = keyof OperationPayloads;
export const OPERATION_KINDS: readonly OperationKind[] = ['read', 'find', 'apply', 'test'];

export interface OperationError {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

/**
 * An agent's answer. `interrupted`: the agent restarted while carrying the operation out, so
 * whether its writes happened is unknown — treated like an agent that fell silent.
 */
export type OperationResult<K extends OperationKind = OperationKind> =
  | { readonly ok: true; readonly value: OperationValues[K] }
  | { readonly ok: false; readonly error: OperationError; readonly interrupted?: boolean };

/** Accounts per page of a read: well under the service's request size limit. */
export const READ_PAGE_SIZE = 500;

/**
 * The most pages one read may have (a million accounts): the service keeps a read's pages until the
 * run takes them all at once, so an agent answering with endless pages must be stopped at a bound.
 */
export const MAX_READ_PAGES = 2_000;

/**
 * The largest request body one page of a read may be: 500 accounts at 8 KiB each, several times what an
 * account with the attributes a directory read asks for takes (a few hundred bytes to about 2 KiB, a
 * long proxyAddresses list included). Other requests keep the service's 2 MiB.
 */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * The most one read's pages may hold in all (their accounts as JSON, as the service keeps them until
 * the run takes them at once, into one process's memory): about 1 KiB for each of a million accounts.
 */
export const MAX_READ_BYTES = 1024 * 1024 * 1024;

/**
 * Where a directory behind agents keeps its bind password: with whoever runs the target — the agent
 * (its sealed state folder, or this variable). The service's configuration says so and no more.
 */
export const AGENT_BIND_PASSWORD_ENV = 'HRSYNC_AGENT_BIND_PASSWORD';
