/**
 * Reads the tenant with only the attributes mapping, matching and uniqueness need. When the previous
 * run left a cursor (Graph delta link) for the same attribute selection, only changes are read and
 * merged into the cached accounts; the result says what to store, so the cache is written
 * incrementally (a tenant where nothing changed costs no cache writes at all).
 */
import type { Account } from '../core/index.ts';
import type {
  EngineState,
  EngineStore,
  ImpliedName,
  ReadWithin,
  ScopedReservation,
  Target,
  TenantCacheUpdate,
} from './ports.ts';

export interface TenantRead {
  readonly accounts: readonly Account[];
  readonly cursor: string | null;
  readonly incremental: boolean;
  /** What the tenant cache must store after this read. */
  readonly cacheUpdate: TenantCacheUpdate;
  /** Values the tenant holds outside the accounts read (see TargetReadResult.reserved). */
  readonly reserved: Readonly<Record<string, readonly string[]>>;
  /** Names non-accounts hold per container (see TargetReadResult.reservedWithin). */
  readonly reservedWithin: Readonly<Record<string, readonly ScopedReservation[]>>;
  /** Values held implicitly (see TargetReadResult.implied). */
  readonly implied: readonly ImpliedName[];
  /** The container the read covers, when only one (see TargetReadResult.readWithin). */
  readonly readWithin?: ReadWithin;
}

export async function readTarget(
  target: Target,
  attributes: readonly string[],
  state: EngineState,
  store: Pick<EngineStore, 'cachedAccounts'>,
  signal: AbortSignal | undefined,
): Promise<TenantRead> {
  const sameSelection =
    state.targetCursor !== null &&
    state.accountAttributes !== null &&
    state.accountAttributes.length === attributes.length &&
    state.accountAttributes.every((a) => attributes.includes(a));
  // The cache is read while the tenant answers: both are needed before anything is merged.
  const cachedRead = sameSelection ? store.cachedAccounts() : Promise.resolve(null);
  cachedRead.catch(() => {});
  const cursor = sameSelection ? state.targetCursor : null;
  const result = await target.readAccounts({ attributes, cursor, ...(signal ? { signal } : {}) });
  const cached = await cachedRead;
  if (!result.incremental || cached === null) {
    return {
      accounts: result.accounts,
      cursor: result.cursor,
      incremental: false,
      cacheUpdate: { kind: 'replace', accounts: result.accounts },
      reserved: result.reserved ?? {},
      reservedWithin: result.reservedWithin ?? {},
      implied: result.implied ?? [],
      ...(result.readWithin ? { readWithin: result.readWithin } : {}),
    };
  }
  const merged = new Map(cached.map((a) => [a.id, a]));
  const removed = result.removedIds.filter((id) => merged.delete(id));
  const changed: Account[] = [];
  for (const a of result.accounts) {
    const old = merged.get(a.id);
    const next = old ? { id: a.id, attributes: { ...old.attributes, ...a.attributes } } : a;
    merged.set(a.id, next);
    changed.push(next);
  }
  return {
    accounts: [...merged.values()],
    cursor: result.cursor,
    incremental: true,
    cacheUpdate: { kind: 'changes', accounts: changed, removedIds: removed },
    reserved: result.reserved ?? {},
    reservedWithin: result.reservedWithin ?? {},
    implied: result.implied ?? [],
    ...(result.readWithin ? { readWithin: result.readWithin } : {}),
  };
}
