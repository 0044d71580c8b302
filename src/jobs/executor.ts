import type { Action, ItemStatus, RunError, RunItem } from '../core/index.ts';
import type { Run, RunCounts, RunProgressRecord } from '../store/index.ts';

/** What executing one run produced; the worker records it. */
export interface ExecutionResult {
  readonly status: 'succeeded' | 'blocked' | 'failed';
  readonly items: readonly RunItem[];
  readonly counts: RunCounts | null;
  readonly sourceCount: number | null;
  readonly blockedReason: string | null;
  readonly error: RunError | null;
  /** The configuration actually run (see connection-config.ts configHash). */
  readonly configHash: string | null;
  /** Graph requests answered 429 during the run, when the target reports it. */
  readonly throttled: number;
}

export interface ExecutionContext {
  readonly signal: AbortSignal;
  /** May return a promise: the engine waits for a new phase to be stored before starting it. */
  onProgress(progress: RunProgressRecord): void | Promise<void>;
  /** Every account write as it is applied, for the audit log. */
  onWrite(item: RunItem): void;
}

/** Runs one claimed run. Production uses the engine (engine-executor.ts); tests may inject their own. */
export type RunExecutor = (run: Run, context: ExecutionContext) => Promise<ExecutionResult>;

/** `paths`: the configuration paths the failure names (see RunError). */
export function failed(
  code: string,
  message: string,
  configHash: string | null = null,
  paths: readonly string[] = [],
): ExecutionResult {
  return {
    status: 'failed',
    items: [],
    counts: null,
    sourceCount: null,
    blockedReason: null,
    error: { code, message, paths },
    configHash,
    throttled: 0,
  };
}

export function countsOf(
  actionCounts: Readonly<Record<Action, number>>,
  statusCounts: Readonly<Record<ItemStatus, number>>,
): RunCounts {
  return { actions: { ...actionCounts }, statuses: { ...statusCounts } };
}
