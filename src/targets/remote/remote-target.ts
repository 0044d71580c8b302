/**
 * A Target whose reads and writes are carried out by a directory agent inside the customer's network
 * (issue 9). The engine cannot tell it from the local target: same port, same capabilities. What it
 * adds is what a network in between demands:
 * - an agent that falls silent mid-operation loses the operation: reads go to another agent; of a
 *   lost write batch, the creates come back "ambiguous" (the engine re-matches them before retrying,
 *   as after a Graph timeout) and the other writes, which are idempotent, go to another agent;
 * - when no agent takes over, the run fails with HRS_AGENT_UNAVAILABLE naming the silent agent.
 */
import type { Account, PlannedWrite } from '../../core/index.ts';
import { ERROR_CATALOGUE, type ErrorCode, HrsyncError, isHrsyncError } from '../../core/index.ts';
import type { Target, TargetCapabilities, WriteOutcome } from '../../engine/ports.ts';
import type { DispatchOutcome, OperationDispatch, SilentAgent } from './dispatch.ts';
import type {
  OperationKind,
  OperationPayloads,
  OperationResult,
  RemoteTargetSettings,
} from './operations.ts';

/** How many agents may fall silent on one operation before the run gives up. */
const MAX_HANDOVERS = 3;

export interface RemoteTargetOptions {
  readonly capabilities: TargetCapabilities;
  /** The target's settings without secrets: the agent builds its local target from them. */
  readonly settings: RemoteTargetSettings;
  readonly dispatch: OperationDispatch;
}

const describe = (a: SilentAgent) => `agent "${a.name}"${a.host ? ` on ${a.host}` : ''}`;

function toError(error: { code: string; message: string }, fallback: ErrorCode): HrsyncError {
  const code = Object.hasOwn(ERROR_CATALOGUE, error.code) ? (error.code as ErrorCode) : fallback;
  return new HrsyncError(code, error.message);
}

export function createRemoteTarget(options: RemoteTargetOptions): Target {
  const { dispatch, settings } = options;

  /** Runs an idempotent operation, handing it to another agent when the one that took it falls silent. */
  async function run<K extends OperationKind>(
    kind: K,
    payload: OperationPayloads[K],
    signal: AbortSignal | undefined,
  ): Promise<Extract<DispatchOutcome<K>, { state: 'done' }>> {
    const silent: SilentAgent[] = [];
    for (;;) {
      let outcome: DispatchOutcome<K>;
      try {
        outcome = await dispatch.submit(kind, payload, {
          ...(signal ? { signal } : {}),
          avoid: silent.map((a) => a.id),
        });
      } catch (error) {
        throw handoverFailed(error, silent, kind);
      }
      if (outcome.state === 'done' && !(!outcome.result.ok && outcome.result.interrupted)) return outcome;
      silent.push(outcome.agent);
      if (silent.length >= MAX_HANDOVERS) throw handoverFailed(null, silent, kind);
    }
  }

  function answerOf<K extends OperationKind>(result: OperationResult<K>, fallback: ErrorCode) {
    if (!result.ok) throw toError(result.error, fallback);
    return result.value;
  }

  return {
    capabilities: options.capabilities,

    async readAccounts({ attributes, cursor, signal }) {
      const outcome = await run('read', { target: settings, attributes, cursor }, signal);
      const value = answerOf(outcome.result, 'HRS_TARGET_READ_FAILED');
      if (outcome.pages.length !== value.pages) {
        throw new HrsyncError(
          'HRS_TARGET_READ_FAILED',
          `${describe(outcome.agent)} announced ${value.pages} page(s) of accounts but ${outcome.pages.length} arrived; the run stopped before planning.`,
        );
      }
      const accounts = (outcome.pages as (readonly Account[])[]).flat();
      return {
        accounts,
        cursor: value.cursor,
        incremental: value.incremental,
        removedIds: value.removedIds,
        ...(value.reserved ? { reserved: value.reserved } : {}),
        ...(value.reservedWithin ? { reservedWithin: value.reservedWithin } : {}),
        ...(value.implied ? { implied: value.implied } : {}),
        ...(value.readWithin ? { readWithin: value.readWithin } : {}),
      };
    },

    async findAccounts(attribute, value, attributes) {
      const outcome = await run('find', { target: settings, attribute, value, attributes }, undefined);
      return answerOf(outcome.result, 'HRS_TARGET_READ_FAILED').accounts;
    },

    async apply(writes, { signal, onProgress }) {
      const outcomes = await applyWrites(writes, signal, []);
      onProgress?.({ done: writes.length, total: writes.length });
      return outcomes;
    },

    async test(options) {
      const containers = options?.containers ?? [];
      const outcome = await run(
        'test',
        { target: settings, ...(containers.length > 0 ? { containers } : {}) },
        undefined,
      );
      if (!outcome.result.ok) return { ok: false, message: outcome.result.error.message };
      return {
        ...outcome.result.value,
        message: `${describe(outcome.agent)}: ${outcome.result.value.message}`,
      };
    },
  };

  async function applyWrites(
    writes: readonly PlannedWrite[],
    signal: AbortSignal | undefined,
    silent: SilentAgent[],
  ): Promise<WriteOutcome[]> {
    let outcome: DispatchOutcome<'apply'>;
    try {
      outcome = await dispatch.submit(
        'apply',
        { target: settings, writes },
        { ...(signal ? { signal } : {}), avoid: silent.map((a) => a.id) },
      );
    } catch (error) {
      throw handoverFailed(error, silent, 'apply');
    }
    if (outcome.state === 'done' && !(!outcome.result.ok && outcome.result.interrupted)) {
      const value = answerOf(outcome.result, 'HRS_TARGET_WRITE_FAILED');
      if (value.outcomes.length !== writes.length) {
        throw new HrsyncError(
          'HRS_TARGET_WRITE_FAILED',
          `${describe(outcome.agent)} answered ${value.outcomes.length} outcomes for ${writes.length} writes.`,
        );
      }
      return [...value.outcomes];
    }
    // The agent fell silent holding the batch: whatever it did, it did not say.
    const lost = outcome.agent;
    const nowSilent = [...silent, lost];
    if (nowSilent.length >= MAX_HANDOVERS) throw handoverFailed(null, nowSilent, 'apply');
    const results: (WriteOutcome | undefined)[] = writes.map((w) =>
      w.kind === 'create'
        ? {
            ok: false,
            code: 'HRS_AGENT_UNAVAILABLE',
            message: `${describe(lost)} stopped answering while creating this account; it is looked up before it is created again`,
            retryable: true,
            ambiguous: true,
          }
        : undefined,
    );
    const again = writes.filter((w) => w.kind !== 'create');
    if (again.length > 0) {
      const redone = await applyWrites(again, signal, nowSilent);
      let next = 0;
      for (let i = 0; i < results.length; i++) if (results[i] === undefined) results[i] = redone[next++];
    }
    return results as WriteOutcome[];
  }
}

function handoverFailed(error: unknown, silent: readonly SilentAgent[], kind: OperationKind): unknown {
  if (error !== null && (!isHrsyncError(error) || error.code !== 'HRS_AGENT_UNAVAILABLE')) return error;
  if (silent.length === 0) return error;
  const who = silent.map(describe).join(', then ');
  const rest = error instanceof Error ? ` ${error.message}` : '';
  return new HrsyncError(
    'HRS_AGENT_UNAVAILABLE',
    `${who} stopped answering during the directory ${kind}, and no other agent of the tenant took over.${rest}`,
  );
}
