/**
 * Carries out one operation against the local target — the same target, built by the same factory,
 * that the service uses for directory controllers it can reach itself.
 */
import { isHrsyncError } from '../core/index.ts';
import type { Target } from '../engine/ports.ts';
import {
  type OperationError,
  type OperationKind,
  type OperationPayloads,
  type OperationResult,
} from '../targets/remote/index.ts';
import { readPages } from './read-pages.ts';

export interface Executed {
  readonly result: OperationResult;
  /** Pages of a read's accounts, sent before the result. */
  readonly pages: readonly unknown[];
}

function errorOf(error: unknown, fallback: string): OperationError {
  if (isHrsyncError(error)) return { code: error.code, message: error.message, retryable: error.retryable };
  return {
    code: fallback,
    message: error instanceof Error ? error.message : String(error),
    retryable: false,
  };
}

export async function execute(
  kind: OperationKind,
  payload: unknown,
  target: Target,
  signal: AbortSignal,
  /** The largest page body the service takes, as it announced (null: it did not say). */
  pageBytes: number | null,
): Promise<Executed> {
  try {
    switch (kind) {
      case 'read': {
        const p = payload as OperationPayloads['read'];
        const read = await target.readAccounts({ attributes: p.attributes, cursor: p.cursor, signal });
        const split = readPages(read.accounts, pageBytes);
        if (!split.ok) {
          return {
            result: {
              ok: false,
              error: { code: 'HRS_TARGET_READ_FAILED', message: split.message, retryable: false },
            },
            pages: [],
          };
        }
        const { pages } = split;
        return {
          result: {
            ok: true,
            value: {
              cursor: read.cursor,
              incremental: read.incremental,
              removedIds: read.removedIds,
              ...(read.reserved ? { reserved: read.reserved } : {}),
              ...(read.reservedWithin ? { reservedWithin: read.reservedWithin } : {}),
              ...(read.implied ? { implied: read.implied } : {}),
              ...(read.readWithin ? { readWithin: read.readWithin } : {}),
              pages: pages.length,
            },
          },
          pages,
        };
      }
      case 'find': {
        const p = payload as OperationPayloads['find'];
        const accounts = await target.findAccounts(p.attribute, p.value, p.attributes);
        return { result: { ok: true, value: { accounts } }, pages: [] };
      }
      case 'apply': {
        const p = payload as OperationPayloads['apply'];
        const outcomes = await target.apply(p.writes, { signal });
        return { result: { ok: true, value: { outcomes } }, pages: [] };
      }
      case 'test': {
        const p = payload as OperationPayloads['test'];
        const outcome = await target.test(p.containers ? { containers: p.containers } : undefined);
        return {
          result: {
            ok: true,
            value: {
              ok: outcome.ok,
              message: outcome.message,
              ...(outcome.details ? { details: { ...outcome.details } } : {}),
            },
          },
          pages: [],
        };
      }
    }
  } catch (error) {
    const fallback = kind === 'apply' ? 'HRS_TARGET_WRITE_FAILED' : 'HRS_TARGET_READ_FAILED';
    return { result: { ok: false, error: errorOf(error, fallback) }, pages: [] };
  }
}
